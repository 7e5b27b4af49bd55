package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import dev.automap.workers.temporal.PayloadCompression;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * engine.md, "Data kept out of history": a run that mails, texts, looks a contact up and branches
 * and waits on event data sent with the contact's email, phone and names leaves none of them in its
 * Temporal history, while everything it did still used them.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactDataOutOfHistoryTest extends ApiTestSupport {

  @Inject WorkflowClient temporal;

  /** The run as last read, told when it does not get where it should. */
  String lastSeen;

  @Override
  HttpResponse<Map<String, Object>> call(MutableHttpRequest<?> request) {
    return super.call(auth(request));
  }

  @Test
  void aRunsHistoryHoldsNoneOfTheContactsDataWhileItsStepsUseIt() throws InterruptedException {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String email = "zq-" + tag + "@pii-example.test";
    String phone = "+1555" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    String firstName = "Zebulonia" + tag;
    String lastName = "Quartermaine" + tag;
    String key = "pii-" + tag;
    publish(
        """
        {"key": "%s", "start": "plan?",
         "triggers": [{"event": "form.submitted"}],
         "steps": [
           {"id": "plan?", "type": "branch",
            "branches": [{"when": {"field": "event.data.plan", "op": "eq", "value": "pro"}, "next": "mail"}],
            "else": "basic"},
           {"id": "basic", "type": "add_tags", "tags": ["basic"]},
           {"id": "mail", "type": "send_email", "subject": "Welcome {{contact.firstName}} {{event.data.lastName}}",
            "body": "<p>Hi {{contact.firstName}} {{contact.lastName}}, we write to {{event.data.email}}</p>", "next": "text"},
           {"id": "text", "type": "send_sms", "body": "Hi {{contact.firstName}}, this is {{contact.phone}}", "next": "find"},
           {"id": "find", "type": "find_contact", "by": {"email": "{{event.data.email}}"}, "saveAs": "found", "next": "referrer"},
           {"id": "referrer", "type": "find_contact", "by": {"email": "{{contact.lastName}}@elsewhere.test"}, "saveAs": "referrer", "next": "confirm"},
           {"id": "confirm", "type": "wait_for",
            "event": {"event": "form.confirmed", "where": {"field": "event.data.answer", "op": "eq", "value": "yes"}},
            "timeout": "P1D", "next": "pro", "onTimeout": "basic"},
           {"id": "pro", "type": "add_tags", "tags": ["pro-confirmed"], "next": "done"},
           {"id": "done", "type": "end"}]}"""
            .formatted(key));
    var created =
        call(
            HttpRequest.POST(
                "/v1/contacts",
                Map.of(
                    "email", email, "phone", phone, "firstName", firstName, "lastName", lastName)));
    assertThat(created.code()).as(String.valueOf(created.getBody(JSON))).isEqualTo(201);
    String contactId = (String) body(created).get("id");
    String runId = "default:" + key + ":" + contactId;

    send(
        """
        {"type": "form.submitted", "contactId": "%s",
         "data": {"plan": "pro", "email": "%s", "phone": "%s", "firstName": "%s", "lastName": "%s"}}"""
            .formatted(contactId, email, phone, firstName, lastName));
    eventually(
        "the run waits at confirm",
        () -> {
          lastSeen = body(call(HttpRequest.GET("/v1/enrollments/" + runId))).toString();
          return lastSeen.contains("steps=[confirm]") && lastSeen.contains("state=waiting");
        });
    send(
        """
        {"type": "form.confirmed", "contactId": "%s",
         "data": {"answer": "no", "email": "%s", "firstName": "%s"}}"""
            .formatted(contactId, email, firstName));
    send(
        """
        {"type": "form.confirmed", "contactId": "%s",
         "data": {"answer": "yes", "email": "%s", "firstName": "%s", "lastName": "%s"}}"""
            .formatted(contactId, email, firstName, lastName));
    eventually(
        "the run completed",
        () -> {
          lastSeen = body(call(HttpRequest.GET("/v1/enrollments/" + runId))).toString();
          return lastSeen.contains("state=completed");
        });

    // what the run did used the data: the branch and the wait judged event data, the messages
    // were rendered from contact and event, and the lookup found the contact by the event's email
    assertThat(tags(contactId)).contains("pro-confirmed").doesNotContain("basic");
    @SuppressWarnings("unchecked")
    var status =
        (Map<String, Object>) body(call(HttpRequest.GET("/v1/enrollments/" + runId))).get("status");
    assertThat(status.get("vars").toString()).contains("found=" + contactId);
    @SuppressWarnings("unchecked")
    var messages =
        (List<Map<String, Object>>)
            body(call(HttpRequest.GET("/v1/messages?contactId=" + contactId))).get("items");
    // this run's messages (maps of other tests on the same account may send the contact theirs)
    messages = messages.stream().filter(m -> runId.equals(m.get("workflowId"))).toList();
    assertThat(messages).extracting(m -> m.get("channel")).containsExactly("sms", "email");
    assertThat(messages.get(1))
        .containsEntry("to", email)
        .containsEntry("subject", "Welcome " + firstName + " " + lastName);
    // the body as rendered, then the tracking pixel and unsubscribe link every email carries
    assertThat((String) messages.get(1).get("body"))
        .startsWith("<p>Hi " + firstName + " " + lastName + ", we write to " + email + "</p>");
    assertThat(messages.get(0))
        .containsEntry("to", phone)
        .containsEntry("body", "Hi " + firstName + ", this is " + phone);

    List<String> texts = new ArrayList<>();
    var history = temporal.fetchHistory(runId).getHistory();
    for (HistoryEvent event : history.getEventsList()) {
      collect(event, texts);
    }
    assertThat(texts).as("the history was read").isNotEmpty();
    assertThat(String.join("\n", texts)).as("the history names the steps").contains("mail");
    Payload input =
        history.getEvents(0).getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0);
    assertThat(PayloadCompression.compressed(input)).as("the input, with its map").isTrue();
    assertThat(String.join("\n", texts))
        .as("the compressed input is read inflated")
        .contains("form.confirmed", "pro-confirmed");
    for (String secret : List.of(email, phone, phone.substring(1), firstName, lastName)) {
      List<String> leaks =
          texts.stream().filter(t -> t.toLowerCase().contains(secret.toLowerCase())).toList();
      assertThat(leaks).as("payloads of the history holding " + secret).isEmpty();
    }
  }

  /**
   * Every text a history event holds: its strings, and each payload's data decoded (a compressed
   * one inflated first; JSON and plain text payloads are UTF-8), whatever field of whatever event
   * it sits in.
   */
  static void collect(Object value, List<String> into) {
    switch (value) {
      case Payload payload ->
          into.add(
              new PayloadCompression()
                  .decode(List.of(payload))
                  .getFirst()
                  .getData()
                  .toStringUtf8());
      case Message message ->
          message.getAllFields().values().forEach(field -> collect(field, into));
      case List<?> list -> list.forEach(item -> collect(item, into));
      case Map<?, ?> map -> map.values().forEach(item -> collect(item, into));
      case String text -> into.add(text);
      case ByteString bytes -> into.add(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
      default -> {}
    }
  }

  void publish(String map) {
    var saved = call(HttpRequest.POST("/v1/automations", map).contentType("application/json"));
    assertThat(saved.code()).as(String.valueOf(saved.getBody(JSON))).isEqualTo(201);
    var published =
        call(HttpRequest.POST("/v1/automations/" + body(saved).get("key") + "/publish", ""));
    assertThat(published.code()).as(String.valueOf(published.getBody(JSON))).isEqualTo(200);
  }

  void send(String event) {
    var response = call(HttpRequest.POST("/v1/events", event).contentType("application/json"));
    assertThat(response.code())
        .as(String.valueOf(response.getBody(JSON)))
        .isEqualTo(HttpStatus.ACCEPTED.getCode());
    assertThat(body(response).toString()).contains("accepted=true");
  }

  @SuppressWarnings("unchecked")
  List<String> tags(String contactId) {
    Object tags = body(call(HttpRequest.GET("/v1/contacts/" + contactId))).get("tags");
    return tags == null ? List.of() : (List<String>) tags;
  }

  void eventually(String what, Supplier<Boolean> condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!condition.get()) {
      if (Instant.now().isAfter(deadline)) {
        fail("not within 30 s: " + what + "; last seen: " + lastSeen);
      }
      Thread.sleep(100);
    }
  }
}
