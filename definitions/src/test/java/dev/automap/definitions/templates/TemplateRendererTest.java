package dev.automap.definitions.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.automap.definitions.conditions.Facts;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateRendererTest {
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  final TemplateRenderer renderer = new TemplateRenderer();

  static Facts facts() {
    Map<String, Object> fields = new HashMap<>();
    fields.put("birthday", "1990-12-10");
    fields.put("company", "Tom & Jerry <Ltd>");
    fields.put("plan", "gold");
    fields.put("lead source", "Webinar");
    fields.put("nothing", null);
    Map<String, Object> contact = new HashMap<>();
    contact.put("firstName", "ada");
    contact.put("lastName", "LOVELACE");
    contact.put("email", "ada@example.com");
    contact.put("tags", List.of("VIP", "newsletter"));
    contact.put("score", 1234567.891);
    contact.put("timezone", "America/New_York");
    contact.put("fields", fields);
    return Facts.at(NOW)
        .withContact(contact)
        .withEvent(
            Map.of(
                "type",
                "form.submitted",
                "data",
                Map.of("form", "Demo", "when", "2025-05-31T23:30:00Z")))
        .withVars(Map.of("coupon", "SAVE10", "count", 3))
        .withAccountValues(Map.of("brand", "Automap"));
  }

  String text(String template) {
    return renderer.renderText(template, facts());
  }

  String html(String template) {
    return renderer.renderHtml(template, facts());
  }

  @Test
  void mergesEveryRoot() {
    assertThat(
            text(
                "Hi {{contact.firstName}}, {{event.data.form}} via {{account.values.brand}}: {{vars.coupon}} x{{vars.count}} at {{now}}"))
        .isEqualTo("Hi ada, Demo via Automap: SAVE10 x3 at 2025-06-01T12:00:00Z");
    assertThat(text("{{contact.fields.[lead source]}} / {{event.type}}"))
        .isEqualTo("Webinar / form.submitted");
    assertThat(text("{{#each contact.tags}}[{{this}}]{{/each}}")).isEqualTo("[VIP][newsletter]");
  }

  @Test
  void missingValuesRenderEmptyAndDefaultFillsThem() {
    assertThat(text("Hi {{contact.middleName}}!{{contact.fields.nothing}}{{nope.at.all}}"))
        .isEqualTo("Hi !");
    assertThat(text("Hi {{default contact.middleName \"there\"}}")).isEqualTo("Hi there");
    assertThat(text("Hi {{default contact.firstName \"there\"}}")).isEqualTo("Hi ada");
    assertThat(text("Hi {{default contact.fields.nothing \"there\"}}")).isEqualTo("Hi there");
    assertThat(renderer.renderText("Hi {{default contact.firstName \"there\"}}", Facts.at(NOW)))
        .isEqualTo("Hi there");
    assertThat(
            renderer.renderText(
                "Hi {{default contact.firstName \"there\"}}",
                Facts.at(NOW).withContact(Map.of("firstName", " "))))
        .isEqualTo("Hi there");
  }

  @Test
  void htmlEscapesValuesAndTextDoesNot() {
    assertThat(html("<p>{{contact.fields.company}}</p>"))
        .isEqualTo("<p>Tom &amp; Jerry &lt;Ltd&gt;</p>");
    assertThat(html("<p>{{{contact.fields.company}}}</p>")).isEqualTo("<p>Tom & Jerry <Ltd></p>");
    assertThat(html("{{upper contact.fields.company}}")).isEqualTo("TOM &amp; JERRY &lt;LTD&gt;");
    assertThat(html("Zoë {{default contact.x \"<b>\"}}")).isEqualTo("Zoë &lt;b&gt;");
    assertThat(text("{{contact.fields.company}}")).isEqualTo("Tom & Jerry <Ltd>");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{{upper contact.firstName}}|ADA",
        "{{lower contact.lastName}}|lovelace",
        "{{capitalize contact.lastName}} {{capitalize \"mary-jane o'neil\"}}|Lovelace Mary-Jane O'neil",
        "[{{trim \"  x \"}}]|[x]",
        "{{date contact.fields.birthday \"MMM d\"}}|Dec 10",
        "{{date contact.fields.birthday \"EEEE, d MMMM yyyy\"}}|Monday, 10 December 1990",
        "{{date now \"yyyy-MM-dd HH:mm z\"}}|2025-06-01 08:00 EDT",
        "{{date now \"HH:mm\" tz=\"Europe/Paris\"}}|14:00",
        "{{date event.data.when \"MMM d\"}}|May 31",
        "{{date event.data.when \"MMM d\" tz=\"Asia/Tokyo\"}}|Jun 1",
        "{{date contact.fields.birthday \"HH:mm\"}}|1990-12-10",
        "{{date contact.fields.company \"MMM d\"}}|Tom & Jerry <Ltd>",
        "[{{date contact.none \"MMM d\"}}]|[]",
        "{{number contact.score \"#,##0.00\"}}|1,234,567.89",
        "{{number vars.count \"000\"}}|003",
        "{{number \"12.5\"}}|12.5",
        "{{#if (eq contact.fields.plan \"gold\")}}gold{{else}}other{{/if}}|gold",
        "{{#if (eq vars.count 3)}}three{{/if}}|three",
        "{{#if (ne vars.count 3)}}not three{{else}}three{{/if}}|three",
        "{{#if (and contact.email (not contact.none))}}yes{{/if}}|yes",
        "{{#if (or contact.none contact.email)}}yes{{/if}}|yes",
        "{{#unless contact.none}}none{{/unless}}|none",
        "{{#with contact}}{{firstName}}{{/with}}|ada",
      })
  void helpers(String template, String expected) {
    assertThat(text(template)).isEqualTo(expected);
  }

  @Test
  void readsNoGettersOfJavaObjects() {
    assertThat(text("[{{now.epochSecond}}{{contact.email.class}}{{contact.email.bytes}}]"))
        .isEqualTo("[]");
  }

  @Test
  void isDeterministic() {
    String template = "{{date now \"yyyy-MM-dd'T'HH:mm:ss\"}} {{contact.firstName}}";
    assertThat(text(template)).isEqualTo(text(template)).isEqualTo("2025-06-01T08:00:00 ada");
    assertThat(renderer.renderText("{{date now}}", Facts.at(Instant.parse("1999-12-31T23:00:00Z"))))
        .isEqualTo("1999-12-31");
  }

  @Test
  void checksTemplatesWithoutRendering() {
    assertThat(
            renderer.check(
                "Hi {{contact.firstName}} {{default contact.x \"y\"}} {{#if (eq a b)}}z{{else}}w{{/if}}"))
        .isEmpty();
    assertThat(renderer.check("{{!-- {{nothing here}} --}}{{! or here }}ok")).isEmpty();
    assertThat(renderer.check("Hi {{contact.firstName"))
        .singleElement()
        .asString()
        .startsWith("at 1:");
    assertThat(renderer.check("{{#if contact.x}}open")).hasSize(1);
    assertThat(renderer.check("{{#if x}}a{{/each}}")).hasSize(1);
    assertThat(renderer.check("{{uppr contact.firstName}}"))
        .singleElement()
        .asString()
        .contains("'uppr'");
    assertThat(renderer.check("{{#if (eqq a b)}}x{{/if}}"))
        .singleElement()
        .asString()
        .contains("'eqq'");
    assertThat(renderer.check("{{#uppr x}}y{{/uppr}}"))
        .singleElement()
        .asString()
        .contains("'uppr'");
    assertThat(renderer.check("{{#each contact.tags}}{{uppr this}}{{/each}}"))
        .singleElement()
        .asString()
        .contains("'uppr'");
    assertThat(renderer.check("{{> footer}}"))
        .containsExactly("partials ({{> name}}) are not available");
    assertThat(renderer.check(null)).isEmpty();
    assertThat(renderer.helpers())
        .contains("default", "upper", "lower", "date", "number", "if", "each");
  }

  @Test
  void failsLoudlyOnlyOnBrokenTemplates() {
    assertThatThrownBy(() -> text("Hi {{contact.firstName")).isInstanceOf(TemplateException.class);
    assertThatThrownBy(() -> text("{{> footer}}")).isInstanceOf(TemplateException.class);
    assertThatThrownBy(() -> text("{{date now \"qqqqqqq\"}}"))
        .isInstanceOf(TemplateException.class);
    assertThat(text("")).isEmpty();
    assertThat(text(null)).isEmpty();
  }

  @Test
  void cachesCompiledTemplates() {
    TemplateRenderer small = new TemplateRenderer(4);
    for (int i = 0; i < 50; i++) {
      assertThat(small.renderText("{{vars.coupon}}-" + i, facts())).isEqualTo("SAVE10-" + i);
    }
    Facts f = facts();
    String template = "Hi {{default contact.firstName \"there\"}}, your {{upper vars.coupon}} code";
    long start = System.nanoTime();
    for (int i = 0; i < 20_000; i++) {
      renderer.renderHtml(template, f);
    }
    assertThat((System.nanoTime() - start) / 20_000 / 1_000)
        .as("microseconds each")
        .isLessThan(500);
  }
}
