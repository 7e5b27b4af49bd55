package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.automap.workers.embedded.EmbeddedServices;
import dev.automap.workers.embedded.InMemoryClock;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shipped example {@code definitions/examples/lead-follow-up.json}, end to end on an embedded
 * stack of its own (PostgreSQL and the in-memory Temporal service, whose clock this test moves on:
 * so no other test shares it): a website lead gets the welcome email an hour later; a reply to that
 * email, sent to {@code /hooks/email/inbound} naming its {@code Message-ID}, takes the {@code
 * replied?} wait's reply branch, while a lead who does not reply gets the follow-up two days on.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class LeadFollowUpTest extends ApiTestSupport {
  private static EmbeddedServices services;
  private InMemoryClock clock;

  @Override
  public Map<String, String> getProperties() {
    services = EmbeddedStack.ownTemporal();
    Map<String, String> props = EmbeddedStack.properties(services);
    clock = InMemoryClock.at(props.get("temporal.address"));
    return props;
  }

  @AfterAll
  void stop() {
    clock.close();
    services.close();
  }

  String lead(String email) {
    var sent =
        call(
            auth(
                HttpRequest.POST(
                    "/v1/events?wait=true",
                    Map.of(
                        "type", "lead.created",
                        "contact", Map.of("email", email, "firstName", "Ada"),
                        "data", Map.of("source", "Website")))));
    assertThat(sent.code()).as(String.valueOf(sent.getBody(JSON))).isEqualTo(202);
    var results = (List<Map<String, Object>>) body(sent).get("results");
    assertThat(results.getFirst().get("enrolled")).isEqualTo(List.of("lead-follow-up"));
    var found = call(auth(HttpRequest.GET("/v1/contacts?email=" + email)));
    var items = (List<Map<String, Object>>) body(found).get("items");
    return (String) items.getFirst().get("id");
  }

  List<Map<String, Object>> messages(String contactId) {
    return (List<Map<String, Object>>)
        body(call(auth(HttpRequest.GET("/v1/messages?contactId=" + contactId)))).get("items");
  }

  Map<String, Object> messageOf(String contactId, String step) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      for (Map<String, Object> m : messages(contactId)) {
        if (step.equals(m.get("stepId"))) {
          return m;
        }
      }
      Thread.sleep(200);
    }
    return null;
  }

  Map<String, Object> enrollment(String workflowId) {
    return body(call(auth(HttpRequest.GET("/v1/enrollments/" + workflowId))));
  }

  @Test
  void aReplyToTheWelcomeEmailTakesTheReplyBranchAndSilenceTheFollowUp() throws Exception {
    for (String rep : List.of("rep_ana", "rep_ben", "rep_chloe")) {
      call(auth(HttpRequest.POST("/v1/users", Map.of("id", rep, "name", rep))));
    }
    String map = Files.readString(Path.of("..", "definitions", "examples", "lead-follow-up.json"));
    var saved =
        call(
            auth(HttpRequest.POST("/v1/automations", map).contentType(MediaType.APPLICATION_JSON)));
    assertThat(saved.code()).as(String.valueOf(saved.getBody(JSON))).isEqualTo(201);
    var published = call(auth(HttpRequest.POST("/v1/automations/lead-follow-up/publish", "")));
    assertThat(published.code()).as(String.valueOf(published.getBody(JSON))).isEqualTo(200);

    String tag = UUID.randomUUID().toString().substring(0, 8);
    String replier = lead("ada-" + tag + "@example.com");
    String silent = lead("bob-" + tag + "@example.com");
    String replierRun = "default:lead-follow-up:" + replier;
    String silentRun = "default:lead-follow-up:" + silent;

    // an hour on, and past quiet hours (21:00-08:00 New York) if the hour falls in them
    Map<String, Object> welcome = null;
    for (int hours = 0; welcome == null && hours < 14; hours++) {
      clock.skip(Duration.ofMinutes(61));
      welcome = messageOf(replier, "welcome");
    }
    assertThat(welcome).as("the welcome email").isNotNull();
    assertThat(welcome).containsEntry("status", "captured");
    assertThat(messageOf(silent, "welcome")).isNotNull();

    var reply =
        call(
            HttpRequest.POST(
                "/hooks/email/inbound",
                Map.of(
                    "from",
                    "ada-" + tag + "@example.com",
                    "subject",
                    "Re: Welcome Ada",
                    "text",
                    "Yes, call me",
                    "inReplyTo",
                    "<" + welcome.get("id") + "@localhost>")));
    assertThat(reply.code()).as(String.valueOf(reply.getBody(JSON))).isEqualTo(202);
    assertThat(body(reply)).containsEntry("signaled", List.of(replierRun));

    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    Map<String, Object> record;
    while (!"completed"
        .equals(
            (record = (Map<String, Object>) enrollment(replierRun).get("record")).get("state"))) {
      if (Instant.now().isAfter(deadline)) {
        fail("the replier's run did not complete: " + enrollment(replierRun));
      }
      Thread.sleep(200);
    }
    var path =
        (List<Map<String, Object>>)
            ((Map<String, Object>) enrollment(replierRun).get("status")).get("path");
    assertThat(path.stream().map(p -> p.get("step")).toList())
        .as("the reply branch: straight from replied? to done")
        .containsSubsequence("welcome", "replied?", "done")
        .doesNotContain("follow-up");

    clock.skip(Duration.ofDays(2).plusHours(13));
    assertThat(messageOf(silent, "follow-up")).as("no reply: the follow-up").isNotNull();
    assertThat(messages(replier)).extracting(m -> m.get("stepId")).containsExactly("welcome");
  }
}
