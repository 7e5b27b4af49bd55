package dev.automap.app.ui;

import dev.automap.app.auth.ApiKeyFilter;
import dev.automap.app.auth.ApiKeys;
import dev.automap.definitions.model.ActionStep;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.StepTypes;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.enrollment.EnrollmentStats;
import dev.automap.workers.figures.StepFigures;
import dev.automap.workers.store.Automation;
import dev.automap.workers.temporal.TemporalConfig;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.View;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator page: the account's automations with their state and counts, and one automation
 * drawn as a diagram of its steps with live counts, its versions, and the runs on a step with links
 * into Temporal UI. Pause, resume and exit buttons call the API. Read-only on maps.
 */
@Tag(name = "Operator page")
@Controller("/ui")
@ExecuteOn(TaskExecutors.BLOCKING)
public class OperatorPage {
  static final int RUNS_SHOWN = 100;

  private final AutomationCatalog catalog;
  private final EnrollmentStats stats;
  private final StepFigures figures;
  private final ApiKeys keys;
  private final String temporalUi;
  private final String namespace;
  private final String temporalMode;

  public OperatorPage(
      AutomationCatalog catalog,
      EnrollmentStats stats,
      StepFigures figures,
      ApiKeys keys,
      TemporalConfig temporal,
      @Value("${automap.temporal-ui-url:}") String temporalUiUrl) {
    this.catalog = catalog;
    this.stats = stats;
    this.figures = figures;
    this.keys = keys;
    String ui =
        !temporalUiUrl.isBlank()
            ? temporalUiUrl
            : temporal.uiUrl() != null ? temporal.uiUrl() : "http://localhost:8233";
    this.temporalUi = ui.endsWith("/") ? ui.substring(0, ui.length() - 1) : ui;
    this.namespace = temporal.namespace();
    this.temporalMode = temporal.mode();
  }

  /** One row of the automations table. */
  public record Row(
      String key,
      String name,
      String status,
      @Nullable Integer activeVersion,
      int latestVersion,
      EnrollmentStats.Stats stats,
      String link) {}

  @Operation(
      summary = "Operator page: automations",
      description =
          "The account's automations as an HTML page: each with its status, active and latest version and counts, linking to its own page. Signed in with an API key kept in a cookie (POST /ui/signin) or a Bearer header; without one it redirects to /ui/signin.")
  @SecurityRequirement(name = dev.automap.app.Application.API_KEY)
  @ApiResponse(
      responseCode = "200",
      description = "The page",
      content =
          @Content(
              mediaType = "text/html",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "<!doctype html><html><head><title>Automations</title></head><body><h1>Automations</h1><table><tr><td><a href=\"/ui/automations/welcome\">Welcome</a></td><td>active</td><td>v2</td><td>120 enrolled</td></tr></table></body></html>")))
  @Get
  @View("automations")
  public Map<String, Object> automations(@RequestAttribute(ApiKeyFilter.ACCOUNT) String account) {
    List<Row> rows = new ArrayList<>();
    for (Automation a : catalog.list(account)) {
      rows.add(
          new Row(
              a.key(),
              a.name() == null ? a.key() : a.name(),
              a.status(),
              a.activeVersion(),
              a.latestVersion(),
              stats.of(account, a.key(), null),
              "/ui/automations/" + URLEncoder.encode(a.key(), StandardCharsets.UTF_8)));
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("account", account);
    model.put("rows", rows);
    model.put("temporalUi", temporalUi);
    return model;
  }

  /** A version in the versions list. */
  public record VersionRow(int version, String role, String link, boolean shown) {}

  /** A step in the steps table, with its figures. */
  public record StepRow(
      String id,
      String type,
      boolean action,
      long active,
      long paused,
      @Nullable Long entered,
      @Nullable Long completed,
      String link,
      boolean selected) {}

  /** A run in the runs table. */
  public record RunRow(
      String workflowId,
      String contactId,
      String state,
      String since,
      @Nullable String waiting,
      String temporalLink,
      String api) {}

  @Operation(
      summary = "Operator page: one automation",
      description =
          "One automation as an HTML page: its steps drawn as a diagram with live counts, its versions (version= picks one, default the active), and the runs on a step (step= picks one, default the busiest) with links into Temporal UI. Pause, resume and exit buttons call the API. Read-only on maps.")
  @SecurityRequirement(name = dev.automap.app.Application.API_KEY)
  @io.swagger.v3.oas.annotations.Parameter(
      name = "key",
      description = "The automation's key",
      example = "welcome",
      schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))
  @ApiResponse(
      responseCode = "200",
      description = "The page",
      content =
          @Content(
              mediaType = "text/html",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "<!doctype html><html><head><title>Welcome</title></head><body><h1>Welcome <small>v2, active</small></h1><pre class=\"mermaid\">flowchart TD ...</pre><table><tr><td>mail</td><td>send_email</td><td>3 active</td></tr></table></body></html>")))
  @Get("/automations/{key}")
  public ModelAndView<Map<String, Object>> automation(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String key,
      @Nullable @QueryValue Integer version,
      @Nullable @QueryValue String step) {
    Automation automation = catalog.find(account, key);
    List<Integer> versions = catalog.versions(automation);
    int shown =
        version != null && versions.contains(version)
            ? version
            : automation.activeVersion() != null
                ? automation.activeVersion()
                : automation.latestVersion();
    AutomationMap map = catalog.load(automation, shown);
    StepFigures.Figures f = figures.of(account, key, shown, map);
    String selected = step;
    if (selected == null || map.step(selected) == null) {
      selected =
          f.steps().values().stream()
              .filter(s -> s.active() > 0)
              .max(Comparator.comparingLong(StepFigures.StepFigure::active))
              .map(StepFigures.StepFigure::stepId)
              .orElse(null);
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("account", account);
    model.put("automation", automation);
    model.put("name", map.name() == null ? key : map.name());
    model.put("version", shown);
    model.put("versions", versionRows(automation, versions, shown));
    model.put("figures", f);
    model.put("steps", stepRows(key, shown, map, f, selected));
    model.put("diagram", Diagram.of(key, shown, map, f, selected));
    model.put("selected", selected);
    model.put("runs", selected == null ? List.of() : runRows(account, key, shown, selected));
    model.put("temporalUi", temporalUi);
    model.put("temporalMode", temporalMode);
    model.put(
        "temporalList",
        temporalUi
            + "/namespaces/"
            + enc(namespace)
            + "/workflows?query="
            + enc("AutomationKey=\"" + key + "\" AND AccountId=\"" + account + "\""));
    model.put("figuresLink", "/ui/automations/" + enc(key) + "/figures?version=" + shown);
    model.put("apiBase", "/v1/automations/" + enc(key));
    return new ModelAndView<>("automation", model);
  }

  /** The figures and the diagram again, for the page's live refresh. */
  @Serdeable
  public record Live(StepFigures.Figures figures, String diagram) {}

  @Operation(
      summary = "Operator page: live figures",
      description =
          "The figures of a version of the automation (version= required; step= the step selected) and its diagram again as Mermaid text, for the page's live refresh.")
  @SecurityRequirement(name = dev.automap.app.Application.API_KEY)
  @io.swagger.v3.oas.annotations.Parameter(
      name = "key",
      description = "The automation's key",
      example = "welcome",
      schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))
  @ApiResponse(
      responseCode = "200",
      description = "The figures and the diagram",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"figures\": {\"enrolled\": 120, \"running\": 14, \"completed\": 98, \"exited\": 6, \"failed\": 2, \"goalsMet\": 31, \"steps\": {\"mail\": {\"stepId\": \"mail\", \"active\": 0, \"paused\": 0, \"entered\": 120, \"completed\": 118}, \"wait_2d\": {\"stepId\": \"wait_2d\", \"active\": 14, \"paused\": 0, \"entered\": 118, \"completed\": 104}}, \"paths\": [{\"from\": \"mail\", \"to\": \"wait_2d\", \"label\": \"\", \"taken\": 118}], \"counted\": \"runs by state from the enrollments table; entered and completed of action steps from the step log, of flow steps from the step counters; on each step and path: the 14 runs not ended that answered\"}, \"diagram\": \"flowchart TD\\n  s0[\\\"mail\\\"]\\n  s1([\\\"wait_2d\\\"])\\n  s0 -->|118| s1\\n\"}")))
  @Get(value = "/automations/{key}/figures", produces = MediaType.APPLICATION_JSON)
  public Live live(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String key,
      @QueryValue int version,
      @Nullable @QueryValue String step) {
    Automation automation = catalog.find(account, key);
    AutomationMap map = catalog.load(automation, version);
    StepFigures.Figures f = figures.of(account, key, version, map);
    return new Live(f, Diagram.of(key, version, map, f, step));
  }

  @Operation(
      summary = "Operator page: sign-in form",
      description = "The form asking for an API key, which POST /ui/signin keeps in a cookie.")
  @ApiResponse(
      responseCode = "200",
      description = "The form",
      content =
          @Content(
              mediaType = "text/html",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "<!doctype html><html><head><title>Sign in</title></head><body><form method=\"post\" action=\"/ui/signin\"><input name=\"key\" type=\"password\"><button>Sign in</button></form></body></html>")))
  @Get("/signin")
  @View("signin")
  public Map<String, Object> signInForm() {
    return Map.of("error", "");
  }

  @Serdeable
  public record SignIn(@Nullable String key) {}

  @Operation(
      summary = "Operator page: sign in",
      description =
          "Checks the API key posted from the form; a key of an account is kept in an HTTP-only, same-site cookie and the answer is a 303 to /ui. Any other key is a 401 with the form again, saying so.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/x-www-form-urlencoded",
                      examples =
                          @ExampleObject(
                              name = "request",
                              value = "key=am_3f9a1c7e5b2d8046a1c3e5f7b9d02468"))))
  @ApiResponse(
      responseCode = "303",
      description = "Signed in: to the automations page",
      headers = {
        @io.swagger.v3.oas.annotations.headers.Header(
            name = "Location",
            description = "The automations page",
            schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", example = "/ui")),
        @io.swagger.v3.oas.annotations.headers.Header(
            name = "Set-Cookie",
            description = "The API key, kept",
            schema =
                @io.swagger.v3.oas.annotations.media.Schema(
                    type = "string",
                    example =
                        "automap_key=am_3f9a1c7e5b2d8046a1c3e5f7b9d02468; Path=/; HTTPOnly; SameSite=Strict"))
      })
  @ApiResponse(
      responseCode = "401",
      description = "Not an API key here: the form again",
      content =
          @Content(
              mediaType = "text/html",
              examples =
                  @ExampleObject(
                      name = "refused",
                      value =
                          "<!doctype html><html><head><title>Sign in</title></head><body><p>That is not an API key here.</p><form method=\"post\" action=\"/ui/signin\"><input name=\"key\" type=\"password\"><button>Sign in</button></form></body></html>")))
  @Post("/signin")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public HttpResponse<?> signIn(@Body SignIn form) {
    String key = form.key() == null ? "" : form.key().strip();
    if (key.isEmpty() || keys.accountOf(key).isEmpty()) {
      return HttpResponse.status(HttpStatus.UNAUTHORIZED)
          .body(new ModelAndView<>("signin", Map.of("error", "That is not an API key here.")));
    }
    return HttpResponse.seeOther(URI.create("/ui"))
        .cookie(
            Cookie.of(ApiKeyFilter.COOKIE, key).httpOnly(true).sameSite(SameSite.Strict).path("/"));
  }

  @Operation(
      summary = "Operator page: sign out",
      description =
          "Clears the cookie holding the API key and redirects (303) to the sign-in form.")
  @ApiResponse(
      responseCode = "303",
      description = "Signed out: to the sign-in form",
      headers = {
        @io.swagger.v3.oas.annotations.headers.Header(
            name = "Location",
            description = "The sign-in form",
            schema =
                @io.swagger.v3.oas.annotations.media.Schema(
                    type = "string",
                    example = "/ui/signin")),
        @io.swagger.v3.oas.annotations.headers.Header(
            name = "Set-Cookie",
            description = "The cookie, cleared",
            schema =
                @io.swagger.v3.oas.annotations.media.Schema(
                    type = "string",
                    example = "automap_key=; Max-Age=0; Path=/"))
      })
  @Post("/signout")
  public HttpResponse<?> signOut() {
    return HttpResponse.seeOther(URI.create("/ui/signin"))
        .cookie(Cookie.of(ApiKeyFilter.COOKIE, "").path("/").maxAge(0));
  }

  private List<VersionRow> versionRows(Automation automation, List<Integer> versions, int shown) {
    List<VersionRow> rows = new ArrayList<>();
    for (int v : versions.reversed()) {
      String role =
          automation.activeVersion() != null && v == automation.activeVersion()
              ? "active"
              : automation.activeVersion() == null || v > automation.activeVersion()
                  ? "draft"
                  : "earlier";
      rows.add(
          new VersionRow(
              v, role, "/ui/automations/" + enc(automation.key()) + "?version=" + v, v == shown));
    }
    return rows;
  }

  private static List<StepRow> stepRows(
      String key, int version, AutomationMap map, StepFigures.Figures f, String selected) {
    List<StepRow> rows = new ArrayList<>();
    for (Step step : map.steps()) {
      StepFigures.StepFigure s = f.steps().get(step.id());
      rows.add(
          new StepRow(
              step.id(),
              StepTypes.nameOf(step.getClass()),
              step instanceof ActionStep,
              s == null ? 0 : s.active(),
              s == null ? 0 : s.paused(),
              s == null ? null : s.entered(),
              s == null ? null : s.completed(),
              Diagram.link(key, version, step.id()),
              step.id().equals(selected)));
    }
    return rows;
  }

  private List<RunRow> runRows(String account, String key, int version, String stepId) {
    return figures.runsOn(account, key, version, stepId, RUNS_SHOWN).stream()
        .map(
            r ->
                new RunRow(
                    r.workflowId(),
                    r.contactId(),
                    r.state(),
                    r.since(),
                    r.waitingFor() != null
                        ? r.waitingFor()
                        : r.waitingUntil() != null ? "until " + r.waitingUntil() : null,
                    temporalUi
                        + "/namespaces/"
                        + enc(namespace)
                        + "/workflows/"
                        + enc(r.workflowId()),
                    "/v1/enrollments/" + enc(r.workflowId())))
        .toList();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
