package dev.automap.app.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.automap.app.problems.ApiProblem;
import dev.automap.app.problems.ProblemDetail;
import dev.automap.app.problems.Problems;
import dev.automap.definitions.model.MapJson;
import dev.automap.workers.routing.EventIngestion;
import dev.automap.workers.tracking.EmailFeedback;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;

/**
 * Replies to email, as an inbound mail service posts them: {@code POST /hooks/email/inbound} with
 * JSON {@code from, to, subject, text, inReplyTo}. {@code inReplyTo} is the {@code Message-ID} of
 * the email answered (as its {@code In-Reply-To} header says); {@code email.replied} is raised for
 * the step that sent it. Like the other hooks it needs no API key: the {@code Message-ID} of an
 * email sent from here is the secret, and one naming no such email is a 404 that changes nothing.
 */
@Tag(name = "Hooks")
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class InboundEmailController {
  private static final int MAX_TEXT = 100_000;
  private final EmailFeedback feedback;

  public InboundEmailController(EmailFeedback feedback) {
    this.feedback = feedback;
  }

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Received(
      String id,
      boolean accepted,
      boolean duplicate,
      List<String> signaled,
      List<ProblemDetail.FieldError> errors) {}

  @Operation(
      summary = "Receive an email reply",
      description =
          "A reply as an inbound mail service posts it: from, to, subject, text and inReplyTo, the Message-ID of the email answered. Raises email.replied for the step that sent that email. Needs no API key: the Message-ID is the secret, and one naming no email sent from here is a 404 that changes nothing.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              name = "request",
                              value =
                                  "{\"from\": \"ada@example.com\", \"to\": \"hi@acme.test\", \"subject\": \"Re: Welcome\", \"text\": \"Yes, let's talk on Tuesday.\", \"inReplyTo\": \"<msg_5v1c9x3m7q2k8b4n0z6d@acme.test>\"}"))))
  @ApiResponse(
      responseCode = "202",
      description = "The reply, kept",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"id\": \"reply_3f9a1c7e5b2d8046a1c3e5f7b9d02468\", \"accepted\": true, \"duplicate\": false, \"signaled\": [\"acme:welcome:c_9x2m4q8k1v7c3b5n0z6d\"], \"errors\": []}")))
  @Post("/hooks/email/inbound")
  @Consumes(MediaType.APPLICATION_JSON)
  public HttpResponse<Received> receive(@Nullable @Body String body) {
    JsonNode node;
    try {
      node = body == null || body.isBlank() ? null : MapJson.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw invalid(List.of(new ProblemDetail.FieldError("", "a JSON object is required")));
    }
    List<ProblemDetail.FieldError> errors = new ArrayList<>();
    String inReplyTo = text(node, "inReplyTo", errors, 1000);
    String from = text(node, "from", errors, 1000);
    String to = text(node, "to", errors, 1000);
    String subject = text(node, "subject", errors, 1000);
    String text = text(node, "text", errors, MAX_TEXT);
    if (inReplyTo == null && errors.stream().noneMatch(e -> e.path().equals("/inReplyTo"))) {
      errors.add(new ProblemDetail.FieldError("/inReplyTo", "required: the Message-ID replied to"));
    }
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    EventIngestion.Outcome outcome =
        feedback
            .replied(new EmailFeedback.Reply(from, to, subject, text, inReplyTo))
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        "no email sent from here has the Message-ID " + quoted(inReplyTo)));
    if (!outcome.accepted()) {
      throw new ApiProblem(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "invalid-inbound-email",
          "the reply was not kept: the contact of the email it answers cannot be used",
          Problems.fieldErrors(outcome.errors()));
    }
    return HttpResponse.accepted()
        .body(new Received(outcome.id(), true, outcome.duplicate(), outcome.signaled(), List.of()));
  }

  private static String text(
      JsonNode node, String field, List<ProblemDetail.FieldError> errors, int max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      errors.add(new ProblemDetail.FieldError("/" + field, "must be text"));
      return null;
    }
    if (value.asText().length() > max) {
      errors.add(new ProblemDetail.FieldError("/" + field, "at most " + max + " characters"));
      return null;
    }
    return value.asText();
  }

  private static String quoted(String s) {
    String shown = s.length() > 200 ? s.substring(0, 200) + "…" : s;
    return "\"" + shown + "\"";
  }

  private static ApiProblem invalid(List<ProblemDetail.FieldError> errors) {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "invalid-inbound-email",
        "the reply cannot be read: " + errors.getFirst().path() + " " + errors.getFirst().message(),
        errors);
  }
}
