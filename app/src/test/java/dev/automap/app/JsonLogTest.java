package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * With {@code AUTOMAP_LOG_FORMAT=json} the app's own logback.xml writes one JSON object a line;
 * what a run logs, from workflow code and from its activities, carries the workflow ID, the contact
 * and the step.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonLogTest extends ApiTestSupport {

  static final String MAP =
      """
      {"key": "logged", "start": "tag", "steps": [
         {"id": "tag", "type": "add_tags", "tags": ["logged"], "next": "done"},
         {"id": "done", "type": "end"}]}""";

  static void configure(String format) throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    if (format != null) {
      context.putProperty("AUTOMAP_LOG_FORMAT", format);
    }
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(JsonLogTest.class.getResource("/logback.xml"));
  }

  @Test
  void aRunLogsJsonLinesWithItsWorkflowContactAndStep() throws Exception {
    assertThat(
            call(auth(HttpRequest.POST("/v1/automations", MAP).contentType("application/json")))
                .code())
        .isIn(201, 409);
    call(auth(HttpRequest.POST("/v1/automations/logged/publish", "")));
    var contact =
        call(
            auth(
                HttpRequest.POST(
                    "/v1/contacts",
                    Map.of("email", "logged-" + System.nanoTime() + "@example.com"))));
    String contactId = (String) body(contact).get("id");
    String workflowId = "default:logged:" + contactId;

    PrintStream console = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<JsonNode> lines = new ArrayList<>();
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      configure("json");
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      context.getLogger("dev.automap.workers").setLevel(Level.DEBUG);

      var enrolled =
          call(
              auth(
                  HttpRequest.POST(
                      "/v1/automations/logged/enrollments", Map.of("contactId", contactId))));
      assertThat(enrolled.code()).isEqualTo(HttpStatus.CREATED.getCode());

      Predicate<JsonNode> ended =
          n -> n.path("message").asText().startsWith("run ended: completed");
      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      while (lines.stream()
          .noneMatch(ended.and(n -> workflowId.equals(n.path("WorkflowId").asText())))) {
        if (Instant.now().isAfter(deadline)) {
          fail("no JSON line said the run ended:\n" + captured.toString(StandardCharsets.UTF_8));
        }
        Thread.sleep(200);
        lines.clear();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
          if (line.startsWith("{")) {
            lines.add(new ObjectMapper().readTree(line));
          }
        }
      }
    } finally {
      configure(null);
      System.setOut(console);
    }

    String all = captured.toString(StandardCharsets.UTF_8);
    for (String line : all.split("\n")) {
      if (!line.isBlank()) {
        assertThat(line).as("every record is one JSON line").startsWith("{").endsWith("}");
      }
    }
    // workflow code, through Workflow.getLogger
    JsonNode end =
        lines.stream()
            .filter(n -> n.path("message").asText().startsWith("run ended: completed"))
            .filter(n -> workflowId.equals(n.path("WorkflowId").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(end.path("ContactId").asText()).isEqualTo(contactId);
    assertThat(end.path("StepId").asText()).isEqualTo("done");
    assertThat(end.path("level").asText()).isEqualTo("INFO");
    assertThat(end.has("@timestamp")).isTrue();
    assertThat(
            lines.stream()
                .anyMatch(
                    n ->
                        n.path("message").asText().equals("step tag (add_tags)")
                            && workflowId.equals(n.path("WorkflowId").asText())
                            && "tag".equals(n.path("StepId").asText())))
        .as("the workflow logs each step with its id")
        .isTrue();
    // an activity: the action that tagged the contact
    JsonNode action =
        lines.stream()
            .filter(n -> n.path("message").asText().equals("add_tags performed"))
            .filter(n -> workflowId.equals(n.path("WorkflowId").asText()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no line from the add_tags activity:\n" + all));
    assertThat(action.path("ContactId").asText()).isEqualTo(contactId);
    assertThat(action.path("StepId").asText()).isEqualTo("tag");
    assertThat(action.path("ActivityType").asText()).isEqualTo("add_tags");
  }
}
