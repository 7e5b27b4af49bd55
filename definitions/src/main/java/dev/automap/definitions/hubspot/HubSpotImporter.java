package dev.automap.definitions.hubspot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.EndStep;
import dev.automap.definitions.model.Enrollment;
import dev.automap.definitions.model.EventTrigger;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.model.Match;
import dev.automap.definitions.model.QuietHours;
import dev.automap.definitions.model.Reenroll;
import dev.automap.definitions.model.SegmentTrigger;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.Successor;
import dev.automap.definitions.model.Trigger;
import dev.automap.definitions.problems.Problem;
import dev.automap.definitions.validation.MapValidator;
import java.text.Normalizer;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a HubSpot workflow (automation v4 flow JSON) into an automation map. Never throws for bad
 * input: whatever could not be carried over as it was is a warning, at its JSON Pointer in the
 * HubSpot document ({@code /actions/3/actionTypeId}), and an action with no equivalent becomes a
 * step that records it was skipped. The mapping is documented in {@code docs/hubspot-import.md}.
 */
public final class HubSpotImporter {
  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Set<String> EDGES = Set.of("STANDARD", "GO-TO", "GOTO", "GO_TO");
  private static final int MAX_TRIGGERS = MapValidator.MAX_TRIGGERS;

  /**
   * The map, and what the import could not carry over as it was. {@code map} is null only when the
   * input is not a JSON object at all.
   */
  public record Imported(AutomationMap map, List<Problem> warnings) {
    public boolean ok() {
      return map != null;
    }
  }

  /** The flow as a map whose key comes from the flow's name. */
  public Imported importFlow(JsonNode flow) {
    return importFlow(flow, null);
  }

  /** The flow as a map with this key (null: derived from the flow's name). */
  public Imported importFlow(JsonNode flow, String key) {
    if (flow == null || !flow.isObject()) {
      return new Imported(null, List.of(new Problem("", "a HubSpot flow is a JSON object")));
    }
    return new Run(flow, key).map();
  }

  /** Reads the flow from JSON text (within the same limits as a map), then imports it. */
  public Imported importFlow(String json, String key) {
    if (json == null || json.isBlank()) {
      return new Imported(null, List.of(new Problem("", "the document is empty")));
    }
    if (json.length() > MapJson.MAX_DOCUMENT_CHARS) {
      return new Imported(
          null,
          List.of(
              new Problem(
                  "",
                  "the document is longer than " + MapJson.MAX_DOCUMENT_CHARS + " characters")));
    }
    try {
      return importFlow(MapJson.mapper().readTree(json), key);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      String where =
          loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      return new Imported(
          null,
          List.of(
              new Problem(
                  "",
                  "not valid JSON"
                      + where
                      + ": "
                      + dev.automap.definitions.model.JsonErrors.plain(e))));
    }
  }

  /**
   * A map key made from a name: lower case, runs of other characters as {@code -}; null when
   * nothing is left.
   */
  public static String keyOf(String name) {
    if (name == null) {
      return null;
    }
    String plain =
        Normalizer.normalize(name, Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT);
    String key =
        plain
            .replaceAll("[^a-z0-9_-]+", "-")
            .replaceAll("-{2,}", "-")
            .replaceAll("^[^a-z0-9]+", "");
    if (key.length() > 64) {
      key = key.substring(0, 64);
    }
    key = key.replaceAll("[-_]+$", "");
    return KEY.matcher(key).matches() ? key : null;
  }

  /** One import: the flow, what has been found so far, and the steps made. */
  private static final class Run {
    private final JsonNode flow;
    private final String key;
    private final Warnings warnings = new Warnings();
    private final HubSpotFilters filters = new HubSpotFilters(warnings);

    /** actionId → index in {@code actions}, in document order. */
    private final Map<String, Integer> indexOf = new LinkedHashMap<>();

    private final Map<String, String> stepIdOf = new HashMap<>();

    /** actions left out because they do nothing: actionId → the connection to follow instead. */
    private final Map<String, JsonNode> passThrough = new HashMap<>();

    /** step id → JSON Pointer of the action it came from. */
    private final Map<String, String> sourceOf = new HashMap<>();

    Run(JsonNode flow, String key) {
      this.flow = flow;
      this.key = key;
    }

    Imported map() {
      indexActions();
      List<Step> steps = new ArrayList<>();
      HubSpotActions actions = new HubSpotActions(warnings, filters, this::target);
      for (var entry : indexOf.entrySet()) {
        String at = "/actions/" + entry.getValue();
        if (passThrough.containsKey(entry.getKey())) {
          continue;
        }
        for (Step step :
            actions.convert(
                flow.path("actions").get(entry.getValue()), at, stepIdOf.get(entry.getKey()))) {
          steps.add(step);
          sourceOf.put(step.id(), at);
        }
      }
      String start = start();
      if (start == null || steps.isEmpty()) {
        warnings.add(
            flow.has("actions") ? "/actions" : "",
            "the flow has no action to run: the map only ends");
        steps = List.of(new EndStep("end", null));
        start = "end";
      }
      steps = reachable(steps, start);
      String name = text(flow.get("name"));
      AutomationMap map =
          new AutomationMap(
              key != null ? key : keyFrom(name),
              name,
              text(flow.get("description")),
              null,
              quietHours(),
              triggers(),
              enrollment(),
              start,
              steps);
      flowSettings();
      for (Problem p : new MapValidator().validate(map)) {
        warnings.add(
            sourceOf(p.path(), map),
            "the imported map is not valid yet at " + p.path() + ": " + p.message());
      }
      return new Imported(map, warnings.all());
    }

    // ---- actions and the ways between them

    private void indexActions() {
      JsonNode actions = flow.path("actions");
      if (!actions.isArray()) {
        if (flow.has("actions")) {
          warnings.add("/actions", "not a list of actions");
        }
        return;
      }
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < actions.size(); i++) {
        JsonNode action = actions.get(i);
        String at = "/actions/" + i;
        String actionId = action.isObject() ? text(action.get("actionId")) : null;
        if (actionId == null) {
          warnings.add(at, "an action without actionId cannot be reached: left out");
          continue;
        }
        if (indexOf.containsKey(actionId)) {
          warnings.add(
              at + "/actionId", "action " + actionId + " appears twice: the second is left out");
          continue;
        }
        String base = "action-" + abbreviate(actionId.replaceAll("[^A-Za-z0-9_-]", "_"), 40);
        String stepId = base;
        for (int n = 2; !ids.add(stepId); n++) {
          stepId = base + "-" + n;
        }
        indexOf.put(actionId, i);
        stepIdOf.put(actionId, stepId);
        if (HubSpotActions.passesThrough(action)) {
          warnings.add(at, "a delay of zero is left out");
          passThrough.put(actionId, action.path("connection"));
        } else if (emptyBranch(action, "listBranches") || emptyBranch(action, "staticBranches")) {
          warnings.add(at, "a branch with only its default branch is left out");
          passThrough.put(actionId, action.path("defaultBranch"));
        }
      }
    }

    private static boolean emptyBranch(JsonNode action, String field) {
      return action.has(field) && action.get(field).isEmpty();
    }

    /** The step a connection leads to, past actions left out; null ends the path. */
    String target(JsonNode connection, String at) {
      if (connection == null || !connection.isObject()) {
        return null;
      }
      String edge = text(connection.get("edgeType"));
      if (edge != null && !EDGES.contains(edge)) {
        warnings.add(at + "/edgeType", "unknown edge type " + edge + ": read as STANDARD");
      }
      return resolve(text(connection.get("nextActionId")), at + "/nextActionId");
    }

    private String resolve(String actionId, String at) {
      Set<String> seen = new HashSet<>();
      String id = actionId;
      while (id != null) {
        if (!indexOf.containsKey(id)) {
          warnings.add(at, "there is no action " + id + ": this path ends here");
          return null;
        }
        JsonNode instead = passThrough.get(id);
        if (instead == null) {
          return stepIdOf.get(id);
        }
        if (!seen.add(id)) {
          return null;
        }
        id = instead.isObject() ? text(instead.get("nextActionId")) : null;
      }
      return null;
    }

    private String start() {
      String first = text(flow.get("startActionId"));
      if (first == null) {
        if (indexOf.isEmpty()) {
          return null;
        }
        first = indexOf.keySet().iterator().next();
        warnings.add(
            "/startActionId", "the flow names no first action: it starts at action " + first);
      }
      return resolve(first, "/startActionId");
    }

    /**
     * Leaves out steps no path from the start leads to (the validator refuses them), each with a
     * warning.
     */
    private List<Step> reachable(List<Step> steps, String start) {
      Map<String, Step> byId = new LinkedHashMap<>();
      steps.forEach(s -> byId.put(s.id(), s));
      Set<String> reached = new HashSet<>();
      Deque<String> todo = new ArrayDeque<>(List.of(start));
      while (!todo.isEmpty()) {
        String id = todo.pop();
        Step step = byId.get(id);
        if (step != null && reached.add(id)) {
          step.successors().stream().map(Successor::step).forEach(todo::push);
        }
      }
      Set<String> warned = new HashSet<>();
      List<Step> kept = new ArrayList<>();
      for (Step step : steps) {
        if (reached.contains(step.id())) {
          kept.add(step);
        } else {
          String at = sourceOf.getOrDefault(step.id(), "/actions");
          if (warned.add(at)) {
            warnings.add(at, "no path from the first action leads here: left out");
          }
        }
      }
      return kept;
    }

    // ---- enrollment

    private List<Trigger> triggers() {
      JsonNode criteria = flow.path("enrollmentCriteria");
      String type = text(criteria.get("type"));
      List<Trigger> triggers = new ArrayList<>();
      if ("EVENT_BASED".equals(type)) {
        JsonNode branches = criteria.path("eventFilterBranches");
        for (int i = 0; i < branches.size(); i++) {
          JsonNode branch = branches.get(i);
          String at = "/enrollmentCriteria/eventFilterBranches/" + i;
          String eventTypeId = text(branch.get("eventTypeId"));
          String operator = text(branch.get("operator"));
          if (eventTypeId == null) {
            warnings.add(at, "an event trigger without eventTypeId is left out");
          } else if (operator != null && !operator.equals("HAS_COMPLETED")) {
            warnings.add(
                at + "/operator",
                "only HAS_COMPLETED enrolls on an event: a trigger on "
                    + operator
                    + " is left out");
          } else {
            String event = HubSpotEvents.type(eventTypeId, at + "/eventTypeId", warnings);
            triggers.add(new EventTrigger(event, filters.refinements(branch, at)));
          }
        }
        if (criteria.path("listMembershipFilterBranches").size() > 0) {
          warnings.add(
              "/enrollmentCriteria/listMembershipFilterBranches",
              "list membership cannot be tested here: these triggers are left out");
        }
      } else if ("LIST_BASED".equals(type)) {
        triggers.add(new SegmentTrigger(audience()));
      } else if (type != null && !type.equals("MANUAL")) {
        warnings.add(
            "/enrollmentCriteria/type",
            "enrollment of type " + type + " is not carried over: enroll contacts through the API");
      }
      if (triggers.size() > MAX_TRIGGERS) {
        warnings.add(
            "/enrollmentCriteria",
            "a map has at most " + MAX_TRIGGERS + " triggers: the rest are left out");
        return List.copyOf(triggers.subList(0, MAX_TRIGGERS));
      }
      return triggers;
    }

    private Condition audience() {
      return filters.branch(
          flow.path("enrollmentCriteria").get("listFilterBranch"),
          "/enrollmentCriteria/listFilterBranch",
          HubSpotFilters.Scope.CONTACT);
    }

    private Enrollment enrollment() {
      JsonNode criteria = flow.path("enrollmentCriteria");
      boolean reenroll = criteria.path("shouldReEnroll").asBoolean(false);
      if (reenroll && criteria.path("reEnrollmentTriggersFilterBranches").size() > 0) {
        warnings.add(
            "/enrollmentCriteria/reEnrollmentTriggersFilterBranches",
            "a contact enrolls again through any trigger once its run has ended, not only through these");
      }
      Condition audience = null;
      Boolean exitWhenUnmet = null;
      if ("LIST_BASED".equals(text(criteria.get("type")))
          && criteria.path("unEnrollObjectsNotMeetingCriteria").asBoolean(false)) {
        // a second conversion of the same filters: its warnings were already given with the trigger
        audience =
            new HubSpotFilters(new Warnings())
                .branch(criteria.get("listFilterBranch"), "", HubSpotFilters.Scope.CONTACT);
        exitWhenUnmet = true;
      }
      List<Match> exitWhen = null;
      JsonNode goal = flow.get("goalFilterBranch");
      if (goal != null && goal.isObject() && !goal.isEmpty()) {
        exitWhen =
            List.of(
                Match.of(filters.branch(goal, "/goalFilterBranch", HubSpotFilters.Scope.CONTACT)));
      }
      if (!reenroll && audience == null && exitWhen == null) {
        return null;
      }
      return new Enrollment(
          reenroll ? Reenroll.AFTER_EXIT : null, audience, exitWhen, exitWhenUnmet);
    }

    // ---- the rest of the flow

    /** Time windows with one span of hours every day become quiet hours (outside that span). */
    private QuietHours quietHours() {
      JsonNode windows = flow.path("timeWindows");
      if (windows.isEmpty()) {
        return null;
      }
      Set<String> spans = new HashSet<>();
      Set<String> days = new HashSet<>();
      for (JsonNode w : windows) {
        spans.add(w.path("startTime").toString() + w.path("endTime").toString());
        days.add(w.path("day").asText());
      }
      JsonNode first = windows.get(0);
      try {
        LocalTime from =
            LocalTime.of(
                first.path("startTime").path("hour").asInt(),
                first.path("startTime").path("minute").asInt());
        LocalTime to =
            LocalTime.of(
                first.path("endTime").path("hour").asInt(),
                first.path("endTime").path("minute").asInt());
        if (spans.size() != 1 || from.equals(to)) {
          warnings.add(
              "/timeWindows",
              "time windows with different hours on different days are not carried over");
          return null;
        }
        warnings.add(
            "/timeWindows",
            "the time window becomes quiet hours from "
                + to
                + " to "
                + from
                + " (UTC unless the map's timezone is set): they hold messages, not every action"
                + (days.size() < 7 ? ", on every day of the week" : ""));
        return new QuietHours(to, from, null);
      } catch (RuntimeException e) {
        warnings.add("/timeWindows", "the time windows could not be read: not carried over");
        return null;
      }
    }

    private void flowSettings() {
      String object = text(flow.get("objectTypeId"));
      if (object != null && !object.equals("0-1")) {
        warnings.add(
            "/objectTypeId",
            "the workflow enrolls records of type " + object + "; an automation enrolls contacts");
      }
      if (flow.path("blockedDates").size() > 0) {
        warnings.add("/blockedDates", "blocked dates are not carried over");
      }
      if (flow.path("suppressionListIds").size() > 0) {
        warnings.add(
            "/suppressionListIds",
            "suppression lists are not carried over: add an audience condition");
      }
    }

    private String keyFrom(String name) {
      String derived = keyOf(name);
      if (derived == null) {
        String id = text(flow.get("id"));
        derived = id == null ? "hubspot-import" : keyOf("hubspot-" + id);
        warnings.add("/name", "no key can be made from the name: the key is \"" + derived + "\"");
      }
      return derived;
    }

    /** Where in the HubSpot flow a problem of the map comes from. */
    private String sourceOf(String mapPath, AutomationMap map) {
      String[] parts = mapPath.split("/");
      if (parts.length > 2 && parts[1].equals("steps")) {
        try {
          Step step = map.steps().get(Integer.parseInt(parts[2]));
          return sourceOf.getOrDefault(step.id(), "/actions");
        } catch (RuntimeException e) {
          return "/actions";
        }
      }
      if (parts.length > 1 && (parts[1].equals("triggers") || parts[1].equals("enrollment"))) {
        return "/enrollmentCriteria";
      }
      return parts.length > 1 && parts[1].equals("key") ? "/name" : "";
    }
  }

  private static String text(JsonNode node) {
    return HubSpotProperties.text(node);
  }

  private static String abbreviate(String text, int max) {
    return text.length() > max ? text.substring(0, max) : text;
  }
}
