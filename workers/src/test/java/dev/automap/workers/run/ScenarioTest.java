package dev.automap.workers.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.flow.SplitBucket;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.validation.MapValidator;
import dev.automap.workers.preview.Simulator;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The interpreter's semantics, scenario by scenario: a map, a contact and events at virtual times,
 * and the timeline the run must produce. Histories go to {@code target/recorded-histories} for the
 * replay corpus.
 */
class ScenarioTest {
  static final Instant MONDAY_NOON = Instant.parse("2026-03-02T12:00:00Z");

  Simulator sim;

  @AfterEach
  void close() {
    if (sim != null) {
      sim.close();
    }
  }

  static AutomationMap unchecked(String yaml) {
    var parsed = MapJson.parse(yaml);
    assertThat(parsed.problems()).as("parse").isEmpty();
    return parsed.map();
  }

  static AutomationMap map(String yaml) {
    var parsed = MapJson.parse(yaml);
    assertThat(parsed.problems()).as("parse").isEmpty();
    assertThat(new MapValidator().validate(parsed.map())).as("valid").isEmpty();
    return parsed.map();
  }

  Simulator sim(Map<String, Object> contact) {
    sim = new Simulator(contact, MONDAY_NOON, Map.of());
    return sim;
  }

  static Map<String, Object> event(String type, Map<String, Object> data) {
    return Map.of("id", "evt_" + type, "type", type, "contactId", "c_1", "data", data);
  }

  static List<String> steps(Simulator.Result result) {
    return result.timeline().stream().map(e -> e.step() + ":" + e.outcome()).toList();
  }

  /** Timeline times to the second: virtual time also moves by the milliseconds the worker takes. */
  static Instant sec(String at) {
    return Instant.parse(at).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  static List<String> times(Simulator.Result result) {
    return result.timeline().stream().map(e -> sec(e.at()).toString()).toList();
  }

  Instant now() {
    return Instant.ofEpochMilli(sim.environment().currentTimeMillis());
  }

  void save(String name, AutomationRun run) throws IOException {
    Path dir = Path.of("target", "recorded-histories");
    Files.createDirectories(dir);
    var execution = WorkflowStub.fromTyped(run).getExecution();
    Files.writeString(
        dir.resolve(name + ".json"),
        sim.client().fetchHistory(execution.getWorkflowId(), execution.getRunId()).toJson(true));
  }

  @Test
  void waitForMovesOnWhenTheEventArrivesAndTimesOutOtherwise() throws IOException {
    AutomationMap map =
        map(
            """
        key: reply
        start: mail
        steps:
          - {id: mail, type: send_email, subject: "Hi {{contact.firstName}}", body: "<p>Hi</p>", next: replied}
          - {id: replied, type: wait_for, event: {event: email.replied, fromStep: mail}, timeout: P2D, next: thanks, onTimeout: nudge}
          - {id: thanks, type: add_tags, tags: [replied], next: done}
          - {id: nudge, type: add_tags, tags: [silent], next: done}
          - {id: done, type: end}
        """);
    sim(Map.of("id", "c_1", "firstName", "Ada", "email", "ada@example.com"));
    AutomationRun run = sim.start(map);
    sim.environment().sleep(Duration.ofHours(5));
    String workflowId = WorkflowStub.fromTyped(run).getExecution().getWorkflowId();
    run.event(
        Map.of(
            "id",
            "e1",
            "type",
            "email.replied",
            "contactId",
            "c_1",
            "source",
            Map.of("workflowId", "someone-else", "stepId", "mail")));
    sim.environment().sleep(Duration.ofMinutes(1));
    assertThat(run.status().steps())
        .as("a reply to another run's mail does not count")
        .containsExactly("replied");
    run.event(
        Map.of(
            "id",
            "e2",
            "type",
            "email.replied",
            "contactId",
            "c_1",
            "source",
            Map.of("workflowId", workflowId, "stepId", "mail")));
    WorkflowStub.fromTyped(run).getResult(RunOutcome.class);
    var result = sim.report(map, run, null);
    assertThat(steps(result))
        .containsExactly(
            "mail:done: email \"Hi Ada\" to ada@example.com",
                "replied:matched event email.replied from mail",
            "thanks:done: added replied", "done:ended");
    save("wait-for-matched", run);

    sim.close();
    sim(Map.of("id", "c_1", "firstName", "Ada"));
    run = sim.start(map);
    WorkflowStub.fromTyped(run).getResult(RunOutcome.class);
    var timedOut = sim.report(map, run, null);
    assertThat(steps(timedOut)).contains("replied:timed out", "nudge:done: added silent");
    // the timeout counts from when the wait began, after the mail's activity, which takes real
    // time the test environment does not skip (seconds on a loaded machine)
    assertThat(sec(timedOut.timeline().get(1).at()))
        .isBetween(
            MONDAY_NOON.plus(Duration.ofDays(2)),
            MONDAY_NOON.plus(Duration.ofDays(2)).plusSeconds(30));
    save("wait-for-timeout", run);
  }

  @Test
  void branchSwitchAndSplitChooseTheirPaths() throws IOException {
    AutomationMap map =
        map(
            """
        key: route
        start: vip?
        steps:
          - id: vip?
            type: branch
            branches:
              - {name: vip, when: {field: contact.tags, op: contains, value: VIP}, next: country}
            else: regular
          - {id: regular, type: add_tags, tags: [regular], next: done}
          - id: country
            type: switch
            on: contact.fields.country
            cases: [{value: US, next: ab}, {value: FR, next: fr}]
            default: done
          - {id: fr, type: add_tags, tags: [fr], next: done}
          - id: ab
            type: split
            paths: [{name: A, percent: 50, next: a}, {name: B, percent: 50, next: b}]
          - {id: a, type: add_tags, tags: [A], next: done}
          - {id: b, type: add_tags, tags: [B], next: done}
          - {id: done, type: end}
        """);
    sim(Map.of("id", "c_7", "tags", List.of("VIP"), "fields", Map.of("country", "US")));
    var result = sim.simulate(map, List.of(), Duration.ofDays(1));
    int bucket = SplitBucket.pick(List.of(50, 50), "route", "ab", "c_7");
    assertThat(steps(result))
        .containsExactly(
            "vip?:branch vip",
            "country:case \"US\"",
            "ab:path " + (bucket == 0 ? "A" : "B"),
            (bucket == 0 ? "a:done: added A" : "b:done: added B"),
            "done:ended");
    assertThat(result.outcome().state()).isEqualTo("completed");

    sim.close();
    sim(Map.of("id", "c_8", "tags", List.of(), "fields", Map.of()));
    assertThat(steps(sim.simulate(map, List.of(), Duration.ofDays(1))))
        .containsExactly("vip?:else", "regular:done: added regular", "done:ended");
  }

  @Test
  void aGoalMetDuringAWaitJumpsToTheGoalSkippingWhatLayBetween() throws IOException {
    AutomationMap map =
        map(
            """
        key: nurture
        start: wait
        steps:
          - {id: wait, type: wait, duration: P10D, next: pitch}
          - {id: pitch, type: send_email, subject: Buy now, body: "<p>Buy</p>", next: booked}
          - {id: booked, type: goal, when: {event: appointment.booked}, ifUnmet: end, next: thanks}
          - {id: thanks, type: add_tags, tags: [booked], next: done}
          - {id: done, type: end}
        """);
    sim(Map.of("id", "c_1"));
    var result =
        sim.simulate(
            map,
            List.of(
                new Simulator.TimedEvent(
                    Duration.ofDays(3), event("appointment.booked", Map.of()))),
            Duration.ofDays(30));
    assertThat(steps(result))
        .containsExactly("booked:goal met", "thanks:done: added booked", "done:ended");
    assertThat(result.status().goalsMet()).containsExactly("booked");
    assertThat(sim.actions().performed).extracting(p -> p.type()).containsExactly("add_tags");
    assertThat(sec(result.timeline().getFirst().at()))
        .isEqualTo(MONDAY_NOON.plus(Duration.ofDays(3)));
  }

  @Test
  void aGoalReachedUnmetEndsContinuesOrWaits() throws IOException {
    String template =
        """
        key: g
        start: goal
        steps:
          - {id: goal, type: goal, when: {field: contact.tags, op: contains, value: paid}, ifUnmet: %s, next: after}
          - {id: after, type: add_tags, tags: [after], next: done}
          - {id: done, type: end}
        """;
    sim(Map.of("id", "c_1"));
    var ended = sim.simulate(map(template.formatted("end")), List.of(), Duration.ofDays(1));
    assertThat(steps(ended)).containsExactly("goal:goal not met, ended");
    sim.close();

    sim(Map.of("id", "c_1"));
    assertThat(
            steps(sim.simulate(map(template.formatted("continue")), List.of(), Duration.ofDays(1))))
        .containsExactly("goal:goal not met, continued", "after:done: added after", "done:ended");
    sim.close();

    sim(Map.of("id", "c_1"));
    AutomationRun run = sim.start(map(template.formatted("wait")));
    sim.environment().sleep(Duration.ofDays(5));
    assertThat(run.status().state()).isEqualTo("waiting");
    sim.contact().addTags(List.of("paid"));
    run.event(event("contact.tag_added", Map.of("tag", "paid")));
    WorkflowStub.fromTyped(run).getResult(RunOutcome.class);
    assertThat(steps(sim.report(map(template.formatted("wait")), run, null)))
        .containsExactly("goal:goal met", "after:done: added after", "done:ended");
    save("goal-wait", run);
  }

  @Test
  void exitWhenAndAudienceUnmetEndTheRunWithTheReason() throws IOException {
    AutomationMap map =
        map(
            """
        key: trial
        enrollment:
          audience: {field: contact.tags, op: contains, value: trial}
          exitWhenAudienceUnmet: true
          exitWhen: [{event: payment.received}]
        start: wait
        steps:
          - {id: wait, type: wait, duration: P30D, next: done}
          - {id: done, type: end}
        """);
    sim(Map.of("id", "c_1", "tags", List.of("trial")));
    var paid =
        sim.simulate(
            map,
            List.of(
                new Simulator.TimedEvent(Duration.ofDays(1), event("email.opened", Map.of())),
                new Simulator.TimedEvent(Duration.ofDays(2), event("payment.received", Map.of()))),
            Duration.ofDays(40));
    assertThat(paid.outcome().state()).isEqualTo("exited");
    assertThat(paid.outcome().reason()).isEqualTo("exit condition met: event payment.received");
    sim.close();

    sim(Map.of("id", "c_1", "tags", List.of("trial")));
    AutomationRun run = sim.start(map);
    sim.environment().sleep(Duration.ofDays(1));
    sim.contact().removeTags(List.of("trial"));
    run.event(event("contact.tag_removed", Map.of("tag", "trial")));
    RunOutcome outcome = WorkflowStub.fromTyped(run).getResult(RunOutcome.class);
    assertThat(outcome.state()).isEqualTo("exited");
    assertThat(outcome.reason()).isEqualTo("no longer in the audience");
    save("audience-unmet", run);
  }

  @Test
  void aForkEndsWhenEveryPathHasEndedAndEndStopsThemAll() throws IOException {
    AutomationMap map =
        map(
            """
        key: fork
        start: split
        steps:
          - {id: split, type: fork, paths: [short, long]}
          - {id: short, type: wait, duration: P1D, next: s-tag}
          - {id: s-tag, type: add_tags, tags: [short]}
          - {id: long, type: wait, duration: P5D, next: l-tag}
          - {id: l-tag, type: add_tags, tags: [long]}
        """);
    sim(Map.of("id", "c_1"));
    AutomationRun run = sim.start(map);
    sim.environment().sleep(Duration.ofDays(2));
    assertThat(run.status().steps()).containsExactly("long");
    assertThat(sim.contact().snapshot().get("tags")).isEqualTo(List.of("short"));
    RunOutcome outcome = WorkflowStub.fromTyped(run).getResult(RunOutcome.class);
    assertThat(outcome.state()).isEqualTo("completed");
    assertThat(now()).isAfterOrEqualTo(MONDAY_NOON.plus(Duration.ofDays(5)));
    assertThat(sim.contact().snapshot().get("tags")).isEqualTo(List.of("short", "long"));
    save("fork", run);
    sim.close();

    AutomationMap ending =
        map(
            """
        key: fork-end
        start: split
        steps:
          - {id: split, type: fork, paths: [short, long]}
          - {id: short, type: wait, duration: P1D, next: stop}
          - {id: stop, type: end}
          - {id: long, type: wait, duration: P5D, next: l-tag}
          - {id: l-tag, type: add_tags, tags: [long]}
        """);
    sim(Map.of("id", "c_1"));
    var result = sim.simulate(ending, List.of(), Duration.ofDays(10));
    assertThat(result.outcome().state()).isEqualTo("completed");
    assertThat(sim.actions().performed).as("end stopped the other path").isEmpty();
  }

  @Test
  void dripReleasesArrivalsInBatches() {
    AutomationMap map =
        map(
            """
        key: drip
        start: batch
        steps:
          - {id: batch, type: drip, batchSize: 2, every: P1D, next: tag}
          - {id: tag, type: add_tags, tags: [released]}
        """);
    sim(Map.of("id", "c_1"));
    List<AutomationRun> runs = new java.util.ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      runs.add(sim.start(map, RunInput.of(Simulator.ACCOUNT, "drip", 1, "c_" + i, map, null)));
    }
    for (AutomationRun run : runs) {
      WorkflowStub.fromTyped(run).getResult(RunOutcome.class);
    }
    List<Instant> released =
        runs.stream()
            .map(r -> sec(sim.report(map, r, null).timeline().getLast().at()))
            .sorted()
            .toList();
    assertThat(released)
        .containsExactly(
            MONDAY_NOON,
            MONDAY_NOON,
            MONDAY_NOON.plus(Duration.ofDays(1)),
            MONDAY_NOON.plus(Duration.ofDays(1)),
            MONDAY_NOON.plus(Duration.ofDays(2)));
  }

  @Test
  void timeOfDayWaitsResolveInTheContactsZone() {
    AutomationMap map =
        map(
            """
        key: tuesday
        timezone: Europe/Paris
        start: tue
        steps:
          - {id: tue, type: wait, weekdays: [TUE], at: "09:00", timezone: contact, next: nine}
          - {id: nine, type: wait, at: "21:30", next: win}
          - {id: win, type: wait, window: {days: [SAT, SUN], from: "10:00", to: "12:00"}, next: tag}
          - {id: tag, type: add_tags, tags: [done]}
        """);
    sim(Map.of("id", "c_1", "timezone", "America/New_York"));
    var result = sim.simulate(map, List.of(), Duration.ofDays(10));
    assertThat(times(result))
        .containsExactly(
            "2026-03-03T14:00:00Z", // Tuesday 09:00 in New York (EST)
            "2026-03-03T20:30:00Z", // 21:30 in Paris, the map's zone
            "2026-03-07T09:00:00Z", // Saturday 10:00 in Paris
            "2026-03-07T09:00:00Z");
  }

  @Test
  void aWaitOnADateFieldFollowsTheFieldWhenItChanges() throws IOException {
    AutomationMap map =
        map(
            """
        key: appointment
        start: reminder
        steps:
          - {id: reminder, type: wait, untilField: contact.fields.appointment, offset: -P1D, at: "09:00", next: tag}
          - {id: tag, type: add_tags, tags: [reminded]}
        """);
    Map<String, Object> fields =
        new java.util.LinkedHashMap<>(Map.of("appointment", "2026-03-10T15:00:00Z"));
    sim(Map.of("id", "c_1", "fields", fields));
    AutomationRun run = sim.start(map);
    sim.environment().sleep(Duration.ofDays(2));
    assertThat(run.status().waitingUntil()).isEqualTo("2026-03-09T09:00:00Z");
    sim.contact().set("fields.appointment", "2026-03-20");
    run.event(event("contact.updated", Map.of("changed", List.of("fields.appointment"))));
    sim.environment().sleep(Duration.ofMinutes(1));
    assertThat(run.status().waitingUntil()).isEqualTo("2026-03-19T09:00:00Z");
    WorkflowStub.fromTyped(run).getResult(RunOutcome.class);
    assertThat(sec(sim.report(map, run, null).timeline().getLast().at()))
        .isEqualTo(Instant.parse("2026-03-19T09:00:00Z"));
    save("date-field-moved", run);

    sim.close();
    sim(Map.of("id", "c_2", "fields", Map.of("appointment", "2026-01-01")));
    var past = sim.simulate(map, List.of(), Duration.ofDays(1));
    assertThat(steps(past))
        .containsExactly("reminder:date passed, continued", "tag:done: added reminded");
  }

  @Test
  void varsAndFormatsFeedLaterTemplates() {
    AutomationMap map =
        map(
            """
        key: vars
        start: plan
        steps:
          - {id: plan, type: set_var, name: plan, cel: "contact.score > 10 ? 'gold' : 'basic'", next: shout}
          - {id: shout, type: format, name: shouted, input: "{{contact.firstName}}", as: upper, next: mail}
          - {id: mail, type: send_email, subject: "{{vars.shouted}}, your {{vars.plan}} plan", body: "<p>x</p>"}
        """);
    sim(Map.of("id", "c_1", "firstName", "ada", "score", 20, "email", "ada@example.com"));
    var result = sim.simulate(map, List.of(), Duration.ofDays(1));
    assertThat(result.status().vars())
        .containsEntry("plan", "gold")
        .containsEntry("shouted", "ADA");
    assertThat(steps(result))
        .last()
        .isEqualTo("mail:done: email \"ADA, your gold plan\" to ada@example.com");
  }

  @Test
  void onErrorDecidesWhereAFailedActionLeads() {
    String template =
        """
        key: hook
        start: call
        steps:
          - {id: call, type: webhook, method: POST, url: "https://example.com/x", onError: {then: %s}, next: ok}
          - {id: ok, type: add_tags, tags: [ok]}
          - {id: fallback, type: add_tags, tags: [fallback]}
        """;
    for (var expected :
        Map.of("end", List.of(), "continue", List.of("ok"), "fallback", List.of("fallback"))
            .entrySet()) {
      sim(Map.of("id", "c_1"));
      sim.actions().failing("webhook");
      var result =
          sim.simulate(
              unchecked(template.formatted(expected.getKey())), List.of(), Duration.ofDays(1));
      assertThat(result.contact().get("tags")).as(expected.getKey()).isEqualTo(expected.getValue());
      assertThat(result.timeline().getFirst().outcome()).startsWith("failed: webhook failed");
      sim.close();
      sim = null;
    }
  }

  @Test
  void actionsGetTheStepKeyWithTheVisitCount() {
    AutomationMap map =
        map(
            """
        key: loop
        start: tag
        steps:
          - {id: tag, type: add_tags, tags: ["t{{contact.score}}"], next: bump}
          - {id: bump, type: adjust_score, by: 1, next: again}
          - id: again
            type: branch
            branches: [{when: {field: contact.score, op: lt, value: 3}, next: pause}]
          - {id: pause, type: wait, duration: PT1H, next: tag}
        """);
    sim(Map.of("id", "c_1", "score", 0));
    AutomationRun run = sim.start(map);
    WorkflowStub.fromTyped(run).getResult(RunOutcome.class);
    String prefix =
        WorkflowStub.fromTyped(run).getExecution().getWorkflowId()
            + "/"
            + WorkflowStub.fromTyped(run).getExecution().getRunId()
            + "/tag/";
    assertThat(sim.actions().performed)
        .filteredOn(p -> p.type().equals("add_tags"))
        .extracting(p -> p.request().idempotencyKey())
        .containsExactly(prefix + "1", prefix + "2", prefix + "3");
    assertThat(sim.contact().snapshot().get("tags")).isEqualTo(List.of("t0", "t1", "t2"));
  }

  @Test
  void enrollWaitsForTheOtherRunAndUnenrollPauseResumeSteerIt() throws IOException {
    AutomationMap onboarding =
        map(
            """
        key: onboarding
        start: wait
        steps:
          - {id: wait, type: wait, duration: P3D, next: tag}
          - {id: tag, type: add_tags, tags: [onboarded]}
        """);
    AutomationMap parent =
        map(
            """
        key: parent
        start: enroll
        steps:
          - {id: enroll, type: enroll, automation: onboarding, wait: true, next: after}
          - {id: after, type: add_tags, tags: [after-onboarding]}
        """);
    sim(Map.of("id", "c_1")).withAutomations(onboarding);
    AutomationRun run = sim.start(parent);
    sim.environment().sleep(Duration.ofDays(1));
    assertThat(run.status().waitingFor()).isEqualTo("enroll: the run sim:onboarding:c_1 to end");
    WorkflowStub.fromTyped(run).getResult(RunOutcome.class);
    assertThat(sim.contact().snapshot().get("tags"))
        .isEqualTo(List.of("onboarded", "after-onboarding"));
    assertThat(sec(sim.report(parent, run, null).timeline().getLast().at()))
        .isCloseTo(
            MONDAY_NOON.plus(Duration.ofDays(3)),
            org.assertj.core.api.Assertions.within(5, java.time.temporal.ChronoUnit.SECONDS));
    save("enroll-wait", run);
    sim.close();

    AutomationMap steering =
        map(
            """
        key: steering
        start: go
        steps:
          - {id: go, type: enroll, automation: onboarding, wait: false, next: hold}
          - {id: hold, type: wait, duration: P1D, next: pause}
          - {id: pause, type: pause_enrollment, automation: onboarding, next: later}
          - {id: later, type: wait, duration: P5D, next: resume}
          - {id: resume, type: resume_enrollment, automation: onboarding, next: hold2}
          - {id: hold2, type: wait, duration: P1D, next: stop}
          - {id: stop, type: unenroll, automation: onboarding, next: none}
          - {id: none, type: unenroll, automation: nothing-here}
        """);
    AutomationMap longOnboarding =
        map(
            """
        key: onboarding
        start: wait
        steps:
          - {id: wait, type: wait, duration: P10D, next: tag}
          - {id: tag, type: add_tags, tags: [onboarded]}
        """);
    sim(Map.of("id", "c_1")).withAutomations(longOnboarding);
    AutomationRun steer = sim.start(steering);
    sim.environment().sleep(Duration.ofDays(3));
    AutomationRun onboardingRun =
        sim.client().newWorkflowStub(AutomationRun.class, "sim:onboarding:c_1");
    assertThat(onboardingRun.status().state()).isEqualTo("paused");
    sim.environment().sleep(Duration.ofDays(3).plusHours(12));
    assertThat(onboardingRun.status().state()).as("resumed on day 6").isEqualTo("waiting");
    RunOutcome outcome = WorkflowStub.fromTyped(steer).getResult(RunOutcome.class);
    assertThat(outcome.state()).isEqualTo("completed");
    assertThat(steps(sim.report(steering, steer, null)))
        .contains(
            "go:enrolled in onboarding",
            "pause:pause sent to onboarding",
            "resume:resume sent to onboarding",
            "stop:exit sent to onboarding",
            "none:no run in nothing-here");
    AutomationRun other = sim.client().newWorkflowStub(AutomationRun.class, "sim:onboarding:c_1");
    RunOutcome otherOutcome = WorkflowStub.fromTyped(other).getResult(RunOutcome.class);
    assertThat(otherOutcome.state()).isEqualTo("exited");
    assertThat(otherOutcome.reason()).isEqualTo("unenrolled by steering/stop");
    assertThat(sim.contact().snapshot().get("tags"))
        .as("unenrolled on day 7, before its 10-day wait ended")
        .isEqualTo(List.of());
    save("steering", steer);
  }

  @Test
  void quietHoursHoldMessagesButNotOtherActions() {
    AutomationMap map =
        map(
            """
        key: quiet
        quietHours: {from: "21:00", to: "08:00", timezone: contact}
        start: tag
        steps:
          - {id: tag, type: add_tags, tags: [late-signup], next: mail}
          - {id: mail, type: send_email, subject: Welcome, body: "<p>Hi</p>"}
        """);
    sim =
        new Simulator(
            Map.of("id", "c_1", "email", "ada@example.com", "timezone", "Europe/Paris"),
            Instant.parse("2026-03-02T21:30:00Z"),
            Map.of()); // 22:30 in Paris
    var result = sim.simulate(map, List.of(), Duration.ofDays(2));
    assertThat(steps(result))
        .containsExactly(
            "tag:done: added late-signup",
            "mail:waited until 2026-03-03T07:00:00Z",
            "mail:done: email \"Welcome\" to ada@example.com");
    assertThat(times(result))
        .containsExactly("2026-03-02T21:30:00Z", "2026-03-03T07:00:00Z", "2026-03-03T07:00:00Z");
  }
}
