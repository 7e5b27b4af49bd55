package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.automap.workers.embedded.EmbeddedServices;
import dev.automap.workers.embedded.InMemoryClock;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Events in, enrollments and signals out: triggers and routing driven through the API. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventRoutingApiTest extends ApiTestSupport {

  private EmbeddedServices services;
  @jakarta.inject.Inject dev.automap.workers.store.AccountRepository accounts;
  @jakarta.inject.Inject dev.automap.workers.store.ContactRepository contactRows;
  @jakarta.inject.Inject dev.automap.workers.store.EventRepository eventRows;
  private InMemoryClock clock;

  /**
   * A stack of its own: the schedule and date trigger tests move its Temporal clock forward, which
   * moves the clock of every run on the service.
   */
  @Override
  public Map<String, String> getProperties() {
    services = EmbeddedStack.ownTemporal();
    Map<String, String> props = EmbeddedStack.properties(services);
    props.put("automap.loop-guard.max-enrollments", "3");
    clock = InMemoryClock.at(props.get("temporal.address"));
    return props;
  }

  @AfterAll
  void stop() {
    clock.close();
    services.close();
  }

  /** Every call of this class carries the bootstrap key. */
  @Override
  HttpResponse<Map<String, Object>> call(MutableHttpRequest<?> request) {
    return super.call(auth(request));
  }

  void publish(String map) {
    var saved = call(HttpRequest.POST("/v1/automations", map).contentType("application/json"));
    assertThat(saved.code()).as(String.valueOf(saved.getBody(JSON))).isEqualTo(201);
    String key = (String) body(saved).get("key");
    var published = call(HttpRequest.POST("/v1/automations/" + key + "/publish", ""));
    assertThat(published.code()).as(String.valueOf(published.getBody(JSON))).isEqualTo(200);
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> send(String events) {
    var response =
        call(HttpRequest.POST("/v1/events?wait=true", events).contentType("application/json"));
    assertThat(response.code())
        .as(String.valueOf(response.getBody(JSON)))
        .isEqualTo(HttpStatus.ACCEPTED.getCode());
    return (List<Map<String, Object>>) body(response).get("results");
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> contactByEmail(String email) {
    var found = call(HttpRequest.GET("/v1/contacts?email=" + email));
    Object b = body(found);
    return ((List<Map<String, Object>>) ((Map<?, ?>) b).get("items")).getFirst();
  }

  @SuppressWarnings("unchecked")
  List<String> tags(String contactId) {
    Object tags = body(call(HttpRequest.GET("/v1/contacts/" + contactId))).get("tags");
    return tags == null ? List.of() : (List<String>) tags;
  }

  static void eventually(String what, Supplier<Boolean> condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!condition.get()) {
      if (Instant.now().isAfter(deadline)) {
        fail("not within 20 s: " + what);
      }
      Thread.sleep(100);
    }
  }

  @Test
  void anEventTriggerEnrollsANewContactOnceAndARepeatedIdDoesNothing() throws InterruptedException {
    String key = unique("demo");
    publish(
        """
        {"key": "%s", "start": "tag",
         "triggers": [{"event": "form.submitted", "where": {"field": "event.data.form", "op": "eq", "value": "demo"}}],
         "steps": [{"id": "tag", "type": "add_tags", "tags": ["demo-requested"]}]}"""
            .formatted(key));
    String email = unique("lead") + "@example.com";
    String id = unique("evt");
    var results =
        send(
            """
        [{"id": "%s", "type": "form.submitted", "contact": {"email": "%s"}, "data": {"form": "demo"}},
         {"id": "%s-other", "type": "form.submitted", "contact": {"email": "%s"}, "data": {"form": "newsletter"}}]"""
                .formatted(id, email, id, email));
    assertThat(results.get(0))
        .containsEntry("accepted", true)
        .containsEntry("enrolled", List.of(key));
    assertThat(results.get(1)).containsEntry("accepted", true).containsEntry("enrolled", List.of());
    String contactId = (String) contactByEmail(email).get("id");
    eventually("the tag", () -> tags(contactId).contains("demo-requested"));

    var again =
        send(
            """
        {"id": "%s", "type": "form.submitted", "contact": {"email": "%s"}, "data": {"form": "demo"}}"""
                .formatted(id, email));
    assertThat(again.getFirst())
        .containsEntry("duplicate", true)
        .containsEntry("enrolled", List.of());
  }

  @Test
  void withoutWaitABatchIsAnsweredOnceStoredAndEachEventRoutedAfterwardsExactlyOnce()
      throws InterruptedException {
    String key = unique("count");
    publish(
        """
        {"key": "%s", "start": "count", "triggers": [{"event": "order.placed"}],
         "steps": [{"id": "count", "type": "increment_field", "field": "contact.fields.orders",
                    "by": 1}]}"""
            .formatted(key));
    List<String> emails = new java.util.ArrayList<>();
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 5; i++) {
      emails.add(unique("buyer") + "@example.com");
      batch.append(
          (i == 0 ? "" : ",")
              + "{\"id\": \"%s-%d\", \"type\": \"order.placed\", \"contact\": {\"email\": \"%s\"}}"
                  .formatted(key, i, emails.get(i)));
    }
    String events = batch.append("]").toString();
    var results = sendAsync(events);
    assertThat(results).hasSize(5);
    assertThat(results)
        .allSatisfy(
            r ->
                assertThat(r)
                    .containsEntry("accepted", true)
                    .containsEntry("duplicate", false)
                    .containsEntry("enrolled", List.of()));
    List<String> contactIds =
        emails.stream().map(e -> (String) contactByEmail(e).get("id")).toList();
    for (String contactId : contactIds) {
      eventually("the event for " + contactId + " routed", () -> orders(contactId) == 1);
    }
    assertThat(sendAsync(events)).allSatisfy(r -> assertThat(r).containsEntry("duplicate", true));
    Thread.sleep(1_000);
    assertThat(contactIds).allSatisfy(c -> assertThat(orders(c)).as("routed once").isEqualTo(1));
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> sendAsync(String events) {
    var response = call(HttpRequest.POST("/v1/events", events).contentType("application/json"));
    assertThat(response.code()).isEqualTo(HttpStatus.ACCEPTED.getCode());
    return (List<Map<String, Object>>) body(response).get("results");
  }

  int orders(String contactId) {
    Object fields = body(call(HttpRequest.GET("/v1/contacts/" + contactId))).get("fields");
    Object orders = fields instanceof Map<?, ?> m ? m.get("orders") : null;
    return orders == null ? 0 : new java.math.BigDecimal(String.valueOf(orders)).intValue();
  }

  @Test
  void aBatchKeepsItsGoodEventsAndNamesWhatIsWrongWithTheOthers() {
    String email = unique("batch") + "@example.com";
    var results =
        send(
            """
        [{"type": "page.viewed", "contact": {"email": "%s"}},
         {"type": "Not A Type", "contact": {"email": "%s"}},
         {"type": "page.viewed"},
         {"type": "page.viewed", "contactId": "c_nobody"}]"""
                .formatted(email, email));
    assertThat(results.get(0)).containsEntry("accepted", true);
    assertThat(results.get(1).get("errors").toString()).contains("path=/1/type");
    assertThat(results.get(2).get("errors").toString()).contains("path=/2/contactId");
    assertThat(results.get(3).get("errors").toString()).contains("no contact \"c_nobody\"");
    var single =
        call(HttpRequest.POST("/v1/events", "{\"type\": \"x\"}").contentType("application/json"));
    assertThat(single.code()).isEqualTo(400);
  }

  @Test
  void aBatchNamingContactsStoresOnlyTheEventsWhoseContactIsTheAccountsAndReportsRepeats() {
    String mine = unique("mine") + "@example.com";
    send(
        """
        {"type": "page.viewed", "contact": {"email": "%s"}}"""
            .formatted(mine));
    String contactId = (String) contactByEmail(mine).get("id");
    String theirs = "c_" + unique("theirs");
    if (!accounts.existsById("rival-events")) {
      accounts.save(new dev.automap.workers.store.Account("rival-events", "Rival", null));
    }
    contactRows.save(
        new dev.automap.workers.store.Contact(
            theirs,
            "rival-events",
            null,
            null,
            null,
            null,
            null,
            null,
            0,
            Map.of(),
            Map.of(),
            null,
            null));
    String id = unique("evt");
    String batch =
        """
        [{"id": "%1$s-1", "type": "page.viewed", "contactId": "%2$s", "data": {"n": 1}},
         {"id": "%1$s-2", "type": "page.viewed", "contactId": "c_nobody"},
         {"id": "%1$s-3", "type": "page.viewed", "contactId": "%3$s"},
         {"id": "%1$s-1", "type": "page.viewed", "contactId": "%2$s", "data": {"n": 1}},
         {"id": "%1$s-4", "type": "page.viewed", "contactId": "%2$s"},
         {"id": "%1$s-1", "type": "page.viewed", "contactId": "%2$s", "data": {"n": 2}}]"""
            .formatted(id, contactId, theirs);
    var results = sendAsync(batch);
    assertThat(results).hasSize(6);
    assertThat(results.get(0))
        .containsEntry("id", id + "-1")
        .containsEntry("accepted", true)
        .containsEntry("duplicate", false);
    assertThat(results.get(1)).containsEntry("id", id + "-2").containsEntry("accepted", false);
    assertThat(results.get(1).get("errors").toString())
        .contains("path=/1/contactId")
        .contains("no contact \"c_nobody\"");
    // another account's contact is no contact of this one
    assertThat(results.get(2)).containsEntry("accepted", false);
    assertThat(results.get(2).get("errors").toString())
        .contains("path=/2/contactId")
        .contains("no contact \"" + theirs + "\"");
    // a repeat within the batch: the first stands
    assertThat(results.get(3))
        .containsEntry("accepted", true)
        .containsEntry("duplicate", true)
        .containsEntry("differs", false);
    assertThat(results.get(4)).containsEntry("accepted", true).containsEntry("duplicate", false);
    assertThat(results.get(5))
        .containsEntry("accepted", true)
        .containsEntry("duplicate", true)
        .containsEntry("differs", true);
    assertThat(eventRows.findByAccountIdAndId("default", id + "-1").orElseThrow().data())
        .containsEntry("n", 1);
    // nothing was kept of the refused ones: sent again with a contact, they are new
    assertThat(eventRows.findByAccountIdAndId("default", id + "-2")).isEmpty();
    assertThat(eventRows.findByAccountIdAndId("default", id + "-3")).isEmpty();
    var again =
        sendAsync(
            """
            [{"id": "%1$s-2", "type": "page.viewed", "contactId": "%2$s"},
             {"id": "%1$s-1", "type": "page.viewed", "contactId": "%2$s", "data": {"n": 1}},
             {"id": "%1$s-4", "type": "page.clicked", "contactId": "%2$s"}]"""
                .formatted(id, contactId));
    assertThat(again.get(0)).containsEntry("accepted", true).containsEntry("duplicate", false);
    assertThat(again.get(1))
        .containsEntry("accepted", true)
        .containsEntry("duplicate", true)
        .containsEntry("differs", false);
    assertThat(again.get(2))
        .containsEntry("accepted", true)
        .containsEntry("duplicate", true)
        .containsEntry("differs", true);
  }

  @Test
  void eventsReachAWaitingRunsWaitForAndGoal() throws InterruptedException {
    String key = unique("nurture");
    publish(
        """
        {"key": "%s", "start": "opened?",
         "triggers": [{"event": "lead.created"}],
         "steps": [
           {"id": "opened?", "type": "wait_for", "event": {"event": "email.opened"}, "timeout": "P1D", "next": "opened", "onTimeout": "opened"},
           {"id": "opened", "type": "add_tags", "tags": ["opened"], "next": "long"},
           {"id": "long", "type": "wait", "duration": "P30D", "next": "booked"},
           {"id": "booked", "type": "goal", "when": {"event": "appointment.booked"}, "next": "won"},
           {"id": "won", "type": "add_tags", "tags": ["booked"]}]}"""
            .formatted(key));
    String email = unique("nurtured") + "@example.com";
    send("{\"type\": \"lead.created\", \"contact\": {\"email\": \"%s\"}}".formatted(email));
    String contactId = (String) contactByEmail(email).get("id");
    String runId = "default:" + key + ":" + contactId;

    var opened = send("{\"type\": \"email.opened\", \"contactId\": \"%s\"}".formatted(contactId));
    assertThat(opened.getFirst().get("signaled")).isEqualTo(List.of(runId));
    eventually("wait_for met", () -> tags(contactId).contains("opened"));
    eventually(
        "on the 30-day wait",
        () -> body(call(HttpRequest.GET("/v1/enrollments/" + runId))).toString().contains("long"));

    send("{\"type\": \"appointment.booked\", \"contactId\": \"%s\"}".formatted(contactId));
    eventually("the goal jumped out of the wait", () -> tags(contactId).contains("booked"));
  }

  @Test
  void aBatchIsRoutedInEachContactsOrderAndHearsTheRunsItsOwnEventsStarted()
      throws InterruptedException {
    String key = unique("batched");
    // types of this test's own: other tests' maps hear lead.created and email.opened
    String started = "batch_" + key.substring(8) + ".started";
    String heard = "batch_" + key.substring(8) + ".heard";
    publish(
        """
        {"key": "%s", "start": "opened?",
         "triggers": [{"event": "%s"}],
         "steps": [
           {"id": "opened?", "type": "wait_for", "event": {"event": "%s"}, "timeout": "P1D", "next": "opened", "onTimeout": "opened"},
           {"id": "opened", "type": "add_tags", "tags": ["opened"]}]}"""
            .formatted(key, started, heard));
    String fresh = unique("fresh") + "@example.com";
    String waiting = unique("waiting") + "@example.com";
    send("{\"type\": \"page.viewed\", \"contact\": {\"email\": \"%s\"}}".formatted(fresh));
    send("{\"type\": \"%s\", \"contact\": {\"email\": \"%s\"}}".formatted(started, waiting));
    String a = (String) contactByEmail(fresh).get("id");
    String b = (String) contactByEmail(waiting).get("id");

    // a's run is started by the batch's first event and hears its second; b's was running before
    var results =
        send(
            """
            [{"type": "%s", "contactId": "%s"},
             {"type": "%s", "contactId": "%s"},
             {"type": "%s", "contactId": "%s"}]"""
                .formatted(started, a, heard, a, heard, b));
    assertThat(results.get(0).get("enrolled")).isEqualTo(List.of(key));
    assertThat(results.get(1).get("signaled")).isEqualTo(List.of("default:" + key + ":" + a));
    assertThat(results.get(2).get("signaled")).isEqualTo(List.of("default:" + key + ":" + b));
    eventually("a's wait_for met", () -> tags(a).contains("opened"));
    eventually("b's wait_for met", () -> tags(b).contains("opened"));
  }

  @Test
  void reenrollNeverAndAfterExitAreKeptFromTheEnrollmentsTable() throws InterruptedException {
    String never = unique("once");
    String again = unique("again");
    for (String[] m : new String[][] {{never, "never"}, {again, "after_exit"}}) {
      publish(
          """
          {"key": "%s", "enrollment": {"reenroll": "%s"}, "start": "tag",
           "triggers": [{"event": "visit.pricing"}],
           "steps": [{"id": "tag", "type": "add_tags", "tags": ["seen-pricing"]}]}"""
              .formatted(m[0], m[1]));
    }
    String email = unique("visitor") + "@example.com";
    var first =
        send("{\"type\": \"visit.pricing\", \"contact\": {\"email\": \"%s\"}}".formatted(email));
    assertThat(first.getFirst().get("enrolled")).asList().containsExactlyInAnyOrder(never, again);
    String contactId = (String) contactByEmail(email).get("id");
    eventually(
        "both runs ended",
        () ->
            body(call(HttpRequest.GET("/v1/enrollments/default:" + again + ":" + contactId)))
                .toString()
                .contains("completed"));
    var second = send("{\"type\": \"visit.pricing\", \"contactId\": \"%s\"}".formatted(contactId));
    assertThat(second.getFirst().get("enrolled")).isEqualTo(List.of(again));
  }

  @Test
  void aMapThatRetriggersItselfIsStoppedByTheLoopGuard() throws InterruptedException {
    String key = unique("loop");
    publish(
        """
        {"key": "%s", "enrollment": {"reenroll": "after_exit"}, "start": "tag",
         "triggers": [{"event": "loop.start"},
                      {"event": "automation.completed", "where": {"field": "event.data.automationKey", "op": "eq", "value": "%s"}}],
         "steps": [{"id": "tag", "type": "add_tags", "tags": ["looped"]}]}"""
            .formatted(key, key));
    String email = unique("looper") + "@example.com";
    var started =
        send("{\"type\": \"loop.start\", \"contact\": {\"email\": \"%s\"}}".formatted(email));
    assertThat(started.getFirst().get("enrolled")).isEqualTo(List.of(key));
    String contactId = (String) contactByEmail(email).get("id");
    eventually(
        "the loop guard stopped it",
        () ->
            body(call(HttpRequest.GET("/v1/contacts/" + contactId + "/timeline")))
                .toString()
                .contains("automation.loop_stopped"));
    Supplier<Integer> enrollments =
        () ->
            body(call(HttpRequest.GET("/v1/contacts/" + contactId + "/timeline?limit=200")))
                .toString()
                .split("automation.enrolled", -1)
                .length;
    int stoppedAt = enrollments.get();
    Thread.sleep(1000);
    assertThat(enrollments.get()).as("no enrollment after the stop").isEqualTo(stoppedAt);
  }

  @Test
  void aPausedAutomationTakesNoOneNewAndPausesItsRuns() throws InterruptedException {
    String key = unique("paused");
    publish(
        """
        {"key": "%s", "enrollment": {"reenroll": "after_exit"}, "start": "wait",
         "triggers": [{"event": "trial.started"}],
         "steps": [{"id": "wait", "type": "wait", "duration": "P7D", "next": "tag"},
                   {"id": "tag", "type": "add_tags", "tags": ["trial-over"]}]}"""
            .formatted(key));
    String email = unique("trial") + "@example.com";
    send("{\"type\": \"trial.started\", \"contact\": {\"email\": \"%s\"}}".formatted(email));
    String contactId = (String) contactByEmail(email).get("id");
    String runId = "default:" + key + ":" + contactId;

    var paused = call(HttpRequest.POST("/v1/automations/" + key + "/pause", ""));
    assertThat(body(paused)).containsEntry("status", "paused").containsEntry("signaled", 1);
    eventually(
        "the run is paused",
        () ->
            body(call(HttpRequest.GET("/v1/enrollments/" + runId)))
                .toString()
                .contains("state=paused"));
    String other = unique("late") + "@example.com";
    var late =
        send("{\"type\": \"trial.started\", \"contact\": {\"email\": \"%s\"}}".formatted(other));
    assertThat(late.getFirst().get("enrolled")).isEqualTo(List.of());

    var resumed = call(HttpRequest.POST("/v1/automations/" + key + "/resume", ""));
    assertThat(body(resumed)).containsEntry("status", "active");
    eventually(
        "the run waits again",
        () ->
            body(call(HttpRequest.GET("/v1/enrollments/" + runId)))
                .toString()
                .contains("state=waiting"));
  }

  @Test
  void aSegmentTriggerEnrollsWhenTheContactStartsToMeetIt() throws InterruptedException {
    String key = unique("vips");
    String vip = unique("vip");
    publish(
        """
        {"key": "%s", "start": "welcome",
         "triggers": [{"segment": {"field": "contact.tags", "op": "contains", "value": "%s"}}],
         "steps": [{"id": "welcome", "type": "add_tags", "tags": ["vip-welcomed"]}]}"""
            .formatted(key, vip));
    var created =
        call(
            HttpRequest.POST("/v1/contacts", Map.of("email", unique("soon-vip") + "@example.com")));
    String contactId = (String) body(created).get("id");
    Thread.sleep(500);
    assertThat(tags(contactId)).doesNotContain("vip-welcomed");
    call(HttpRequest.POST("/v1/contacts/" + contactId + "/tags", Map.of("tags", List.of(vip))));
    eventually("enrolled on meeting the segment", () -> tags(contactId).contains("vip-welcomed"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void anInboundWebhookRaisesWebhookReceivedAndEnrolls() throws InterruptedException {
    String key = unique("hooked");
    publish(
        """
        {"key": "%s", "start": "tag",
         "triggers": [{"event": "webhook.received", "where": {"field": "event.data.body.plan", "op": "eq", "value": "pro"}}],
         "steps": [{"id": "tag", "type": "add_tags", "tags": ["pro-signup"]}]}"""
            .formatted(key));
    var hook = body(call(HttpRequest.POST("/v1/hooks", Map.of("name", "signups"))));
    String url = (String) hook.get("url");
    String email = unique("signup") + "@example.com";
    var received =
        http.toBlocking()
            .exchange(
                HttpRequest.POST(url, "{\"email\": \"%s\", \"plan\": \"pro\"}".formatted(email))
                    .contentType("application/json"),
                JSON);
    assertThat(received.code()).isEqualTo(202);
    assertThat((List<String>) received.getBody(JSON).orElseThrow().get("enrolled"))
        .containsExactly(key);
    String contactId = (String) contactByEmail(email).get("id");
    eventually("the tag", () -> tags(contactId).contains("pro-signup"));

    try {
      http.toBlocking()
          .exchange(
              HttpRequest.POST("/hooks/hook_nope", "{}").contentType("application/json"), JSON);
      fail("an unknown hook is not found");
    } catch (HttpClientResponseException e) {
      assertThat(e.getStatus().getCode()).isEqualTo(404);
    }
  }

  // ---- schedule and date triggers: the embedded service's clock is moved forward -------------

  @Test
  void aScheduleTriggerEnrollsItsAudienceAtTheCronTime() throws InterruptedException {
    String key = unique("weekly");
    String tag = unique("weekly-audience");
    var member =
        call(
            HttpRequest.POST(
                "/v1/contacts",
                Map.of("email", unique("member") + "@example.com", "tags", List.of(tag))));
    String contactId = (String) body(member).get("id");
    publish(
        """
        {"key": "%s", "start": "tag",
         "triggers": [{"schedule": "0 9 * * MON", "timezone": "UTC", "audience": {"field": "contact.tags", "op": "contains", "value": "%s"}}],
         "steps": [{"id": "tag", "type": "add_tags", "tags": ["weekly-digest"]}]}"""
            .formatted(key, tag));
    Instant now = clock.now();
    Instant nextMonday =
        now.atZone(java.time.ZoneOffset.UTC)
            .toLocalDate()
            .with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY))
            .atTime(9, 0)
            .toInstant(java.time.ZoneOffset.UTC);
    Thread.sleep(500);
    assertThat(tags(contactId)).doesNotContain("weekly-digest");
    clock.skipTo(nextMonday.plusSeconds(30));
    eventually("enrolled at the cron time", () -> tags(contactId).contains("weekly-digest"));
  }

  @Test
  void aDateTriggerEnrollsADayBeforeTheContactsDate() throws InterruptedException {
    String key = unique("renewal");
    String field = "renewal" + UUID.randomUUID().toString().substring(0, 6);
    publish(
        """
        {"key": "%s", "start": "tag",
         "triggers": [{"date": "contact.fields.%s", "offset": "-P1D", "at": "09:00", "repeat": "none"}],
         "steps": [{"id": "tag", "type": "add_tags", "tags": ["renewal-reminded"]}]}"""
            .formatted(key, field));
    Instant now = clock.now();
    java.time.LocalDate renewal = now.atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(10);
    var created =
        call(
            HttpRequest.POST(
                "/v1/contacts",
                Map.of(
                    "email",
                    unique("renewer") + "@example.com",
                    "fields",
                    Map.of(field, renewal.toString()))));
    String contactId = (String) body(created).get("id");
    Thread.sleep(1000);
    assertThat(tags(contactId)).doesNotContain("renewal-reminded");
    clock.skipTo(renewal.minusDays(1).atTime(9, 1).toInstant(java.time.ZoneOffset.UTC));
    eventually(
        "enrolled a day before, at 09:00", () -> tags(contactId).contains("renewal-reminded"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void operatorsSteerOneRunListRunsReadStatsAndArchive() throws InterruptedException {
    String key = unique("steered");
    publish(
        """
        {"key": "%s", "enrollment": {"reenroll": "after_exit"}, "start": "wait",
         "triggers": [{"event": "steer.started"}],
         "steps": [{"id": "wait", "type": "wait", "duration": "P7D", "next": "tag"},
                   {"id": "tag", "type": "add_tags", "tags": ["steered"]}]}"""
            .formatted(key));
    String first = unique("first") + "@example.com";
    String second = unique("second") + "@example.com";
    send(
        "[{\"type\": \"steer.started\", \"contact\": {\"email\": \"%s\"}}, {\"type\": \"steer.started\", \"contact\": {\"email\": \"%s\"}}]"
            .formatted(first, second));
    String runId = "default:" + key + ":" + contactByEmail(first).get("id");

    assertThat(
            call(HttpRequest.POST(
                    "/v1/enrollments/" + runId + "/pause",
                    Map.of("reason", "address being checked", "actor", "ana")))
                .code())
        .isEqualTo(202);
    eventually(
        "paused, the reason and who asked in its path",
        () -> {
          String enrollment = body(call(HttpRequest.GET("/v1/enrollments/" + runId))).toString();
          return enrollment.contains("state=paused")
              && enrollment.contains("paused: address being checked (by ana)");
        });
    assertThat(call(HttpRequest.POST("/v1/enrollments/" + runId + "/resume", "")).code())
        .isEqualTo(202);
    var exit =
        call(
            HttpRequest.POST(
                "/v1/enrollments/" + runId + "/exit", Map.of("reason", "asked to stop")));
    assertThat(exit.code()).isEqualTo(202);
    eventually(
        "exited with the reason",
        () ->
            body(call(HttpRequest.GET("/v1/enrollments/" + runId)))
                .toString()
                .contains("reason=asked to stop"));
    assertThat(call(HttpRequest.POST("/v1/enrollments/" + runId + "/exit", "")).code())
        .isEqualTo(409);
    assertThat(call(HttpRequest.POST("/v1/enrollments/other:" + key + ":c_1/pause", "")).code())
        .isEqualTo(404);

    var running =
        body(
            call(HttpRequest.GET("/v1/automations/" + key + "/enrollments?state=running&limit=1")));
    assertThat((List<Map<String, Object>>) running.get("items")).hasSize(1);
    var all = body(call(HttpRequest.GET("/v1/automations/" + key + "/enrollments")));
    assertThat((List<Map<String, Object>>) all.get("items")).hasSize(2);
    assertThat(call(HttpRequest.GET("/v1/automations/" + key + "/enrollments?cursor=nope")).code())
        .isEqualTo(400);
    var stats = body(call(HttpRequest.GET("/v1/automations/" + key + "/stats")));
    assertThat(stats)
        .containsEntry("enrolled", 2)
        .containsEntry("active", 1)
        .containsEntry("exited", 1);

    assertThat(call(HttpRequest.DELETE("/v1/automations/" + key)).code())
        .as("runs are live")
        .isEqualTo(409);
    var archived = call(HttpRequest.DELETE("/v1/automations/" + key + "?exitRunning=true"));
    assertThat(body(archived)).containsEntry("status", "archived").containsEntry("signaled", 1);
    eventually(
        "every run exited",
        () ->
            ((List<?>)
                    body(call(
                            HttpRequest.GET(
                                "/v1/automations/" + key + "/enrollments?state=running")))
                        .get("items"))
                .isEmpty());
    var late =
        send(
            "{\"type\": \"steer.started\", \"contact\": {\"email\": \"%s\"}}"
                .formatted(unique("late") + "@example.com"));
    assertThat(late.getFirst().get("enrolled")).isEqualTo(List.of());
  }

  @Test
  void aMapWithAnActionThisServerCannotPerformIsNotPublished() {
    String key = unique("ai");
    var saved =
        call(
            HttpRequest.POST(
                    "/v1/automations",
                    """
        {"key": "%s", "start": "ask",
         "steps": [{"id": "ask", "type": "ai_prompt", "prompt": "Summarise {{contact.firstName}}", "saveAs": "summary"}]}"""
                        .formatted(key))
                .contentType("application/json"));
    assertThat(saved.code()).isEqualTo(201);
    var published = call(HttpRequest.POST("/v1/automations/" + key + "/publish", ""));
    assertThat(published.code()).isEqualTo(422);
    assertThat(body(published).get("errors").toString())
        .contains("path=/steps/0/type")
        .contains("\"ai_prompt\" needs an AI endpoint: set AUTOMAP_AI_API_KEY");
  }
}
