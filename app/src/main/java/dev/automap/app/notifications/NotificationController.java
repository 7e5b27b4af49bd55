package dev.automap.app.notifications;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.automap.app.auth.ApiKeyFilter;
import dev.automap.app.problems.ApiProblem;
import dev.automap.workers.store.Message;
import dev.automap.workers.store.MessageRepository;
import dev.automap.workers.store.UserRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
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
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/notifications?userId=}: the in-app notifications {@code notify} stored for a user
 * of the caller's account, newest first. A user the account does not have is a 404.
 */
@Tag(name = "Messages")
@SecurityRequirement(name = dev.automap.app.Application.API_KEY)
@Controller("/v1/notifications")
@ExecuteOn(TaskExecutors.BLOCKING)
public class NotificationController {
  static final int MAX_LIMIT = 500;

  private final MessageRepository messages;
  private final UserRepository users;

  public NotificationController(MessageRepository messages, UserRepository users) {
    this.messages = messages;
    this.users = users;
  }

  /** A notification as the API shows it: what it says, and the contact it is about. */
  @Serdeable
  public record NotificationBody(
      String id,
      String userId,
      String contactId,
      String subject,
      String body,
      String workflowId,
      String stepId,
      Instant createdAt) {
    static NotificationBody of(Message m) {
      return new NotificationBody(
          m.id(),
          m.toAddress(),
          m.contactId(),
          m.subject(),
          m.body(),
          m.workflowId(),
          m.stepId(),
          m.createdAt());
    }
  }

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record NotificationList(List<NotificationBody> items) {}

  @Operation(
      summary = "List a user's notifications",
      description =
          "The in-app notifications notify steps stored for a user of the account (userId, required), newest first; limit is 1 to 500, default 50. A user the account does not have is a 404.")
  @ApiResponse(
      responseCode = "200",
      description = "The user's notifications",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"items\": [{\"id\": \"msg_5v1c9x3m7q2k8b4n0z6d\", \"userId\": \"u_2k9d7f1m3q8x5c0v4b6n\", \"contactId\": \"c_9x2m4q8k1v7c3b5n0z6d\", \"subject\": \"New lead\", \"body\": \"Ada Lovelace asked for a demo\", \"workflowId\": \"acme:welcome:c_9x2m4q8k1v7c3b5n0z6d\", \"stepId\": \"tell_sales\", \"createdAt\": \"2026-11-29T10:15:00Z\"}]}")))
  @Get
  public NotificationList list(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @Nullable @QueryValue String userId,
      @Nullable @QueryValue Integer limit) {
    if (userId == null || userId.isBlank()) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "userId is required");
    }
    int max = limit == null ? 50 : limit;
    if (max < 1 || max > MAX_LIMIT) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "invalid-request", "limit is between 1 and " + MAX_LIMIT);
    }
    if (users.findByIdAndAccountId(userId, account).isEmpty()) {
      throw ApiProblem.notFound("no user \"" + userId + "\"");
    }
    return new NotificationList(
        messages.notificationsOf(account, userId, max).stream().map(NotificationBody::of).toList());
  }
}
