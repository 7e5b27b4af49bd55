package dev.automap.app.crm;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.automap.app.auth.ApiKeyFilter;
import dev.automap.workers.contacts.AccountUsers;
import dev.automap.workers.store.User;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** The account's users: owners of contacts, followers, assignees of tasks. */
@Tag(name = "CRM")
@SecurityRequirement(name = dev.automap.app.Application.API_KEY)
@Controller("/v1/users")
@ExecuteOn(TaskExecutors.BLOCKING)
public class UserController {
  private final AccountUsers users;

  public UserController(AccountUsers users) {
    this.users = users;
  }

  /** A new user; without an id one is made up. */
  @Serdeable
  public record NewUser(
      @Nullable String id, @Nullable String name, @Nullable String email, @Nullable String phone) {}

  @Serdeable
  public record UserBody(String id, String name, String email, String phone) {
    static UserBody of(User u) {
      return new UserBody(u.id(), u.name(), u.email(), u.phone());
    }
  }

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record UserList(List<UserBody> items) {}

  @Operation(
      summary = "Create a user",
      description =
          "Creates a user of the account: an owner that `assign_owner` and `notify` steps can name.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              name = "request",
                              value = "{\"name\": \"Grace\", \"email\": \"grace@example.com\"}"))))
  @ApiResponse(
      responseCode = "201",
      description = "Create a user",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"id\": \"u_1\", \"name\": \"Grace\", \"email\": \"grace@example.com\", \"phone\": null}")))
  @Post
  public HttpResponse<UserBody> create(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @Body NewUser body) {
    return HttpResponse.created(
        UserBody.of(users.add(account, body.id(), body.name(), body.email(), body.phone())));
  }

  @Operation(summary = "List users", description = "The account's users.")
  @ApiResponse(
      responseCode = "200",
      description = "List users",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"items\": [{\"id\": \"u_1\", \"name\": \"Grace\", \"email\": \"grace@example.com\", \"phone\": null}]}")))
  @Get
  public UserList list(@RequestAttribute(ApiKeyFilter.ACCOUNT) String account) {
    return new UserList(users.list(account).stream().map(UserBody::of).toList());
  }
}
