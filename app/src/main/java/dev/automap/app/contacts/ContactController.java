package dev.automap.app.contacts;

import dev.automap.app.auth.ApiKeyFilter;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.contacts.ContactDirectory.ContactView;
import dev.automap.workers.contacts.ContactDirectory.NewContact;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

@Controller("/v1/contacts")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ContactController {
  private final ContactDirectory contacts;

  public ContactController(ContactDirectory contacts) {
    this.contacts = contacts;
  }

  /** A contact as the API shows it. */
  @Serdeable
  public record ContactBody(
      String id, String email, String phone, String firstName, String lastName, String timezone,
      List<String> tags, Map<String, Object> fields, String ownerId, Map<String, Boolean> dnd, Integer score,
      Instant createdAt, Instant updatedAt) {

    static ContactBody of(ContactView view) {
      var c = view.contact();
      return new ContactBody(c.id(), c.email(), c.phone(), c.firstName(), c.lastName(), c.timezone(),
          view.tags(), c.fields(), c.ownerId(), c.dnd(), c.score(), c.createdAt(), c.updatedAt());
    }
  }

  /** The fields a new contact may carry. */
  @Serdeable
  public record CreateContact(
      @Nullable String email, @Nullable String phone, @Nullable String firstName, @Nullable String lastName,
      @Nullable String timezone, @Nullable List<String> tags, @Nullable Map<String, Object> fields,
      @Nullable String ownerId, @Nullable Map<String, Boolean> dnd, @Nullable Integer score) {}

  @Post
  public HttpResponse<ContactBody> create(@RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @Body CreateContact body) {
    ContactView view = contacts.create(account, new NewContact(body.email(), body.phone(), body.firstName(),
        body.lastName(), body.timezone(), body.ownerId(), body.score(), body.fields(), body.dnd(), body.tags()));
    return HttpResponse.created(ContactBody.of(view));
  }

  @Get("/{id}")
  public ContactBody get(@RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @PathVariable String id) {
    return ContactBody.of(contacts.get(account, id));
  }
}
