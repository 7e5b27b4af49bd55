package dev.automap.workers.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.MapJson;
import org.junit.jupiter.api.Test;

class ListeningTest {

  static Listening of(String yaml) {
    var parsed = MapJson.parse(yaml);
    assertThat(parsed.problems()).isEmpty();
    return Listening.of(parsed.map());
  }

  @Test
  void aMapOfWaitsAndActionsHearsNothing() {
    Listening l =
        of(
            """
        key: plain
        start: w
        steps: [{id: w, type: wait, duration: P1D, next: t}, {id: t, type: add_tags, tags: [x]}]
        """);
    assertThat(l.hears("contact.updated")).isFalse();
    assertThat(l.hears("email.opened")).isFalse();
  }

  @Test
  void goalsWaitForsExitsDateWaitsAndRunEndsNameWhatTheyHear() {
    Listening l =
        of(
            """
        key: listener
        enrollment: {exitWhen: [{event: payment.received}]}
        start: w
        steps:
          - {id: w, type: wait_for, event: {event: email.opened}, timeout: P1D, next: d}
          - {id: d, type: wait, untilField: contact.fields.renewal, next: e}
          - {id: e, type: enroll, automation: other, wait: true, next: g}
          - {id: g, type: goal, when: {event: appointment.booked}}
        """);
    assertThat(l.everything()).isFalse();
    assertThat(l.types())
        .containsExactlyInAnyOrder(
            "payment.received",
            "email.opened",
            "contact.updated",
            "automation.completed",
            "automation.exited",
            "appointment.booked");
    assertThat(l.hears("sms.replied")).isFalse();
  }

  @Test
  void aConditionRecheckedOnEveryEventHearsEverything() {
    assertThat(
            of("""
        key: cond
        start: g
        steps: [{id: g, type: goal, when: {field: contact.tags, op: contains, value: paid}, ifUnmet: wait}]
        """)
                .hears("anything.at_all"))
        .isTrue();
  }
}
