package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Sends an email to the contact. */
@JsonClassDescription("Sends an email to the contact")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendEmailStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("template") String subject,
    @JsonPropertyDescription("HTML template") String body,
    @JsonPropertyDescription("plain-text template; default derived from body") String text,
    @JsonPropertyDescription("sender address; default the account's") String from,
    @JsonPropertyDescription("reply-to address") String replyTo,
    @JsonPropertyDescription("track opens and clicks; default true") Boolean track,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next,
    @JsonPropertyDescription("where to go when the action fails after its retries; default end")
        OnError onError)
    implements MessageStep {

  public boolean tracks() {
    return track == null || track;
  }
}
