package dev.automap.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.automap.workers.contacts.AccountUsers;
import dev.automap.workers.messages.Twilio;
import dev.automap.workers.store.MessageRepository;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Messages that come back, over HTTP: an SMS sent through an HTTP peer playing Twilio, Twilio's
 * signed status callback and reply at {@code /hooks/twilio} (a forged one refused), the reply
 * taking a waiting run's branch, STOP setting DND; account settings; in-app notifications.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelsApiTest extends ApiTestSupport {
  static final String SID = "AC00000000000000000000000000000001";
  static final String TOKEN = "token-of-the-test-twilio";
  static final String PUBLIC = "https://automap.example.test";
  static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";
  static WireMockServer twilio;

  @Inject AccountUsers users;

  @Override
  public Map<String, String> getProperties() {
    if (twilio == null) {
      twilio =
          new WireMockServer(
              options().bindAddress("127.0.0.1").dynamicPort().globalTemplating(true));
      twilio.start();
      twilio.stubFor(
          WireMock.post(urlEqualTo(MESSAGES))
              .willReturn(
                  aResponse()
                      .withStatus(201)
                      .withHeader("Content-Type", "application/json")
                      .withBody(
                          "{\"sid\": \"SM{{randomValue length=32 type='ALPHANUMERIC'}}\","
                              + " \"status\": \"queued\"}")));
    }
    Map<String, String> props = new HashMap<>(EmbeddedStack.properties());
    props.put("automap.twilio.base-url", twilio.baseUrl());
    props.put("automap.twilio.account-sid", SID);
    props.put("automap.twilio.auth-token", TOKEN);
    props.put("automap.twilio.from", "+15550009999");
    props.put("automap.public-url", PUBLIC);
    props.put("automap.ai.api-key", "sk-channels-test");
    props.put("automap.ai.model", "gpt-test");
    return props;
  }

  @AfterAll
  void stopTwilio() {
    twilio.stop();
  }

  static void eventually(String what, Supplier<Boolean> condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!condition.get()) {
      if (Instant.now().isAfter(deadline)) {
        fail("not within 30 s: " + what);
      }
      Thread.sleep(100);
    }
  }

  HttpResponse<Map<String, Object>> publish(String map) {
    var saved =
        call(auth(HttpRequest.POST("/v1/automations", map).contentType("application/json")));
    assertThat(saved.code()).as(String.valueOf(saved.getBody(JSON))).isEqualTo(201);
    String key = (String) body(saved).get("key");
    return call(auth(HttpRequest.POST("/v1/automations/" + key + "/publish", "")));
  }

  String newContact(Map<String, Object> contact) {
    var created = call(auth(HttpRequest.POST("/v1/contacts", contact)));
    assertThat(created.code()).as(String.valueOf(created.getBody(JSON))).isEqualTo(201);
    return (String) body(created).get("id");
  }

  Map<String, Object> contact(String id) {
    return body(call(auth(HttpRequest.GET("/v1/contacts/" + id))));
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> messagesOf(String contactId) {
    return (List<Map<String, Object>>)
        body(call(auth(HttpRequest.GET("/v1/messages?contactId=" + contactId)))).get("items");
  }

  /** Calls the hook as Twilio does: form-encoded, signed over the public URL and the params. */
  HttpResponse<Map<String, Object>> twilioCalls(Map<String, String> params, String token) {
    StringBuilder form = new StringBuilder();
    params.forEach(
        (k, v) ->
            form.append(form.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return call(
        HttpRequest.POST("/hooks/twilio", form.toString())
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .header(
                "X-Twilio-Signature", Twilio.signature(token, PUBLIC + "/hooks/twilio", params)));
  }

  @Test
  void anSmsReplyTakesTheWaitingRunsBranchAndStatusesAndStopComeBackSigned()
      throws InterruptedException {
    String key = unique("sms-reply");
    var published =
        publish(
            """
            {"key": "%s", "start": "text", "steps": [
              {"id": "text", "type": "send_sms", "body": "Still keen, {{contact.firstName}}?",
               "next": "replied?"},
              {"id": "replied?", "type": "wait_for",
               "event": {"event": "sms.replied", "fromStep": "text"},
               "timeout": "PT10M", "next": "yes", "onTimeout": "no"},
              {"id": "yes", "type": "add_tags", "tags": ["replied-by-sms"]},
              {"id": "no", "type": "add_tags", "tags": ["silent"]}]}"""
                .formatted(key));
    assertThat(published.code()).as(String.valueOf(published.getBody(JSON))).isEqualTo(200);
    String phone = "+1555" + (1000000 + (int) (Math.random() * 8999999));
    String contactId = newContact(Map.of("firstName", "Ada", "phone", phone));
    var enrolled =
        call(
            auth(
                HttpRequest.POST(
                    "/v1/automations/" + key + "/enrollments", Map.of("contactId", contactId))));
    assertThat(enrolled.code()).isEqualTo(201);
    String runId = "default:" + key + ":" + contactId;
    eventually(
        "the run waits for the reply",
        () ->
            body(call(auth(HttpRequest.GET("/v1/enrollments/" + runId))))
                .toString()
                .contains("state=waiting"));
    Map<String, Object> message = messagesOf(contactId).getFirst();
    assertThat(message).containsEntry("status", "sent").containsEntry("channel", "sms");
    var sentToTwilio =
        twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES))).stream()
            .filter(
                r -> r.getBodyAsString().contains(URLEncoder.encode(phone, StandardCharsets.UTF_8)))
            .toList();
    assertThat(sentToTwilio).hasSize(1);
    assertThat(sentToTwilio.getFirst().getBodyAsString())
        .contains("Body=Still+keen%2C+Ada%3F")
        .contains(
            "StatusCallback="
                + URLEncoder.encode(PUBLIC + "/hooks/twilio", StandardCharsets.UTF_8));
    String sid = sidOf(contactId);

    // a status callback signed with another token: refused, nothing changes
    Map<String, String> delivered = new LinkedHashMap<>();
    delivered.put("AccountSid", SID);
    delivered.put("MessageSid", sid);
    delivered.put("MessageStatus", "delivered");
    delivered.put("To", phone);
    var forged = twilioCalls(delivered, "not-the-token");
    assertThat(forged.code()).isEqualTo(403);
    assertThat(messagesOf(contactId).getFirst()).containsEntry("status", "sent");

    var accepted = twilioCalls(delivered, TOKEN);
    assertThat(accepted.code()).as(String.valueOf(accepted.getBody(JSON))).isEqualTo(200);
    assertThat(messagesOf(contactId).getFirst()).containsEntry("status", "delivered");
    assertThat(eventTypes(contactId)).contains("sms.sent", "sms.delivered");
    assertThat(twilioCalls(delivered, TOKEN).code())
        .as("a repeat raises nothing twice")
        .isEqualTo(200);
    assertThat(eventTypes(contactId).stream().filter("sms.delivered"::equals)).hasSize(1);

    Map<String, String> reply = new LinkedHashMap<>();
    reply.put("AccountSid", SID);
    reply.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
    reply.put("From", phone);
    reply.put("To", "+15550009999");
    reply.put("Body", "Yes please");
    assertThat(twilioCalls(reply, TOKEN).code()).isEqualTo(200);
    eventually(
        "the reply takes the branch",
        () -> String.valueOf(contact(contactId).get("tags")).contains("replied-by-sms"));
    assertThat(String.valueOf(contact(contactId).get("tags"))).doesNotContain("silent");

    Map<String, String> stop = new LinkedHashMap<>(reply);
    stop.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
    stop.put("Body", "STOP");
    assertThat(twilioCalls(stop, TOKEN).code()).isEqualTo(200);
    assertThat(String.valueOf(contact(contactId).get("dnd"))).contains("sms=true");
  }

  @Inject MessageRepository messageRows;

  /** Twilio's sid of the contact's message, as kept when Twilio accepted it. */
  String sidOf(String contactId) {
    String messageId = (String) messagesOf(contactId).getFirst().get("id");
    return messageRows.providerIdOf(messageId).orElseThrow();
  }

  @SuppressWarnings("unchecked")
  List<String> eventTypes(String contactId) {
    var events =
        (List<Map<String, Object>>)
            body(call(auth(HttpRequest.GET("/v1/contacts/" + contactId + "/timeline"))))
                .get("items");
    return events.stream().map(e -> String.valueOf(e.get("type"))).toList();
  }

  @Test
  void settingsAreKeptWholeAndRefusedWithTheirPlaces() {
    var put =
        call(
            auth(
                HttpRequest.PUT(
                        "/v1/settings",
                        "{\"frequencyCaps\": {\"email\": {\"max\": 3, \"per\": \"P7D\"}},"
                            + " \"quietHours\": {\"from\": \"21:00\", \"to\": \"08:00\","
                            + " \"timezone\": \"contact\"}, \"from\": \"Acme <hi@acme.test>\"}")
                    .contentType("application/json")));
    assertThat(put.code()).as(String.valueOf(put.getBody(JSON))).isEqualTo(200);
    var got = body(call(auth(HttpRequest.GET("/v1/settings"))));
    assertThat(got.get("frequencyCaps")).isEqualTo(Map.of("email", Map.of("max", 3, "per", "P7D")));
    assertThat(got).containsEntry("from", "Acme <hi@acme.test>");

    var bad =
        call(
            auth(
                HttpRequest.PUT(
                        "/v1/settings",
                        "{\"frequencyCaps\": {\"email\": {\"max\": -1, \"per\": \"weekly\"},"
                            + " \"fax\": {\"max\": 1, \"per\": \"P1D\"}}, \"from\": \"nobody\"}")
                    .contentType("application/json")));
    assertThat(bad.code()).isEqualTo(400);
    assertThat(body(bad).get("errors").toString())
        .contains("/frequencyCaps/email/max")
        .contains("/frequencyCaps/email/per")
        .contains("/frequencyCaps/fax")
        .contains("/from");
    assertThat(body(call(auth(HttpRequest.GET("/v1/settings")))).get("frequencyCaps"))
        .as("nothing kept")
        .isEqualTo(Map.of("email", Map.of("max", 3, "per", "P7D")));
    assertThat(call(HttpRequest.GET("/v1/settings")).code()).isEqualTo(401);
    var cleared = call(auth(HttpRequest.PUT("/v1/settings", "{}").contentType("application/json")));
    assertThat(cleared.code()).isEqualTo(200);
  }

  @Test
  @SuppressWarnings("unchecked")
  void notifyingATeamInAppReachesEveryMember() throws InterruptedException {
    String team = unique("desk");
    String ana = users.add("default", unique("ana"), "Ana", null, null).id();
    String ben = users.add("default", unique("ben"), "Ben", null, null).id();
    users.addToTeam("default", team, List.of(ana, ben));
    String key = unique("tell-team");
    var published =
        publish(
            """
            {"key": "%s", "start": "tell", "steps": [
              {"id": "tell", "type": "notify", "to": "team:%s", "channel": "in_app",
               "body": "New lead: {{contact.firstName}}"}]}"""
                .formatted(key, team));
    assertThat(published.code()).as(String.valueOf(published.getBody(JSON))).isEqualTo(200);
    String contactId = newContact(Map.of("firstName", "Grace"));
    call(
        auth(
            HttpRequest.POST(
                "/v1/automations/" + key + "/enrollments", Map.of("contactId", contactId))));
    for (String user : List.of(ana, ben)) {
      eventually(
          user + " is notified",
          () ->
              !((List<?>)
                      body(call(auth(HttpRequest.GET("/v1/notifications?userId=" + user))))
                          .get("items"))
                  .isEmpty());
      var items =
          (List<Map<String, Object>>)
              body(call(auth(HttpRequest.GET("/v1/notifications?userId=" + user)))).get("items");
      assertThat(items)
          .singleElement()
          .satisfies(
              n -> {
                assertThat(n)
                    .containsEntry("userId", user)
                    .containsEntry("contactId", contactId)
                    .containsEntry("body", "New lead: Grace")
                    .containsEntry("stepId", "tell");
              });
    }
    assertThat(call(auth(HttpRequest.GET("/v1/notifications?userId=nobody"))).code())
        .isEqualTo(404);
    assertThat(call(auth(HttpRequest.GET("/v1/notifications"))).code()).isEqualTo(400);
  }

  @Test
  void aConfiguredAiPromptIsPublishedAndALiteralInternalWebhookIsNot() {
    var ai =
        publish(
            """
            {"key": "%s", "start": "ask", "steps": [
              {"id": "ask", "type": "ai_prompt", "prompt": "Summarise {{contact.firstName}}",
               "saveAs": "summary"}]}"""
                .formatted(unique("ask")));
    assertThat(ai.code()).as(String.valueOf(ai.getBody(JSON))).isEqualTo(200);

    var hook =
        publish(
            """
            {"key": "%s", "start": "call", "steps": [
              {"id": "call", "type": "webhook", "url": "http://169.254.169.254/latest/meta-data"},
              {"id": "later", "type": "webhook", "url": "{{vars.url}}"}]}"""
                .formatted(unique("meta")));
    assertThat(hook.code()).isEqualTo(422);
    assertThat(body(hook).get("errors").toString())
        .contains("/steps/0/url")
        .contains("169.254.169.254 is a link-local (cloud metadata) address")
        .doesNotContain("/steps/1/url");
  }
}
