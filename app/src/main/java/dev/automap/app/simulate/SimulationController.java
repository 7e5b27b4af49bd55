package dev.automap.app.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.automap.app.auth.ApiKeyFilter;
import dev.automap.app.problems.ApiProblem;
import dev.automap.app.problems.ProblemDetail;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.problems.Problem;
import dev.automap.definitions.validation.MapValidator;
import dev.automap.workers.actions.ActionDispatcher;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.contacts.ContactFacts;
import dev.automap.workers.preview.Simulator;
import dev.automap.workers.run.RunStatus;
import dev.automap.workers.store.ContactNotFound;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * {@code POST /v1/simulate}: what a map would do to a contact, run by the real interpreter on a
 * time-skipping test service with recording stand-ins for every side effect.
 */
@Tag(name = "Preview")
@SecurityRequirement(name = dev.automap.app.Application.API_KEY)
@Controller("/v1/simulate")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SimulationController {
  private static final Duration DEFAULT_UNTIL = Duration.ofDays(90);
  private static final Duration LONGEST = Duration.ofDays(3660);
  private static final int MAX_EVENTS = 1000;

  /** Previews start between these instants: the test service's clock cannot go far past them. */
  private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

  private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

  private final AutomationCatalog catalog;
  private final ActionDispatcher actions;
  private final MapValidator validator = new MapValidator();

  private final PreviewRunner previews;
  private final ContactFacts contacts;

  public SimulationController(
      AutomationCatalog catalog,
      ActionDispatcher actions,
      PreviewRunner previews,
      ContactFacts contacts) {
    this.catalog = catalog;
    this.actions = actions;
    this.previews = previews;
    this.contacts = contacts;
  }

  @Serdeable
  public record Entry(String at, String step, String type, String outcome, String detail) {}

  @Serdeable
  public record SimulationBody(
      List<Entry> timeline,
      RunStatus state,
      String outcome,
      String reason,
      Map<String, Object> contact,
      boolean truncated) {}

  @Operation(
      summary = "Preview a map",
      description =
          "Runs the map on a time-skipping test server with recording stand-ins for every side effect: what it would do to a contact (`contact`, or a copy of a stored one by `contactId`). The timeline is whole up to 10,000 entries, then `truncated: true`.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              name = "request",
                              value =
                                  "{\"automation\": \"welcome\", \"contactId\": \"c_8f2k1\", \"start\": \"2026-03-02T09:00:00Z\", \"until\": \"P90D\"}"))))
  @ApiResponse(
      responseCode = "200",
      description = "Preview a map",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"timeline\": [{\"at\": \"2026-03-02T09:00:00Z\", \"step\": \"welcome\", \"type\": \"send_email\", \"outcome\": \"done\", \"detail\": \"email \\\"Welcome Ada\\\" to ada@example.com\"}], \"outcome\": \"completed\", \"truncated\": false}")))
  @Post
  public CompletableFuture<SimulationBody> simulate(
      HttpRequest<?> http,
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @Body String body) {
    JsonNode request = read(body);
    List<ProblemDetail.FieldError> errors = new ArrayList<>();
    AutomationMap map = automation(account, request.get("automation"), errors);
    Map<String, Object> contact;
    Map<String, Object> accountValues = Map.of();
    if (request.hasNonNull("contactId")) {
      contact = stored(account, request, errors);
      if (contact != null) {
        accountValues = contacts.accountValues(account);
      }
    } else {
      contact = object(request.get("contact"), "/contact", errors);
      if (contact != null) {
        ContactShape.check(contact, "/contact", errors);
      }
    }
    Map<String, Object> values = accountValues;
    Instant start = instant(request.get("start"), errors);
    Duration until = duration(request.get("until"), "/until", errors, DEFAULT_UNTIL);
    List<Simulator.TimedEvent> events = events(request.get("events"), errors);
    if (!errors.isEmpty()) {
      throw new ApiProblem(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "invalid-simulation",
          "the simulation cannot run",
          errors);
    }
    return previews.submit(
        bounds -> {
          try (Simulator simulator = new Simulator(contact, start, values)) {
            simulator.actions().performable(actions.types());
            Simulator.Result result = simulator.simulate(map, events, until, bounds);
            return new SimulationBody(
                result.timeline().stream().map(SimulationController::entry).toList(),
                result.status(),
                result.outcome() == null ? null : result.outcome().state(),
                result.outcome() == null ? null : result.outcome().reason(),
                result.contact(),
                result.truncated());
          }
        },
        callerGone(http));
  }

  /**
   * A copy of a stored contact, as a run would see it ({@code contactId}): the preview changes the
   * copy, never the contact.
   */
  private Map<String, Object> stored(
      String account, JsonNode request, List<ProblemDetail.FieldError> errors) {
    if (request.hasNonNull("contact")) {
      errors.add(new ProblemDetail.FieldError("/contactId", "send contact or contactId, not both"));
      return null;
    }
    JsonNode id = request.get("contactId");
    if (!id.isTextual() || id.asText().isBlank()) {
      errors.add(new ProblemDetail.FieldError("/contactId", "must be a contact id"));
      return null;
    }
    try {
      return new LinkedHashMap<>(
          contacts.load(account, id.asText(), Map.of(), Map.of(), Instant.now()).contact());
    } catch (ContactNotFound e) {
      errors.add(new ProblemDetail.FieldError("/contactId", "no contact \"" + id.asText() + "\""));
      return null;
    }
  }

  /** True once the caller's connection has closed: nobody waits for the preview any more. */
  private static BooleanSupplier callerGone(HttpRequest<?> request) {
    if (request instanceof NettyHttpRequest<?> netty) {
      var channel = netty.getChannelHandlerContext().channel();
      return () -> {
        if (channel.isActive() && !channel.config().isAutoRead()) {
          // the server reads no further while it answers: ask for one read, so a closed
          // connection is seen (a pipelined request that comes instead waits its turn as ever)
          channel.read();
        }
        return !channel.isActive();
      };
    }
    return () -> false;
  }

  /** A path entry's outcome splits at its first colon into the outcome and its detail. */
  private static Entry entry(Simulator.Entry e) {
    String outcome = e.outcome();
    String detail = null;
    int colon = outcome == null ? -1 : outcome.indexOf(": ");
    if (colon > 0) {
      detail = outcome.substring(colon + 2);
      outcome = outcome.substring(0, colon);
    }
    // virtual time also moves by the milliseconds the worker takes: shown to the second
    String at = Instant.parse(e.at()).truncatedTo(ChronoUnit.SECONDS).toString();
    return new Entry(at, e.step(), e.type(), outcome, detail);
  }

  private static JsonNode read(String body) {
    try {
      JsonNode node = body == null ? null : MapJson.mapper().readTree(body);
      if (node == null || !node.isObject()) {
        throw new ApiProblem(
            HttpStatus.BAD_REQUEST, "unparseable-request", "the body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "unparseable-request",
          "the body is not valid JSON: " + dev.automap.definitions.model.JsonErrors.plain(e));
    }
  }

  private AutomationMap automation(
      String account, JsonNode node, List<ProblemDetail.FieldError> errors) {
    if (node == null || node.isNull()) {
      errors.add(
          new ProblemDetail.FieldError(
              "/automation", "required: a map, or the key of a saved one"));
      return null;
    }
    if (node.isTextual()) {
      try {
        var automation = catalog.find(account, node.asText());
        List<Integer> versions = catalog.versions(automation);
        AutomationMap saved = catalog.load(automation, versions.getLast());
        List<Problem> problems = validator.validate(saved);
        for (Problem p : problems) {
          errors.add(
              new ProblemDetail.FieldError(
                  "/automation" + p.path(),
                  p.message()
                      + " (in version "
                      + versions.getLast()
                      + " of "
                      + node.asText()
                      + ")"));
        }
        return problems.isEmpty() ? saved : null;
      } catch (AutomationCatalog.NoSuchAutomation e) {
        errors.add(
            new ProblemDetail.FieldError("/automation", "no automation \"" + node.asText() + "\""));
        return null;
      }
    }
    MapJson.Parsed parsed = MapJson.parse(node.toString());
    List<Problem> problems = parsed.ok() ? validator.validate(parsed.map()) : parsed.problems();
    for (Problem p : problems) {
      errors.add(new ProblemDetail.FieldError("/automation" + p.path(), p.message()));
    }
    return problems.isEmpty() ? parsed.map() : null;
  }

  private static Map<String, Object> object(
      JsonNode node, String path, List<ProblemDetail.FieldError> errors) {
    if (node == null || node.isNull()) {
      return new LinkedHashMap<>();
    }
    if (!node.isObject()) {
      errors.add(new ProblemDetail.FieldError(path, "must be an object"));
      return null;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = MapJson.mapper().convertValue(node, Map.class);
    return map;
  }

  private static Instant instant(JsonNode node, List<ProblemDetail.FieldError> errors) {
    if (node == null || node.isNull()) {
      return null;
    }
    try {
      Instant start = Instant.parse(node.asText());
      if (start.isBefore(EARLIEST) || start.isAfter(LATEST)) {
        errors.add(
            new ProblemDetail.FieldError(
                "/start", "must be between " + EARLIEST + " and " + LATEST));
        return null;
      }
      return start;
    } catch (DateTimeException e) {
      errors.add(
          new ProblemDetail.FieldError(
              "/start", "must be an ISO-8601 instant, e.g. 2026-03-02T09:00:00Z"));
      return null;
    }
  }

  private static Duration duration(
      JsonNode node, String path, List<ProblemDetail.FieldError> errors, Duration fallback) {
    if (node == null || node.isNull()) {
      return fallback;
    }
    try {
      Duration parsed = Duration.parse(node.asText());
      if (parsed.isNegative() || parsed.compareTo(LONGEST) > 0) {
        errors.add(new ProblemDetail.FieldError(path, "must be between PT0S and P3660D"));
        return null;
      }
      return parsed;
    } catch (DateTimeException | ArithmeticException e) {
      errors.add(
          new ProblemDetail.FieldError(path, "must be an ISO-8601 duration, e.g. PT2H or P3D"));
      return null;
    }
  }

  private static List<Simulator.TimedEvent> events(
      JsonNode node, List<ProblemDetail.FieldError> errors) {
    List<Simulator.TimedEvent> events = new ArrayList<>();
    if (node == null || node.isNull()) {
      return events;
    }
    if (!node.isArray() || node.size() > MAX_EVENTS) {
      errors.add(
          new ProblemDetail.FieldError(
              "/events", "must be a list of at most " + MAX_EVENTS + " events"));
      return events;
    }
    for (int i = 0; i < node.size(); i++) {
      String at = "/events/" + i;
      JsonNode item = node.get(i);
      if (!item.isObject()) {
        errors.add(new ProblemDetail.FieldError(at, "must be an object with after and event"));
        continue;
      }
      Duration after = duration(item.get("after"), at + "/after", errors, Duration.ZERO);
      Map<String, Object> event = object(item.get("event"), at + "/event", errors);
      if (event != null && !(event.get("type") instanceof String)) {
        errors.add(new ProblemDetail.FieldError(at + "/event/type", "required"));
      }
      if (after != null && event != null) {
        events.add(new Simulator.TimedEvent(after, event));
      }
    }
    return events;
  }
}
