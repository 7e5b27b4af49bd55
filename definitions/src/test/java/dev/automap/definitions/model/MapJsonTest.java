package dev.automap.definitions.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.conditions.EventMatch;
import dev.automap.definitions.conditions.FieldCondition;
import dev.automap.definitions.problems.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MapJsonTest {

  static String resource(String name) {
    try (InputStream in = MapJsonTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static AutomationMap parsed(String text) {
    MapJson.Parsed parsed = MapJson.parse(text);
    assertThat(parsed.problems()).isEmpty();
    return parsed.map();
  }

  @Test
  void readsEveryStepAndTriggerType() {
    AutomationMap map = parsed(resource("/maps/valid/every-step.json"));

    Set<Class<?>> seen = new HashSet<>();
    map.steps().forEach(s -> seen.add(s.getClass()));
    assertThat(seen).containsExactlyInAnyOrderElementsOf(StepTypesTest.stepRecords());
    assertThat(map.triggers())
        .extracting(t -> t.getClass().getSimpleName())
        .containsExactly("EventTrigger", "SegmentTrigger", "ScheduleTrigger", "DateTrigger");
    assertThat(((DateTrigger) map.triggers().get(3)).offset()).isEqualTo(Duration.ofDays(-7));
    assertThat(map.quietHours().from()).isEqualTo(LocalTime.of(21, 0));
    assertThat(map.enrollment().exitWhen())
        .satisfiesExactly(
            m ->
                assertThat(m).isEqualTo(Match.of(new EventMatch("email.unsubscribed", null, null))),
            m ->
                assertThat(((Match.OnCondition) m).condition()).isInstanceOf(FieldCondition.class));
    WaitStep weekly = (WaitStep) map.step("wait-weekdays");
    assertThat(weekly.weekdays()).containsExactly(Weekday.MON, Weekday.FRI);
    assertThat(weekly.form()).isEqualTo(WaitStep.Form.WEEKDAYS);
    assertThat(((WaitStep) map.step("wait-field")).form()).isEqualTo(WaitStep.Form.UNTIL_FIELD);
    assertThat(((SetVarStep) map.step("set")).variable()).isEqualTo("greeting");
    assertThat(((EnrollStep) map.step("nurture")).waits()).isTrue();
    assertThat(map.step("nurture").mayWait()).isTrue();
    assertThat(map.step("leave").mayWait()).isFalse();
    assertThat(map.step("welcome").type()).isEqualTo("send_email");
  }

  @Test
  void readsYaml() {
    AutomationMap map = parsed(resource("/maps/valid/lead-follow-up.yaml"));
    assertThat(map.step("replied?")).isInstanceOf(WaitForStep.class);
    assertThat(map.step("replied?").successors())
        .containsExactly(new Successor("/next", "done"), new Successor("/onTimeout", "follow-up"));
  }

  @Test
  void writesWhatItReads() {
    AutomationMap map = parsed(resource("/maps/valid/every-step.json"));
    String json = MapJson.write(map);
    assertThat(parsed(json)).isEqualTo(map);
    assertThat(json)
        .contains("\"type\":\"set_var\",\"id\":\"set\",\"name\":\"greeting\"")
        .contains("\"else\":\"split\"")
        .contains("\"default\":\"split\"")
        .contains("\"wait\":true")
        .contains("\"weekdays\":[\"MON\",\"FRI\"]")
        .contains("\"offset\":\"-P3D\"")
        .contains("\"due\":\"P1D\"")
        .contains("\"at\":\"08:30\"")
        .contains("{\"event\":\"email.unsubscribed\"}");
  }

  @Test
  void successorsNameTheirFields() {
    AutomationMap map = parsed(resource("/maps/valid/every-step.json"));
    assertThat(map.step("vip?").successors())
        .containsExactly(
            new Successor("/branches/0/next", "plan"),
            new Successor("/branches/1/next", "split"),
            new Successor("/else", "split"));
    assertThat(map.step("fork").successors())
        .containsExactly(new Successor("/paths/0", "drip"), new Successor("/paths/1", "set"));
    assertThat(map.step("hook").successors())
        .containsExactly(new Successor("/next", "ai"), new Successor("/onError/then", "ai"));
    assertThat(map.step("delete").successors())
        .containsExactly(new Successor("/onError/then", "done"));
  }

  static Problem onlyProblem(String text) {
    MapJson.Parsed parsed = MapJson.parse(text);
    assertThat(parsed.ok()).isFalse();
    assertThat(parsed.problems()).hasSize(1);
    return parsed.problems().getFirst();
  }

  static String withStep(String step) {
    return "{\"key\": \"k\", \"start\": \"a\", \"steps\": [{\"id\": \"z\", \"type\": \"end\"}, "
        + step
        + "]}";
  }

  @Test
  void namesWhatKeepsADocumentFromParsing() {
    assertThat(
            onlyProblem(withStep("{\"id\": \"a\", \"type\": \"wait\", \"durration\": \"PT1H\"}")))
        .isEqualTo(new Problem("/steps/1/durration", "unknown field \"durration\""));
    assertThat(onlyProblem(withStep("{\"id\": \"a\", \"type\": \"teleport\"}")))
        .isEqualTo(new Problem("/steps/1/type", "unknown type \"teleport\""));
    assertThat(onlyProblem(withStep("{\"id\": \"a\"}")))
        .isEqualTo(new Problem("/steps/1", "missing \"type\""));
    assertThat(
            onlyProblem(withStep("{\"id\": \"a\", \"type\": \"wait\", \"duration\": \"1 hour\"}")))
        .isEqualTo(
            new Problem("/steps/1/duration", "not an ISO-8601 duration (PT30M, P2D): \"1 hour\""));
    assertThat(onlyProblem(withStep("{\"id\": \"a\", \"type\": \"wait\", \"at\": \"9am\"}")))
        .isEqualTo(new Problem("/steps/1/at", "not a time of day (HH:mm): \"9am\""));
    assertThat(
            onlyProblem(
                withStep(
                    "{\"id\": \"a\", \"type\": \"wait\", \"weekdays\": [\"MONDAY\"], \"at\": \"09:00\"}")))
        .isEqualTo(
            new Problem(
                "/steps/1/weekdays/0",
                "\"MONDAY\" is not one of MON, TUE, WED, THU, FRI, SAT, SUN"));
    assertThat(
            onlyProblem(
                withStep(
                    "{\"id\": \"a\", \"type\": \"goal\", \"when\": {\"event\": \"x\", \"wher\": {}}}")))
        .isEqualTo(new Problem("/steps/1/when/wher", "unknown field \"wher\""));
    assertThat(
            onlyProblem(
                    withStep(
                        "{\"id\": \"a\", \"type\": \"branch\", \"branches\": [{\"when\": {\"feild\": \"x\"}}]}"))
                .path())
        .isEqualTo("/steps/1/branches/0/when");
    assertThat(onlyProblem(withStep("{\"id\": \"a\", \"type\": \"add_tags\", \"tags\": \"vip\"}")))
        .isEqualTo(new Problem("/steps/1/tags", "expected a list"));
    assertThat(onlyProblem("{\"key\": \"k\", \"triggers\": [{\"when\": 1}]}"))
        .isEqualTo(
            new Problem("/triggers/0", "a trigger has one of event, segment, schedule or date"));
    assertThat(onlyProblem("{\"key\": \"k\", \"key\": \"j\"}").message())
        .contains("Duplicate field 'key'");
    assertThat(onlyProblem("{\"key\": ").path()).isEmpty();
    assertThat(onlyProblem("{\"key\": [1,").message())
        .doesNotContain("`")
        .doesNotContain("[Source")
        .doesNotContain("(start marker");
    assertThat(onlyProblem("name: x\nkey: 'unclosed").message())
        .startsWith("not valid JSON or YAML");
    assertThat(onlyProblem("- 1\n- 2\n")).isEqualTo(new Problem("", "expected an object"));
  }

  @Test
  void refusesHugeOrDeepDocuments() {
    String deep =
        "{\"key\": \"k\", \"enrollment\": {\"audience\": "
            + "{\"not\": ".repeat(200)
            + "{\"cel\": \"true\"}"
            + "}".repeat(200)
            + "}}";
    // the limit in plain words, without the reader's names for its settings
    assertThat(onlyProblem(deep).message())
        .isEqualTo("the document nests deeper than 100 levels")
        .doesNotContain("`")
        .doesNotContain("StreamReadConstraints");
    String longName =
        "{\"key\": \"k\", \"name\": \"" + "x".repeat(MapJson.MAX_STRING_CHARS + 1) + "\"}";
    assertThat(onlyProblem(longName).message())
        .isEqualTo("a text is longer than " + MapJson.MAX_STRING_CHARS + " characters");
    assertThat(onlyProblem("key: k\nname: " + "y".repeat(MapJson.MAX_DOCUMENT_CHARS)).message())
        .contains("longer than");
    String bomb =
        "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
            + "b: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c]\n";
    assertThat(MapJson.parse(bomb).ok()).isFalse();
    assertThat(MapJson.parse("key: k\nsteps: " + "[".repeat(500) + "]".repeat(500)).ok()).isFalse();
  }

  @Test
  void conditionsAndEventMatchesAreToldApartByEvent() throws Exception {
    Match onEvent =
        MapJson.mapper()
            .readValue("{\"event\": \"email.opened\", \"fromStep\": \"w\"}", Match.class);
    Match onCondition = MapJson.mapper().readValue("{\"cel\": \"true\"}", Match.class);
    assertThat(onEvent).isInstanceOf(Match.OnEvent.class);
    assertThat(onCondition).isInstanceOf(Match.OnCondition.class);
    assertThat(MapJson.write(List.of(onEvent, onCondition)))
        .isEqualTo("[{\"event\":\"email.opened\",\"fromStep\":\"w\"},{\"cel\":\"true\"}]");
  }
}
