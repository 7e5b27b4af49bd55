package dev.automap.workers.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.flow.Listens;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.model.Match;
import dev.automap.definitions.model.Step;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The router signals a run with every event the run would act on: each match the run judges events
 * against ({@link Listens}: exits, goals, and what a waiting step hears) is heard by {@link
 * Listening}.
 */
class ListeningFollowsTheRunTest {
  static final String MAP =
      """
      key: all
      start: w
      enrollment:
        exitWhen: [{event: email.bounced}]
      steps:
        - {id: w, type: wait, untilField: contact.fields.renewal, next: wf}
        - {id: wf, type: wait_for, event: {event: form.submitted}, timeout: P1D, next: g}
        - {id: g, type: goal, when: {event: deal.won}, ifUnmet: wait, next: e}
        - {id: e, type: enroll, automation: other, wait: true, next: t}
        - {id: t, type: add_tags, tags: [x]}
      """;

  @Test
  void everyEventMatchTheRunJudgesIsHeardByTheRouter() {
    var parsed = MapJson.parse(MAP);
    assertThat(parsed.problems()).isEmpty();
    AutomationMap map = parsed.map();
    List<Match> runHears = new ArrayList<>(Listens.exits(map));
    for (Step step : map.steps()) {
      runHears.addAll(Listens.ofStep(step));
    }
    runHears.addAll(Listens.runEnd("acme:other:c_1"));
    Listening router = Listening.of(map);
    assertThat(router.everything()).isFalse();
    List<String> types =
        runHears.stream()
            .map(m -> ((Match.OnEvent) m).event().event())
            .distinct()
            .sorted()
            .toList();
    assertThat(types)
        .containsExactly(
            "automation.completed",
            "automation.exited",
            "contact.updated",
            "deal.won",
            "email.bounced",
            "form.submitted");
    assertThat(types).allMatch(router::hears);
    assertThat(router.hears("email.opened")).isFalse();
  }
}
