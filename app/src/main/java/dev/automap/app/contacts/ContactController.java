package dev.automap.app.contacts;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.automap.app.auth.ApiKeyFilter;
import dev.automap.app.paging.PageCursor;
import dev.automap.app.problems.ApiProblem;
import dev.automap.app.problems.ProblemDetail;
import dev.automap.workers.contacts.ContactChanges;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.contacts.ContactDirectory.ContactView;
import dev.automap.workers.contacts.ContactDirectory.NewContact;
import dev.automap.workers.events.EventSource;
import dev.automap.workers.store.Contact;
import dev.automap.workers.timeline.ContactTimeline;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Contacts of the caller's account. A contact of another account is a 404, as one that does not
 * exist: existence does not leak. Changes raise the same events as the actions that make them.
 */
@Tag(name = "Contacts")
@SecurityRequirement(name = dev.automap.app.Application.API_KEY)
@Controller("/v1/contacts")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ContactController {
  private final ContactDirectory contacts;
  private final ContactChanges changes;
  private final ContactTimeline timeline;
  private final JsonMapper json;

  public ContactController(
      ContactDirectory contacts,
      ContactChanges changes,
      ContactTimeline timeline,
      JsonMapper json) {
    this.contacts = contacts;
    this.changes = changes;
    this.timeline = timeline;
    this.json = json;
  }

  /** A contact as the API shows it. */
  @Serdeable
  public record ContactBody(
      String id,
      String email,
      String phone,
      String firstName,
      String lastName,
      String timezone,
      List<String> tags,
      Map<String, Object> fields,
      String ownerId,
      Map<String, Boolean> dnd,
      Integer score,
      Instant createdAt,
      Instant updatedAt) {

    static ContactBody of(ContactView view) {
      var c = view.contact();
      return new ContactBody(
          c.id(),
          c.email(),
          c.phone(),
          c.firstName(),
          c.lastName(),
          c.timezone(),
          view.tags(),
          c.fields(),
          c.ownerId(),
          c.dnd(),
          c.score(),
          c.createdAt(),
          c.updatedAt());
    }
  }

  /** The fields a new contact may carry. */
  @Serdeable
  public record CreateContact(
      @Nullable String email,
      @Nullable String phone,
      @Nullable String firstName,
      @Nullable String lastName,
      @Nullable String timezone,
      @Nullable List<String> tags,
      @Nullable Map<String, Object> fields,
      @Nullable String ownerId,
      @Nullable Map<String, Boolean> dnd,
      @Nullable Integer score) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record ContactList(List<ContactBody> items, @Nullable String cursor) {}

  @Serdeable
  public record TagsBody(@Nullable List<String> tags) {}

  @Serdeable
  public record TimelineItem(
      Instant at, String kind, String type, String summary, Map<String, Object> data) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Timeline(String contactId, List<TimelineItem> items) {}

  @Operation(
      summary = "Create a contact",
      description =
          "Creates a contact; raises `contact.created`. 409 when the email or phone is taken.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              name = "request",
                              value =
                                  "{\"email\": \"ada@example.com\", \"firstName\": \"Ada\", \"tags\": [\"customer\"], \"fields\": {\"plan\": \"pro\"}}"))))
  @ApiResponse(
      responseCode = "201",
      description = "Create a contact",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"id\": \"c_8f2k1\", \"email\": \"ada@example.com\", \"firstName\": \"Ada\", \"tags\": [\"customer\"], \"fields\": {\"plan\": \"pro\"}, \"score\": 5, \"createdAt\": \"2026-03-02T09:00:00Z\"}")))
  @Post
  public HttpResponse<ContactBody> create(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @Body CreateContact body) {
    ContactView view =
        contacts.create(
            account,
            new NewContact(
                body.email(),
                body.phone(),
                body.firstName(),
                body.lastName(),
                body.timezone(),
                body.ownerId(),
                body.score(),
                body.fields(),
                body.dnd(),
                body.tags()));
    return HttpResponse.created(ContactBody.of(view));
  }

  /**
   * By email (any case) or phone (any formatting); without either, the newest contacts, a page at a
   * time: {@code cursor} in the answer, when there are more, asks for the next page.
   */
  @Operation(
      summary = "Find contacts",
      description =
          "By email (any case) or phone (any formatting); without either, the newest contacts,"
              + " cursor-paged (`limit` 1 to 500, default 50; `cursor` from the previous page).")
  @ApiResponse(
      responseCode = "200",
      description = "Find contacts",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"items\": [{\"id\": \"c_8f2k1\", \"email\": \"ada@example.com\", \"firstName\": \"Ada\", \"tags\": [\"customer\"], \"fields\": {\"plan\": \"pro\"}, \"score\": 5, \"createdAt\": \"2026-03-02T09:00:00Z\"}], \"cursor\": null}")))
  @Get
  public ContactList find(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @Nullable @QueryValue String email,
      @Nullable @QueryValue String phone,
      @Nullable @QueryValue Integer limit,
      @Nullable @QueryValue String cursor) {
    int size = PageCursor.limit(limit);
    PageCursor after = PageCursor.after(cursor);
    if (email != null || phone != null) {
      var match =
          email != null
              ? contacts.findByEmail(account, email)
              : contacts.findByPhone(account, phone);
      return new ContactList(
          match.filter(c -> after == null || comesAfter(c.contact(), after)).stream()
              .map(ContactBody::of)
              .toList(),
          null);
    }
    List<ContactView> page =
        contacts.page(
            account, after == null ? null : after.at(), after == null ? "" : after.id(), size + 1);
    String next = null;
    if (page.size() > size) {
      Contact last = page.get(size - 1).contact();
      next = new PageCursor(last.createdAt(), last.id()).write();
    }
    return new ContactList(page.stream().limit(size).map(ContactBody::of).toList(), next);
  }

  /** Whether the contact lies on a later page than the one that ended at {@code after}. */
  private static boolean comesAfter(Contact contact, PageCursor after) {
    int byTime = contact.createdAt().compareTo(after.at());
    return byTime < 0 || (byTime == 0 && contact.id().compareTo(after.id()) > 0);
  }

  @Operation(
      summary = "One contact",
      description = "The contact with its tags, fields, owner, do-not-disturb settings and score.")
  @ApiResponse(
      responseCode = "200",
      description = "One contact",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"id\": \"c_8f2k1\", \"email\": \"ada@example.com\", \"firstName\": \"Ada\", \"tags\": [\"customer\"], \"fields\": {\"plan\": \"pro\"}, \"score\": 5, \"createdAt\": \"2026-03-02T09:00:00Z\"}")))
  @Get("/{id}")
  public ContactBody get(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @PathVariable String id) {
    return ContactBody.of(contacts.get(account, id));
  }

  /**
   * A merge patch: present keys set, null clears, {@code fields} and {@code dnd} merge, {@code
   * tags} replaces.
   */
  @Operation(
      summary = "Change a contact",
      description =
          "A merge patch: present keys set, null clears, `fields` and `dnd` merge, `tags` replaces. Raises the change events maps listen for.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              name = "request",
                              value =
                                  "{\"firstName\": \"Ada L.\", \"fields\": {\"plan\": \"enterprise\"}}"))))
  @ApiResponse(
      responseCode = "200",
      description = "Change a contact",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"id\": \"c_8f2k1\", \"email\": \"ada@example.com\", \"firstName\": \"Ada L.\", \"tags\": [\"customer\"], \"fields\": {\"plan\": \"pro\"}, \"score\": 5, \"createdAt\": \"2026-03-02T09:00:00Z\"}")))
  @Patch("/{id}")
  public ContactBody patch(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String id,
      @Body String body) {
    var read = ContactPatchReader.read(json, body);
    if (!read.errors().isEmpty()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "invalid-contact",
          read.errors().getFirst().message(),
          read.errors());
    }
    return ContactBody.of(changes.patch(account, id, read.patch(), read.tags(), EventSource.api()));
  }

  @Operation(summary = "Delete a contact", description = "Deletes the contact. 204.")
  @Parameter(
      name = "id",
      in = ParameterIn.PATH,
      description = "the contact's id",
      example = "c_8f2k1")
  @ApiResponse(responseCode = "204", description = "Delete a contact")
  @Delete("/{id}")
  public HttpResponse<Void> delete(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @PathVariable String id) {
    changes.delete(account, id, EventSource.api());
    return HttpResponse.noContent();
  }

  @Operation(
      summary = "Add tags",
      description = "Adds tags to the contact (raises `tag.added` for each new one).",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(name = "request", value = "{\"tags\": [\"vip\"]}"))))
  @ApiResponse(
      responseCode = "200",
      description = "Add tags",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"id\": \"c_8f2k1\", \"email\": \"ada@example.com\", \"firstName\": \"Ada\", \"tags\": [\"customer\", \"vip\"], \"fields\": {\"plan\": \"pro\"}, \"score\": 5, \"createdAt\": \"2026-03-02T09:00:00Z\"}")))
  @Post("/{id}/tags")
  public ContactBody addTags(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String id,
      @Body TagsBody body) {
    changes.addTags(account, id, body.tags() == null ? List.of() : body.tags(), EventSource.api());
    return ContactBody.of(contacts.get(account, id));
  }

  @Operation(
      summary = "Remove a tag",
      description = "Removes one tag from the contact (raises `tag.removed`).")
  @ApiResponse(
      responseCode = "200",
      description = "Remove a tag",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"id\": \"c_8f2k1\", \"email\": \"ada@example.com\", \"firstName\": \"Ada\", \"tags\": [], \"fields\": {\"plan\": \"pro\"}, \"score\": 5, \"createdAt\": \"2026-03-02T09:00:00Z\"}")))
  @Delete("/{id}/tags/{tag}")
  public ContactBody removeTag(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String id,
      @PathVariable String tag) {
    changes.removeTags(account, id, List.of(tag), EventSource.api());
    return ContactBody.of(contacts.get(account, id));
  }

  /** What happened to the contact, newest first: events, enrollments, steps, notes, tasks. */
  @Operation(
      summary = "What happened to a contact",
      description =
          "What happened to the contact, newest first: events, enrollments, steps, notes, tasks.")
  @ApiResponse(
      responseCode = "200",
      description = "What happened to a contact",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"contactId\": \"c_8f2k1\", \"items\": [{\"at\": \"2026-03-02T09:00:05Z\", \"kind\": \"step\", \"type\": \"add_tags\", \"summary\": \"welcome: tag done\", \"data\": {\"automationKey\": \"welcome\", \"step\": \"tag\"}}]}")))
  @Get("/{id}/timeline")
  public Timeline timeline(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String id,
      @Nullable @QueryValue Integer limit) {
    var items =
        timeline.of(account, id, limit(limit, 100)).stream()
            .map(i -> new TimelineItem(i.at(), i.kind(), i.type(), i.summary(), i.data()))
            .toList();
    return new Timeline(id, items);
  }

  private static int limit(Integer limit, int otherwise) {
    if (limit == null) {
      return otherwise;
    }
    if (limit < 1 || limit > ContactTimeline.MAX_LIMIT) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "invalid-request",
          "limit is between 1 and " + ContactTimeline.MAX_LIMIT,
          List.of(new ProblemDetail.FieldError("?limit", "1 to " + ContactTimeline.MAX_LIMIT)));
    }
    return limit;
  }
}
