package dev.automap.app.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.automap.app.auth.ApiKeyFilter;
import dev.automap.app.problems.ApiProblem;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.messages.Messages;
import dev.automap.workers.store.Message;
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
 * The messages the engine produced for a contact of the caller's account, newest first, as they
 * went out or would have: {@code captured} (kept here, not sent: no provider configured), {@code
 * queued}, {@code sent}, {@code suppressed} or {@code failed}, with the reason. A contact of
 * another account is a 404, as one that does not exist.
 */
@Tag(name = "Messages")
@SecurityRequirement(name = dev.automap.app.Application.API_KEY)
@Controller("/v1/messages")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MessageController {
  static final int MAX_LIMIT = 500;

  private final Messages messages;
  private final ContactDirectory contacts;

  public MessageController(Messages messages, ContactDirectory contacts) {
    this.messages = messages;
    this.contacts = contacts;
  }

  /** A message as the API shows it. */
  @Serdeable
  public record MessageBody(
      String id,
      String channel,
      String to,
      String subject,
      String body,
      String status,
      String reason,
      String stepId,
      String workflowId,
      Instant createdAt,
      Instant sentAt) {

    static MessageBody of(Message m) {
      return new MessageBody(
          m.id(),
          m.channel(),
          m.toAddress(),
          m.subject(),
          m.body(),
          m.status(),
          m.reason(),
          m.stepId(),
          m.workflowId(),
          m.createdAt(),
          m.sentAt());
    }
  }

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record MessageList(List<MessageBody> items) {}

  @Operation(
      summary = "List messages",
      description =
          "Messages the engine produced, rendered as sent, with status (`captured`, `queued`, `sent`, `suppressed`, `failed`) and reason.")
  @ApiResponse(
      responseCode = "200",
      description = "List messages",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"items\": [{\"id\": \"msg_1\", \"channel\": \"email\", \"to\": \"ada@example.com\", \"subject\": \"Welcome Ada\", \"status\": \"captured\", \"reason\": \"no SMTP configured: captured, not sent\"}]}")))
  @Get
  public MessageList list(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @Nullable @QueryValue String contactId,
      @Nullable @QueryValue Integer limit) {
    if (contactId == null || contactId.isBlank()) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "contactId is required");
    }
    int max = limit == null ? 50 : limit;
    if (max < 1 || max > MAX_LIMIT) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "invalid-request", "limit is between 1 and " + MAX_LIMIT);
    }
    contacts.get(account, contactId); // 404 for a contact this account does not have
    return new MessageList(
        messages.latestOf(account, contactId, max).stream().map(MessageBody::of).toList());
  }
}
