package dev.automap.definitions.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.conditions.EventMatch;
import dev.automap.definitions.model.AddNoteStep;
import dev.automap.definitions.model.AddToListStep;
import dev.automap.definitions.model.AiPromptStep;
import dev.automap.definitions.model.AssignOwnerStep;
import dev.automap.definitions.model.Branch;
import dev.automap.definitions.model.BranchStep;
import dev.automap.definitions.model.CreateContactStep;
import dev.automap.definitions.model.CreateTaskStep;
import dev.automap.definitions.model.DeleteContactStep;
import dev.automap.definitions.model.DndChannel;
import dev.automap.definitions.model.EnrollStep;
import dev.automap.definitions.model.IncrementFieldStep;
import dev.automap.definitions.model.NewContact;
import dev.automap.definitions.model.NotifyChannel;
import dev.automap.definitions.model.NotifyStep;
import dev.automap.definitions.model.OpportunityStatus;
import dev.automap.definitions.model.RemoveFromListStep;
import dev.automap.definitions.model.SendEmailStep;
import dev.automap.definitions.model.SendSlackStep;
import dev.automap.definitions.model.SendSmsStep;
import dev.automap.definitions.model.SendWhatsappStep;
import dev.automap.definitions.model.SetDndStep;
import dev.automap.definitions.model.SetVarStep;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.SwitchCase;
import dev.automap.definitions.model.SwitchStep;
import dev.automap.definitions.model.UpdateContactStep;
import dev.automap.definitions.model.UpsertOpportunityStep;
import dev.automap.definitions.model.WaitForStep;
import dev.automap.definitions.model.WaitStep;
import dev.automap.definitions.model.Weekday;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One HubSpot action as steps. Each action becomes one step, except a notification to several
 * people (one {@code notify} each, in a row); an action with no equivalent becomes a {@code
 * set_var} that records what was skipped, with a warning.
 */
final class HubSpotActions {
  /** Where a HubSpot connection leads: the step id, or null when that path ends. */
  @FunctionalInterface
  interface Targets {
    String of(JsonNode connection, String at);
  }

  /** HubSpot's names of its action types, for warnings and placeholders. */
  static final Map<String, String> LABELS =
      Map.ofEntries(
          Map.entry("0-35", "Delay until a date"),
          Map.entry("0-29", "Delay until an event occurs"),
          Map.entry("0-1", "Delay"),
          Map.entry("0-15", "Go to workflow"),
          Map.entry("0-46510720", "Enroll in a sequence"),
          Map.entry("0-4", "Send email"),
          Map.entry("0-9", "Send in-app notification"),
          Map.entry("0-8", "Send an internal email notification"),
          Map.entry("0-23", "Send internal marketing emails"),
          Map.entry("0-199186210", "Send survey"),
          Map.entry("0-25085031", "Send WhatsApp message"),
          Map.entry("0-40900952", "Send SMS message"),
          Map.entry("0-4702372", "Unenroll from sequence"),
          Map.entry("0-44475148", "Assign conversation owner"),
          Map.entry("0-225935194", "Validate and format phone number"),
          Map.entry("0-177946906", "Enrich record"),
          Map.entry("0-5", "Edit records"),
          Map.entry("0-14", "Create record"),
          Map.entry("0-3", "Create task"),
          Map.entry("0-169425243", "Create note"),
          Map.entry("0-18224765", "Delete contact"),
          Map.entry("0-43347357", "Manage communication subscriptions"),
          Map.entry("0-11", "Rotate record to owner"),
          Map.entry("0-63189541", "Create associations"),
          Map.entry("0-73444249", "Apply association labels"),
          Map.entry("0-61139484", "Update association labels"),
          Map.entry("0-61139476", "Remove association labels"),
          Map.entry("0-219161394", "Stop tracking intent signals"),
          Map.entry("0-219160146", "Track intent signals"),
          Map.entry("0-172351286", "Data Agent: Custom prompt"),
          Map.entry("0-216647524", "Data Agent: Research"),
          Map.entry("0-201091202", "Data Agent: Fill Smart Property"),
          Map.entry("0-195318603", "Summarize record"),
          Map.entry("0-207702619", "Infer company value proposition and ICP"),
          Map.entry("0-219292676", "Enroll in prospecting agent"),
          Map.entry("0-217709844", "Unenroll in prospecting agent"),
          Map.entry("0-218870680", "Use a custom LLM"),
          Map.entry("0-30", "Add to or remove from ads audience"),
          Map.entry("0-63809083", "Add to static list"),
          Map.entry("0-63863438", "Remove from static list"),
          Map.entry("0-31", "Set marketing contact status"),
          Map.entry("1-179507819", "Send Slack notification"),
          Map.entry("1-100451", "Create an Asana task"),
          Map.entry("1-2825058", "Create a Trello card"),
          Map.entry("0-19", "Create Salesforce task"),
          Map.entry("0-18", "Set Salesforce campaign"));

  private static final Set<String> DELAYS = Set.of("0-1", "0-35");
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Warnings warnings;
  private final HubSpotFilters filters;
  private final Targets targets;

  HubSpotActions(Warnings warnings, HubSpotFilters filters, Targets targets) {
    this.warnings = warnings;
    this.filters = filters;
    this.targets = targets;
  }

  /** One step that has its id and its next step decided. */
  @FunctionalInterface
  private interface Link {
    Step make(String id, String next);
  }

  /**
   * Whether the action does nothing a contact would notice (a delay of zero): it is left out and
   * whatever led to it leads to its next action.
   */
  static boolean passesThrough(JsonNode action) {
    String type = HubSpotProperties.text(action.get("actionTypeId"));
    JsonNode fields = action.path("fields");
    if (type == null
        || !DELAYS.contains(type)
        || fields.has("date")
        || fields.has("time_of_day")
        || days(fields) != null) {
      return false;
    }
    String delta = HubSpotProperties.text(fields.get("delta"));
    try {
      return delta != null && new BigDecimal(delta.trim()).signum() == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The steps for {@code action} (at JSON Pointer {@code at}), the first with id {@code id}. */
  List<Step> convert(JsonNode action, String at, String id) {
    if (action.has("listBranches")) {
      return List.of(listBranch(action, at, id));
    }
    if (action.has("staticBranches")) {
      return List.of(staticBranch(action, at, id));
    }
    String next = targets.of(action.get("connection"), at + "/connection");
    String type = HubSpotProperties.text(action.get("actionTypeId"));
    if (type == null) {
      return skipped(
          at, id, next, "an action without actionTypeId, listBranches or staticBranches");
    }
    JsonNode fields = action.path("fields");
    String f = at + "/fields";
    List<Link> links =
        switch (type) {
          case "0-1", "0-35" -> delay(type, fields, f);
          case "0-29" -> waitForEvent(fields, f);
          case "0-4" -> email(fields, f);
          case "0-8" -> notify(fields, f, NotifyChannel.EMAIL);
          case "0-9" -> notify(fields, f, NotifyChannel.IN_APP);
          case "0-23" -> internalEmail(fields, f);
          case "0-5" -> editRecord(fields, f);
          case "0-3" -> task(fields, f);
          case "0-14" -> createRecord(fields, f);
          case "0-169425243" -> note(fields, f);
          case "0-18224765" -> deleteContact(next, at);
          case "0-63809083", "0-63863438" -> list(type, fields, f);
          case "0-15" -> goToWorkflow(fields, f);
          case "0-40900952" -> message(fields, f, true);
          case "0-25085031" -> message(fields, f, false);
          case "0-11" -> rotate(fields, f);
          case "1-179507819" -> slack(fields, f);
          case "0-43347357" -> subscription(fields, f);
          case "0-172351286" -> prompt(fields, f, id);
          default -> null;
        };
    if (links == null) {
      String label = LABELS.get(type);
      return skipped(
          at + "/actionTypeId",
          id,
          next,
          label == null
              ? "the action type " + type + " (an integration or custom action)"
              : "HubSpot's \"" + label + "\" (" + type + ")");
    }
    return chain(id, next, links);
  }

  private static List<Step> chain(String id, String next, List<Link> links) {
    List<Step> steps = new ArrayList<>(links.size());
    for (int i = 0; i < links.size(); i++) {
      String stepId = i == 0 ? id : id + "." + (i + 1);
      String after = i + 1 < links.size() ? id + "." + (i + 2) : next;
      steps.add(links.get(i).make(stepId, after));
    }
    return steps;
  }

  /** The placeholder for an action with no equivalent: records in vars what was skipped. */
  private List<Step> skipped(String at, String id, String next, String what) {
    warnings.add(
        at,
        what
            + " has no equivalent here: the step \""
            + id
            + "\" only records that it was skipped; replace it before publishing if it mattered");
    String value = "skipped on import: " + what.replace("{{", "{ {");
    return List.of(
        new SetVarStep(
            id,
            "hubspot_skipped_" + HubSpotProperties.name(id).replace('-', '_'),
            value,
            null,
            next));
  }

  private List<Link> skip(String at, String what) {
    return List.of((id, next) -> skipped(at, id, next, what).getFirst());
  }

  // ---- branches

  private Step listBranch(JsonNode action, String at, String id) {
    List<Branch> branches = new ArrayList<>();
    JsonNode list = action.path("listBranches");
    for (int i = 0; i < list.size(); i++) {
      JsonNode b = list.get(i);
      String bt = at + "/listBranches/" + i;
      Condition when =
          filters.branch(b.get("filterBranch"), bt + "/filterBranch", HubSpotFilters.Scope.CONTACT);
      branches.add(
          new Branch(
              HubSpotProperties.text(b.get("branchName")),
              when,
              targets.of(b.get("connection"), bt + "/connection")));
    }
    return new BranchStep(
        id, null, branches, targets.of(action.get("defaultBranch"), at + "/defaultBranch"));
  }

  private Step staticBranch(JsonNode action, String at, String id) {
    JsonNode input = action.path("inputValue");
    String property = HubSpotProperties.text(input.get("propertyName"));
    String on;
    if (property != null) {
      on = HubSpotProperties.contactPath(property);
    } else {
      String source = HubSpotProperties.text(input.get("actionId"));
      String key = HubSpotProperties.text(input.get("dataKey"));
      on = "vars." + HubSpotProperties.name("hubspot_" + source + "_" + key);
      warnings.add(
          at + "/inputValue",
          "branches on the output of action "
              + source
              + " ("
              + key
              + "), which is not carried over: the step reads "
              + on
              + ", which nothing sets, so every contact takes the default branch");
    }
    List<SwitchCase> cases = new ArrayList<>();
    Set<JsonNode> seen = new HashSet<>();
    JsonNode list = action.path("staticBranches");
    for (int i = 0; i < list.size(); i++) {
      JsonNode b = list.get(i);
      String bt = at + "/staticBranches/" + i;
      String value = HubSpotProperties.text(b.get("branchValue"));
      if (value == null) {
        warnings.add(bt + "/branchValue", "a branch without a value is left out");
        continue;
      }
      JsonNode node = JSON.textNode(value);
      if (!seen.add(node)) {
        warnings.add(
            bt + "/branchValue",
            "the value \"" + value + "\" is already an earlier branch's: this branch is left out");
        continue;
      }
      cases.add(new SwitchCase(node, targets.of(b.get("connection"), bt + "/connection")));
    }
    return new SwitchStep(
        id, null, on, cases, targets.of(action.get("defaultBranch"), at + "/defaultBranch"));
  }

  // ---- delays

  private List<Link> delay(String type, JsonNode fields, String at) {
    JsonNode date = fields.get("date");
    LocalTime time = timeOfDay(fields.get("time_of_day"), at + "/time_of_day");
    Duration amount = amount(fields, at);
    if (date != null && date.isObject()) {
      return delayUntilDate(date, amount, time, at);
    }
    List<Weekday> days = days(fields);
    if (days != null) {
      if (days.isEmpty()) {
        return skip(at, "a delay until a day of the week that names no day");
      }
      LocalTime when = time == null ? LocalTime.MIDNIGHT : time;
      return List.of(
          (id, next) ->
              new WaitStep(id, null, null, null, null, null, when, days, null, null, null, next));
    }
    if (amount != null && amount.isPositive()) {
      return List.of((id, next) -> WaitStep.of(id, amount, next));
    }
    if (time != null) {
      return List.of(
          (id, next) ->
              new WaitStep(id, null, null, null, null, null, time, null, null, null, null, next));
    }
    return skip(
        at,
        "HubSpot's \""
            + LABELS.get(type)
            + "\" ("
            + type
            + ") with fields that were not understood");
  }

  private List<Link> delayUntilDate(JsonNode date, Duration amount, LocalTime time, String at) {
    String kind = HubSpotProperties.text(date.get("type"));
    Duration offset = amount == null ? Duration.ZERO : amount;
    if ("STATIC_VALUE".equals(kind)) {
      String millis = HubSpotProperties.text(date.get("staticValue"));
      try {
        Instant day = Instant.ofEpochMilli(Long.parseLong(millis.trim()));
        Instant until =
            time == null
                ? day.plus(offset)
                : day.atZone(ZoneOffset.UTC)
                    .toLocalDate()
                    .atTime(time)
                    .toInstant(ZoneOffset.UTC)
                    .plus(offset);
        return List.of(
            (id, next) ->
                new WaitStep(
                    id, null, null, until, null, null, null, null, null, null, null, next));
      } catch (RuntimeException e) {
        return skip(
            at + "/date/staticValue", "a delay until a date that is not a time in milliseconds");
      }
    }
    if ("OBJECT_PROPERTY".equals(kind)) {
      String property = HubSpotProperties.text(date.get("propertyName"));
      if (property == null) {
        return skip(at + "/date", "a delay until a date property that names no property");
      }
      String field = HubSpotProperties.contactPath(property);
      Duration shift = offset.isZero() ? null : offset;
      return List.of(
          (id, next) ->
              new WaitStep(id, null, null, null, field, shift, time, null, null, null, null, next));
    }
    return skip(at + "/date/type", "a delay until a date of type " + kind);
  }

  private List<Link> waitForEvent(JsonNode fields, String at) {
    List<JsonNode> branches = new ArrayList<>();
    String where = null;
    for (var entry : fields.properties()) {
      JsonNode v = entry.getValue();
      if (v.isArray()) {
        for (int i = 0; i < v.size(); i++) {
          if (v.get(i).has("eventTypeId")) {
            branches.add(v.get(i));
            where = where == null ? at + "/" + entry.getKey() + "/" + i : where;
          }
        }
      } else if (v.isObject() && v.has("eventTypeId")) {
        branches.add(v);
        where = where == null ? at + "/" + entry.getKey() : where;
      }
    }
    if (branches.isEmpty()) {
      return skip(at, "a delay until an event that names no eventTypeId");
    }
    if (branches.size() > 1) {
      warnings.add(
          at,
          "waits for the first of "
              + branches.size()
              + " events only: a wait here names one event type");
    }
    JsonNode branch = branches.getFirst();
    String type =
        HubSpotEvents.type(
            HubSpotProperties.text(branch.get("eventTypeId")), where + "/eventTypeId", warnings);
    Condition refinement = filters.refinements(branch, where);
    Duration timeout = null;
    String minutes = HubSpotProperties.text(fields.get("expiration_minutes"));
    if (minutes != null) {
      try {
        timeout = Duration.ofMinutes(Long.parseLong(minutes.trim()));
      } catch (NumberFormatException e) {
        warnings.add(
            at + "/expiration_minutes", "not a number of minutes: the wait has no time limit");
      }
    } else {
      timeout = amount(fields, at);
    }
    Duration limit = timeout != null && timeout.isPositive() ? timeout : null;
    EventMatch event = new EventMatch(type, refinement, null);
    // HubSpot goes on to the same next action whether the event came or the time ran out
    return List.of(
        (id, next) ->
            new WaitForStep(id, null, event, null, limit, next, limit == null ? null : next));
  }

  /** {@code delta} + {@code time_unit}; null when absent or unreadable. */
  private Duration amount(JsonNode fields, String at) {
    String delta = HubSpotProperties.text(fields.get("delta"));
    if (delta == null) {
      return null;
    }
    String unit = HubSpotProperties.text(fields.get("time_unit"));
    long n;
    try {
      n = new BigDecimal(delta.trim()).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      warnings.add(at + "/delta", "not a whole number: \"" + delta + "\"");
      return null;
    }
    Duration one =
        switch (unit == null ? "DAYS" : unit.toUpperCase(Locale.ROOT)) {
          case "SECONDS" -> Duration.ofSeconds(1);
          case "MINUTES" -> Duration.ofMinutes(1);
          case "HOURS" -> Duration.ofHours(1);
          case "DAYS" -> Duration.ofDays(1);
          case "WEEKS" -> Duration.ofDays(7);
          case "MONTHS" -> {
            warnings.add(at + "/time_unit", "a month counts as 30 days here");
            yield Duration.ofDays(30);
          }
          default -> null;
        };
    if (one == null) {
      warnings.add(at + "/time_unit", "unknown time unit \"" + unit + "\"");
      return null;
    }
    return one.multipliedBy(n);
  }

  private LocalTime timeOfDay(JsonNode node, String at) {
    if (node == null || !node.isObject()) {
      return null;
    }
    try {
      LocalTime time = LocalTime.of(node.path("hour").asInt(), node.path("minute").asInt());
      warnings.once(
          "timezone",
          at,
          "HubSpot reads times of day in the account's time zone; the map's "
              + "timezone is UTC: set it to yours");
      return time;
    } catch (RuntimeException e) {
      warnings.add(at, "not a time of day: left out");
      return null;
    }
  }

  private static List<Weekday> days(JsonNode fields) {
    for (String name : List.of("days_of_week", "daysOfWeek", "days")) {
      JsonNode days = fields.get(name);
      if (days != null && days.isArray()) {
        Set<Weekday> out = new LinkedHashSet<>();
        for (JsonNode d : days) {
          String text = d.asText().toUpperCase(Locale.ROOT);
          for (Weekday w : Weekday.values()) {
            if (text.startsWith(w.name())) {
              out.add(w);
            }
          }
        }
        return List.copyOf(out);
      }
    }
    return null;
  }

  // ---- messages

  private List<Link> email(JsonNode fields, String at) {
    String content = HubSpotProperties.text(fields.get("content_id"));
    warnings.add(
        at + "/content_id",
        "HubSpot keeps the email's content (email "
            + content
            + "): the step has a stand-in subject and body; write them before publishing");
    String subject = "Email " + content + " from HubSpot";
    String body = "<p>This is where HubSpot email " + content + " goes.</p>";
    return List.of(
        (id, next) ->
            new SendEmailStep(id, null, subject, body, null, null, null, null, next, null));
  }

  private List<Link> notify(JsonNode fields, String at, NotifyChannel channel) {
    List<String> to = recipients(fields, at);
    String subject =
        HubSpotProperties.template(
            HubSpotProperties.text(fields.get("subject")), at + "/subject", warnings);
    String body =
        HubSpotProperties.template(
            HubSpotProperties.text(fields.get("body")), at + "/body", warnings);
    if (body == null || body.isBlank()) {
      body = subject != null ? subject : "Notification about {{contact.email}}";
      warnings.add(at + "/body", "the notification has no body: it says \"" + body + "\"");
    }
    String text = body;
    return to.stream()
        .map(
            user ->
                (Link)
                    (id, next) ->
                        new NotifyStep(id, null, user, channel, subject, text, next, null))
        .toList();
  }

  private List<Link> internalEmail(JsonNode fields, String at) {
    List<String> to = recipients(fields, at);
    String content = HubSpotProperties.text(fields.get("content_id"));
    warnings.add(
        at + "/content_id",
        "HubSpot keeps the email's content (email "
            + content
            + "): the notification has a stand-in text; write it before publishing");
    String subject = "Email " + content + " from HubSpot";
    String body = "HubSpot email " + content + " about {{contact.email}}";
    return to.stream()
        .map(
            user ->
                (Link)
                    (id, next) ->
                        new NotifyStep(
                            id, null, user, NotifyChannel.EMAIL, subject, body, next, null))
        .toList();
  }

  /**
   * User ids, {@code team:<id>} for teams, {@code owner} for owner properties; {@code owner} when
   * none.
   */
  private List<String> recipients(JsonNode fields, String at) {
    Set<String> to = new LinkedHashSet<>();
    for (JsonNode u : fields.path("user_ids")) {
      to.add(u.asText());
    }
    for (JsonNode t : fields.path("team_ids")) {
      to.add("team:" + t.asText());
    }
    JsonNode owners = fields.path("owner_properties");
    for (int i = 0; i < owners.size(); i++) {
      if (!"hubspot_owner_id".equals(owners.get(i).asText())) {
        warnings.add(
            at + "/owner_properties/" + i,
            "the owner in \"" + owners.get(i).asText() + "\" is read as the contact's owner");
      }
      to.add("owner");
    }
    if (to.isEmpty()) {
      warnings.add(at, "names no recipient: the contact's owner is notified");
      to.add("owner");
    }
    return List.copyOf(to);
  }

  private List<Link> message(JsonNode fields, String at, boolean sms) {
    String field = first(fields, "body", "message", "sms_body", "text", "content");
    String kind = sms ? "SMS" : "WhatsApp message";
    if (field == null) {
      return skip(at, "a " + kind + " whose text is not in the action (HubSpot keeps it)");
    }
    String body =
        HubSpotProperties.template(
            HubSpotProperties.text(fields.get(field)), at + "/" + field, warnings);
    return List.of(
        sms
            ? (id, next) -> new SendSmsStep(id, null, body, next, null)
            : (id, next) -> new SendWhatsappStep(id, null, body, next, null));
  }

  private List<Link> slack(JsonNode fields, String at) {
    String textField = first(fields, "message", "text", "body");
    if (textField == null) {
      return skip(at, "a Slack notification whose text is not in the action");
    }
    String text =
        HubSpotProperties.template(
            HubSpotProperties.text(fields.get(textField)), at + "/" + textField, warnings);
    String channelField = first(fields, "channel", "channel_id", "slack_channel", "channelId");
    String channel =
        channelField == null ? "hubspot" : HubSpotProperties.text(fields.get(channelField));
    warnings.add(
        channelField == null ? at : at + "/" + channelField,
        "posts to the incoming webhook named \"" + channel + "\": configure one by that name");
    return List.of((id, next) -> new SendSlackStep(id, null, channel, text, next, null));
  }

  // ---- the contact

  private List<Link> editRecord(JsonNode fields, String at) {
    String property = HubSpotProperties.text(fields.get("property_name"));
    if (property == null) {
      return skip(at, "an edit that names no property_name");
    }
    JsonNode association = fields.get("association");
    if (association != null && association.isObject() && !association.isEmpty()) {
      warnings.add(
          at + "/association",
          "HubSpot may edit an associated record here; the step edits the enrolled contact");
    }
    String path = HubSpotProperties.contactPath(property);
    JsonNode value = fields.path("value");
    String type = HubSpotProperties.text(value.get("type"));
    if ("INCREMENT".equals(type) || value.has("incrementAmount")) {
      String amount = HubSpotProperties.text(value.get("incrementAmount"));
      try {
        BigDecimal by = new BigDecimal(amount.trim());
        if (by.signum() == 0 || path.equals("contact.id") || path.endsWith("At")) {
          return skip(at + "/value", "an increase by 0 or of a field that cannot change");
        }
        return List.of((id, next) -> new IncrementFieldStep(id, null, path, by, next, null));
      } catch (RuntimeException e) {
        return skip(at + "/value/incrementAmount", "an increase by an amount that is not a number");
      }
    }
    if (Set.of("contact.id", "contact.createdAt", "contact.updatedAt").contains(path)) {
      return skip(
          at + "/property_name", "an edit of \"" + property + "\", which only the engine sets,");
    }
    String set = value(value, at + "/value");
    if (set == null) {
      return skip(at + "/value", "an edit whose value is of type " + type);
    }
    if (set.isEmpty()) {
      return List.of(
          (id, next) -> new UpdateContactStep(id, null, null, List.of(path), next, null));
    }
    return List.of(
        (id, next) -> new UpdateContactStep(id, null, Map.of(path, set), null, next, null));
  }

  /**
   * A HubSpot value as a template: a static value, another property's value, the time; null for
   * other kinds.
   */
  private String value(JsonNode value, String at) {
    String type = HubSpotProperties.text(value.get("type"));
    String text = HubSpotProperties.text(value.get("staticValue"));
    if (text != null && (type == null || type.equals("STATIC_VALUE"))) {
      return HubSpotProperties.template(text, at + "/staticValue", warnings);
    }
    if ("OBJECT_PROPERTY".equals(type) && value.has("propertyName")) {
      return "{{"
          + HubSpotProperties.contactPath(HubSpotProperties.text(value.get("propertyName")))
          + "}}";
    }
    if ("TIMESTAMP".equals(type)) {
      return "{{now}}";
    }
    return null;
  }

  private List<Link> task(JsonNode fields, String at) {
    String title =
        HubSpotProperties.template(
            HubSpotProperties.text(fields.get("subject")), at + "/subject", warnings);
    if (title == null || title.isBlank()) {
      title = "Follow up with {{contact.email}}";
      warnings.add(at + "/subject", "the task has no subject: it is \"" + title + "\"");
    }
    String body =
        HubSpotProperties.template(
            HubSpotProperties.text(fields.get("body")), at + "/body", warnings);
    String priority = HubSpotProperties.text(fields.get("priority"));
    if (priority != null && !priority.equals("NONE")) {
      warnings.add(at + "/priority", "tasks here have no priority: " + priority + " is not kept");
    }
    String assignee = HubSpotProperties.text(fields.get("owner_id"));
    String t = title;
    return List.of((id, next) -> new CreateTaskStep(id, null, t, body, assignee, null, next, null));
  }

  private List<Link> createRecord(JsonNode fields, String at) {
    String object = HubSpotProperties.text(fields.get("object_type_id"));
    Map<String, String> values = new LinkedHashMap<>();
    JsonNode properties = fields.path("properties");
    for (int i = 0; i < properties.size(); i++) {
      JsonNode p = properties.get(i);
      String pt = at + "/properties/" + i;
      String name = HubSpotProperties.text(p.get("targetProperty"));
      String value = value(p.path("value"), pt + "/value");
      if (name == null || value == null) {
        warnings.add(pt, "a property value that could not be read is left out");
      } else {
        values.put(name, value);
      }
    }
    if ("0-1".equals(object)) {
      String email = values.remove("email");
      String phone = values.remove("phone");
      if (email == null && phone == null) {
        return skip(at, "creating a contact without email or phone");
      }
      String first = values.remove("firstname");
      String last = values.remove("lastname");
      Map<String, String> custom = new LinkedHashMap<>();
      values.forEach((k, v) -> custom.put(HubSpotProperties.name(k), v));
      NewContact contact =
          new NewContact(email, phone, first, last, custom.isEmpty() ? null : custom);
      return List.of((id, next) -> new CreateContactStep(id, null, contact, null, next, null));
    }
    if ("0-3".equals(object)) {
      String stage = values.remove("dealstage");
      if (stage == null) {
        return skip(at, "creating a deal without dealstage");
      }
      String pipeline = values.getOrDefault("pipeline", "default");
      values.remove("pipeline");
      String name = values.remove("dealname");
      String amount = values.remove("amount");
      if (!values.isEmpty()) {
        warnings.add(
            at + "/properties",
            "an opportunity has a pipeline, stage, name and value: "
                + values.keySet()
                + " are not kept");
      }
      warnings.add(
          at + "/object_type_id",
          "the deal becomes the contact's opportunity in pipeline \"" + pipeline + "\"");
      return List.of(
          (id, next) ->
              new UpsertOpportunityStep(
                  id, pipeline, stage, name, amount, OpportunityStatus.OPEN, next, null));
    }
    return skip(at + "/object_type_id", "creating a record of object type " + object);
  }

  private List<Link> note(JsonNode fields, String at) {
    String field = first(fields, "note_body", "body", "note");
    if (field == null) {
      return skip(at, "a note whose text is not in the action");
    }
    String body =
        HubSpotProperties.template(
            HubSpotProperties.text(fields.get(field)), at + "/" + field, warnings);
    return List.of((id, next) -> new AddNoteStep(id, null, body, next, null));
  }

  private List<Link> deleteContact(String next, String at) {
    if (next != null) {
      warnings.add(
          at + "/connection",
          "the run ends once the contact is deleted: what follows is not reached");
    }
    return List.of((id, ignored) -> new DeleteContactStep(id, null, null));
  }

  private List<Link> list(String type, JsonNode fields, String at) {
    String list = HubSpotProperties.text(fields.get("listId"));
    if (list == null) {
      return skip(at, "a static list action that names no listId");
    }
    return List.of(
        type.equals("0-63809083")
            ? (id, next) -> new AddToListStep(id, null, list, next, null)
            : (id, next) -> new RemoveFromListStep(id, null, list, next, null));
  }

  private List<Link> goToWorkflow(JsonNode fields, String at) {
    String flow = HubSpotProperties.text(fields.get("flow_id"));
    if (flow == null) {
      return skip(at, "a go-to-workflow that names no flow_id");
    }
    String key = HubSpotImporter.keyOf("hubspot-" + flow);
    warnings.add(
        at + "/flow_id",
        "enrolls in the automation \""
            + key
            + "\": import HubSpot workflow "
            + flow
            + " with that key");
    return List.of((id, next) -> new EnrollStep(id, null, key, false, next));
  }

  private List<Link> rotate(JsonNode fields, String at) {
    List<String> users = new ArrayList<>();
    fields.path("user_ids").forEach(u -> users.add(u.asText()));
    if (fields.path("team_ids").size() > 0) {
      warnings.add(at + "/team_ids", "rotation goes over users only: the teams are not kept");
    }
    String target = HubSpotProperties.text(fields.get("target_property"));
    if (target != null && !target.equals("hubspot_owner_id")) {
      warnings.add(
          at + "/target_property", "the rotation sets the contact's owner, not \"" + target + "\"");
    }
    if (users.isEmpty()) {
      return skip(at, "a rotation that names no user");
    }
    JsonNode overwrite = fields.get("overwrite_current_owner");
    Boolean onlyIfUnassigned = overwrite == null ? null : !overwrite.asBoolean();
    return List.of(
        (id, next) -> new AssignOwnerStep(id, null, null, users, onlyIfUnassigned, next, null));
  }

  private List<Link> subscription(JsonNode fields, String at) {
    String stateField =
        first(fields, "opt_state", "optState", "status", "subscription_status", "state");
    String state =
        stateField == null
            ? ""
            : HubSpotProperties.text(fields.get(stateField)).toUpperCase(Locale.ROOT);
    Boolean dnd =
        state.contains("OUT") || state.contains("UNSUB")
            ? Boolean.TRUE
            : state.contains("IN") || state.contains("SUBSCRIBED") ? Boolean.FALSE : null;
    if (dnd == null) {
      return skip(at, "a subscription change whose state (opted in or out) is not in the action");
    }
    String channelText = HubSpotProperties.text(fields.get("channel"));
    DndChannel channel =
        switch (channelText == null ? "EMAIL" : channelText.toUpperCase(Locale.ROOT)) {
          case "SMS" -> DndChannel.SMS;
          case "WHATSAPP" -> DndChannel.WHATSAPP;
          default -> DndChannel.EMAIL;
        };
    String subscription = HubSpotProperties.text(fields.get("subscription_id"));
    if (subscription != null) {
      warnings.add(
          at + "/subscription_id",
          "do-not-disturb covers every "
              + channel.name().toLowerCase(Locale.ROOT)
              + " message, not only subscription "
              + subscription);
    }
    return List.of((id, next) -> new SetDndStep(id, null, channel, dnd, next, null));
  }

  private List<Link> prompt(JsonNode fields, String at, String stepId) {
    String field = first(fields, "prompt", "custom_prompt");
    if (field == null) {
      return skip(at, "an AI prompt whose text is not in the action");
    }
    String prompt =
        HubSpotProperties.template(
            HubSpotProperties.text(fields.get(field)), at + "/" + field, warnings);
    String saveAs = HubSpotProperties.name("hubspot_" + stepId.replace('-', '_'));
    warnings.add(at, "the answer is saved in vars." + saveAs + ", not in a property");
    return List.of((id, next) -> new AiPromptStep(id, null, prompt, null, saveAs, next, null));
  }

  /** The first of these fields that holds text. */
  private static String first(JsonNode fields, String... names) {
    for (String name : names) {
      String text = HubSpotProperties.text(fields.get(name));
      if (text != null && !text.isBlank()) {
        return name;
      }
    }
    return null;
  }
}
