package dev.automap.definitions.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.automap.definitions.conditions.EventMatch;
import dev.automap.definitions.conditions.FieldCondition;
import dev.automap.definitions.conditions.Op;
import dev.automap.definitions.model.AddNoteStep;
import dev.automap.definitions.model.AddToListStep;
import dev.automap.definitions.model.AiPromptStep;
import dev.automap.definitions.model.AssignOwnerStep;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.BranchStep;
import dev.automap.definitions.model.CreateContactStep;
import dev.automap.definitions.model.CreateTaskStep;
import dev.automap.definitions.model.DeleteContactStep;
import dev.automap.definitions.model.DndChannel;
import dev.automap.definitions.model.EndStep;
import dev.automap.definitions.model.EnrollStep;
import dev.automap.definitions.model.EventTrigger;
import dev.automap.definitions.model.IncrementFieldStep;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.model.Match;
import dev.automap.definitions.model.NotifyChannel;
import dev.automap.definitions.model.NotifyStep;
import dev.automap.definitions.model.QuietHours;
import dev.automap.definitions.model.Reenroll;
import dev.automap.definitions.model.RemoveFromListStep;
import dev.automap.definitions.model.SegmentTrigger;
import dev.automap.definitions.model.SendEmailStep;
import dev.automap.definitions.model.SendSlackStep;
import dev.automap.definitions.model.SendSmsStep;
import dev.automap.definitions.model.SetDndStep;
import dev.automap.definitions.model.SetVarStep;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.SwitchStep;
import dev.automap.definitions.model.UpdateContactStep;
import dev.automap.definitions.model.WaitForStep;
import dev.automap.definitions.model.WaitStep;
import dev.automap.definitions.model.Weekday;
import dev.automap.definitions.problems.Problem;
import dev.automap.definitions.validation.MapValidator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubSpotImporterTest {
  final HubSpotImporter importer = new HubSpotImporter();

  /** A flow starting at action 1 with these actions; asserts that the map it becomes is valid. */
  HubSpotImporter.Imported flow(String actions) {
    return flow(actions, "");
  }

  HubSpotImporter.Imported flow(String actions, String more) {
    JsonNode flow =
        HubSpotFiltersTest.json(
            """
        {"name": "Test flow", "startActionId": "1", "actions": [%s]%s}"""
                .formatted(actions, more));
    HubSpotImporter.Imported imported = importer.importFlow(flow);
    assertThat(imported.ok()).isTrue();
    assertThat(new MapValidator().validate(imported.map()))
        .as(MapJson.write(imported.map()))
        .isEmpty();
    for (Problem warning : imported.warnings()) {
      assertThat(flow.at(warning.path()).isMissingNode())
          .as("%s points into the flow", warning)
          .isFalse();
    }
    return imported;
  }

  /** One action with these fields, going on to action 2 (an end-like list step). */
  HubSpotImporter.Imported action(String typeId, String fields) {
    return flow(
        """
        {"actionId": "1", "actionTypeId": "%s", "type": "SINGLE_CONNECTION", "fields": %s,
         "connection": {"edgeType": "STANDARD", "nextActionId": "2"}},
        {"actionId": "2", "actionTypeId": "0-63809083", "fields": {"listId": "done"}}"""
            .formatted(typeId, fields));
  }

  static Step first(HubSpotImporter.Imported imported) {
    return imported.map().step(imported.map().start());
  }

  static List<String> paths(HubSpotImporter.Imported imported) {
    return imported.warnings().stream().map(Problem::path).toList();
  }

  // ---- delays

  @Test
  void aDelayForATimeIsAWaitOfThatDuration() {
    assertThat(first(action("0-1", "{\"delta\": \"2\", \"time_unit\": \"DAYS\"}")))
        .isEqualTo(WaitStep.of("action-1", Duration.ofDays(2), "action-2"));
    assertThat(
            ((WaitStep) first(action("0-1", "{\"delta\": 90, \"time_unit\": \"MINUTES\"}")))
                .duration())
        .isEqualTo(Duration.ofMinutes(90));
    assertThat(
            ((WaitStep) first(action("0-1", "{\"delta\": \"1\", \"time_unit\": \"WEEKS\"}")))
                .duration())
        .isEqualTo(Duration.ofDays(7));
  }

  @Test
  void aDelayUntilADayOfTheWeekOrATimeOfDayWaitsForIt() {
    WaitStep days =
        (WaitStep)
            first(
                action(
                    "0-1",
                    "{\"days_of_week\": [\"MONDAY\", \"FRIDAY\"], \"time_of_day\": {\"hour\": 9, \"minute\": 30}}"));
    assertThat(days.weekdays()).containsExactly(Weekday.MON, Weekday.FRI);
    assertThat(days.at()).isEqualTo(LocalTime.of(9, 30));
    HubSpotImporter.Imported time =
        action("0-1", "{\"time_of_day\": {\"hour\": 17, \"minute\": 0}}");
    assertThat(((WaitStep) first(time)).form()).isEqualTo(WaitStep.Form.AT);
    assertThat(time.warnings().getFirst().message()).contains("time zone");
  }

  @Test
  void aDelayOfNothingIsLeftOut() {
    HubSpotImporter.Imported imported =
        action("0-1", "{\"delta\": \"0\", \"time_unit\": \"DAYS\"}");
    assertThat(imported.map().start()).isEqualTo("action-2");
    assertThat(imported.map().steps()).hasSize(1);
    assertThat(paths(imported)).containsExactly("/actions/0");
  }

  @Test
  void aDelayUntilADateWaitsUntilThatDateOrThatProperty() {
    WaitStep date =
        (WaitStep)
            first(
                action(
                    "0-35",
                    """
        {"date": {"type": "STATIC_VALUE", "staticValue": "1719446400000"}, "delta": "0", "time_unit": "DAYS",
         "time_of_day": {"hour": 12, "minute": 0}}"""));
    assertThat(date.until()).isEqualTo(Instant.parse("2024-06-27T12:00:00Z"));
    WaitStep property =
        (WaitStep)
            first(
                action(
                    "0-35",
                    """
        {"date": {"type": "OBJECT_PROPERTY", "propertyName": "renewal_date"}, "delta": "-7", "time_unit": "DAYS",
         "time_of_day": {"hour": 9, "minute": 0}}"""));
    assertThat(property.untilField()).isEqualTo("contact.fields.renewal_date");
    assertThat(property.offset()).isEqualTo(Duration.ofDays(-7));
    assertThat(property.at()).isEqualTo(LocalTime.of(9, 0));
  }

  @Test
  void aDelayUntilAnEventWaitsForItAndGoesOnEitherWay() {
    HubSpotImporter.Imported imported =
        action(
            "0-29",
            """
        {"event_filter_branches": [{"eventTypeId": "4-666440", "operator": "HAS_COMPLETED",
           "filterBranchType": "UNIFIED_EVENTS", "filterBranches": [],
           "filters": [{"filterType": "PROPERTY", "property": "hs_email_campaign_id",
                        "operation": {"operator": "IS_EQUAL_TO", "value": "77"}}]}],
         "expiration_minutes": "4320"}""");
    WaitForStep wait = (WaitForStep) first(imported);
    assertThat(wait.event())
        .isEqualTo(
            new EventMatch(
                "email.opened",
                new FieldCondition(
                    "event.data.hs_email_campaign_id", Op.EQ, HubSpotFiltersTest.json("\"77\"")),
                null));
    assertThat(wait.timeout()).isEqualTo(Duration.ofDays(3));
    assertThat(wait.next()).isEqualTo("action-2");
    assertThat(wait.onTimeout()).isEqualTo("action-2");
    assertThat(imported.warnings()).isEmpty();
  }

  // ---- messages

  @Test
  void anEmailKeepsItsPlaceWithStandInContent() {
    HubSpotImporter.Imported imported = action("0-4", "{\"content_id\": \"12345678\"}");
    SendEmailStep email = (SendEmailStep) first(imported);
    assertThat(email.subject()).contains("12345678");
    assertThat(paths(imported)).containsExactly("/actions/0/fields/content_id");
  }

  @Test
  void aNotificationGoesToEachRecipientInTurnWithTokensAsMergeFields() {
    HubSpotImporter.Imported imported =
        action(
            "0-8",
            """
        {"user_ids": ["101", 102], "team_ids": ["7"], "owner_properties": ["hubspot_owner_id"],
         "subject": "New lead {{ contact.firstname }}", "body": "Call {{ contact.phone }} about {{ contact.plan_name }}"}""");
    List<Step> steps = imported.map().steps();
    assertThat(steps).hasSize(5);
    assertThat(steps.subList(0, 4))
        .extracting(s -> ((NotifyStep) s).to())
        .containsExactly("101", "102", "team:7", "owner");
    assertThat(steps.subList(0, 4))
        .extracting(Step::id)
        .containsExactly("action-1", "action-1.2", "action-1.3", "action-1.4");
    assertThat(steps.get(3).next()).isEqualTo("action-2");
    NotifyStep n = (NotifyStep) steps.getFirst();
    assertThat(n.channel()).isEqualTo(NotifyChannel.EMAIL);
    assertThat(n.subject()).isEqualTo("New lead {{contact.firstName}}");
    assertThat(n.body()).isEqualTo("Call {{contact.phone}} about {{contact.fields.plan_name}}");
    assertThat(imported.warnings()).isEmpty();
  }

  @Test
  void anInAppNotificationIsOneAndOtherTokensStayText() {
    HubSpotImporter.Imported imported =
        action(
            "0-9",
            """
        {"user_ids": ["101"], "subject": "Hot lead", "body": "Score {{ contact.hubspotscore | round }}"}""");
    NotifyStep n = (NotifyStep) first(imported);
    assertThat(n.channel()).isEqualTo(NotifyChannel.IN_APP);
    assertThat(n.body()).isEqualTo("Score \\{{ contact.hubspotscore | round }}");
    assertThat(paths(imported)).containsExactly("/actions/0/fields/body");
  }

  @Test
  void smsAndSlackCarryTheirText() {
    assertThat(
            ((SendSmsStep)
                    first(action("0-40900952", "{\"body\": \"Hi {{ contact.firstname }}\"}")))
                .body())
        .isEqualTo("Hi {{contact.firstName}}");
    HubSpotImporter.Imported slack =
        action("1-179507819", "{\"channel\": \"sales\", \"message\": \"New lead\"}");
    assertThat(first(slack))
        .isEqualTo(new SendSlackStep("action-1", null, "sales", "New lead", "action-2", null));
    assertThat(paths(slack)).containsExactly("/actions/0/fields/channel");
  }

  @Test
  void aWhatsAppMessageWhoseTextHubSpotKeepsIsSkippedVisibly() {
    HubSpotImporter.Imported imported = action("0-25085031", "{\"template_id\": \"55\"}");
    SetVarStep skipped = (SetVarStep) first(imported);
    assertThat(skipped.variable()).isEqualTo("hubspot_skipped_action_1");
    assertThat(skipped.value()).contains("WhatsApp");
    assertThat(skipped.next()).isEqualTo("action-2");
    assertThat(paths(imported)).containsExactly("/actions/0/fields");
  }

  // ---- the contact

  @Test
  void editingAPropertySetsOrClearsOrCopiesOrIncrements() {
    assertThat(
            first(
                action(
                    "0-5",
                    "{\"property_name\": \"firstname\", \"value\": {\"staticValue\": \"Ada\"}}")))
        .isEqualTo(
            new UpdateContactStep(
                "action-1", null, Map.of("contact.firstName", "Ada"), null, "action-2", null));
    assertThat(
            ((UpdateContactStep)
                    first(
                        action(
                            "0-5",
                            "{\"property_name\": \"plan\", \"value\": {\"type\": \"STATIC_VALUE\", \"staticValue\": \"\"}}")))
                .clear())
        .containsExactly("contact.fields.plan");
    assertThat(
            ((UpdateContactStep)
                    first(
                        action(
                            "0-5",
                            "{\"property_name\": \"plan\", \"value\": {\"type\": \"OBJECT_PROPERTY\", \"propertyName\": \"lifecyclestage\"}}")))
                .set())
        .containsEntry("contact.fields.plan", "{{contact.fields.lifecyclestage}}");
    assertThat(
            first(
                action(
                    "0-5",
                    "{\"property_name\": \"visits\", \"value\": {\"type\": \"INCREMENT\", \"incrementAmount\": -2}}")))
        .isEqualTo(
            new IncrementFieldStep(
                "action-1", null, "contact.fields.visits", new BigDecimal("-2"), "action-2", null));
  }

  @Test
  void aTaskANoteAndAContactAreCreated() {
    assertThat(
            first(
                action(
                    "0-3",
                    "{\"subject\": \"Call {{ contact.firstname }}\", \"body\": \"Soon\", \"priority\": \"NONE\"}")))
        .isEqualTo(
            new CreateTaskStep(
                "action-1",
                null,
                "Call {{contact.firstName}}",
                "Soon",
                null,
                null,
                "action-2",
                null));
    assertThat(
            ((AddNoteStep) first(action("0-169425243", "{\"note_body\": \"Imported lead\"}")))
                .body())
        .isEqualTo("Imported lead");
    CreateContactStep contact =
        (CreateContactStep)
            first(
                action(
                    "0-14",
                    """
        {"object_type_id": "0-1", "properties": [
          {"targetProperty": "email", "value": {"type": "STATIC_VALUE", "staticValue": "partner@example.com"}},
          {"targetProperty": "firstname", "value": {"type": "STATIC_VALUE", "staticValue": "Pat"}},
          {"targetProperty": "referrer", "value": {"type": "OBJECT_PROPERTY", "propertyName": "email"}}]}"""));
    assertThat(contact.contact().email()).isEqualTo("partner@example.com");
    assertThat(contact.contact().firstName()).isEqualTo("Pat");
    assertThat(contact.contact().fields()).containsEntry("referrer", "{{contact.email}}");
  }

  @Test
  void recordsOtherThanContactsAndDealsAreSkippedVisibly() {
    HubSpotImporter.Imported imported =
        action("0-14", "{\"object_type_id\": \"0-5\", \"properties\": []}");
    assertThat(first(imported)).isInstanceOf(SetVarStep.class);
    assertThat(paths(imported)).containsExactly("/actions/0/fields/object_type_id");
  }

  @Test
  void deletingTheContactEndsTheRunAndWhatFollowedIsLeftOut() {
    HubSpotImporter.Imported imported = action("0-18224765", "{}");
    assertThat(imported.map().steps())
        .containsExactly(new DeleteContactStep("action-1", null, null));
    assertThat(paths(imported)).containsExactly("/actions/0/connection", "/actions/1");
  }

  @Test
  void listsOwnersSubscriptionsAndOtherWorkflows() {
    assertThat(first(action("0-63809083", "{\"listId\": \"123\"}")))
        .isEqualTo(new AddToListStep("action-1", null, "123", "action-2", null));
    assertThat(first(action("0-63863438", "{\"listId\": \"123\"}")))
        .isEqualTo(new RemoveFromListStep("action-1", null, "123", "action-2", null));
    assertThat(
            first(
                action(
                    "0-11", "{\"user_ids\": [\"1\", \"2\"], \"overwrite_current_owner\": false}")))
        .isEqualTo(
            new AssignOwnerStep("action-1", null, null, List.of("1", "2"), true, "action-2", null));
    assertThat(first(action("0-43347357", "{\"channel\": \"EMAIL\", \"opt_state\": \"OPT_OUT\"}")))
        .isEqualTo(new SetDndStep("action-1", null, DndChannel.EMAIL, true, "action-2", null));
    assertThat(
            ((SetDndStep)
                    first(
                        action("0-43347357", "{\"channel\": \"SMS\", \"opt_state\": \"OPT_IN\"}")))
                .enabled())
        .isFalse();
    HubSpotImporter.Imported goTo = action("0-15", "{\"flow_id\": \"98765\"}");
    assertThat(first(goTo))
        .isEqualTo(new EnrollStep("action-1", null, "hubspot-98765", false, "action-2"));
    assertThat(paths(goTo)).containsExactly("/actions/0/fields/flow_id");
    assertThat(
            ((AiPromptStep)
                    first(action("0-172351286", "{\"prompt\": \"Summarise {{ contact.email }}\"}")))
                .prompt())
        .isEqualTo("Summarise {{contact.email}}");
  }

  @Test
  void anActionWithNoEquivalentIsRecordedAsSkipped() {
    HubSpotImporter.Imported imported = action("0-46510720", "{\"sequenceId\": \"9\"}");
    SetVarStep skipped = (SetVarStep) first(imported);
    assertThat(skipped.value()).contains("Enroll in a sequence").contains("0-46510720");
    assertThat(skipped.next()).isEqualTo("action-2");
    assertThat(imported.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.path()).isEqualTo("/actions/0/actionTypeId");
              assertThat(w.message()).contains("Enroll in a sequence").contains("action-1");
            });
  }

  // ---- branches and the ways between actions

  @Test
  void listBranchesTestTheirFiltersInOrderAndGoToActionsAnywhere() {
    HubSpotImporter.Imported imported =
        flow(
            """
        {"actionId": "1", "listBranches": [
           {"branchName": "Irish", "filterBranch": {"filterBranchType": "OR", "filterBranches": [
              {"filterBranchType": "AND", "filters": [{"filterType": "PROPERTY", "property": "country",
                 "operation": {"operator": "IS_EQUAL_TO", "values": ["Ireland"]}}]}]},
            "connection": {"edgeType": "STANDARD", "nextActionId": "2"}}],
         "defaultBranchName": "Others", "defaultBranch": {"edgeType": "STANDARD", "nextActionId": "3"}},
        {"actionId": "2", "actionTypeId": "0-1", "fields": {"delta": "1", "time_unit": "DAYS"},
         "connection": {"edgeType": "GO-TO", "nextActionId": "3"}},
        {"actionId": "3", "actionTypeId": "0-63809083", "fields": {"listId": "all"}}""");
    BranchStep branch = (BranchStep) first(imported);
    assertThat(branch.branches())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.name()).isEqualTo("Irish");
              assertThat(b.when())
                  .isEqualTo(
                      new FieldCondition(
                          "contact.fields.country", Op.EQ, HubSpotFiltersTest.json("\"Ireland\"")));
              assertThat(b.next()).isEqualTo("action-2");
            });
    assertThat(branch.otherwise()).isEqualTo("action-3");
    assertThat(imported.map().step("action-2").next()).isEqualTo("action-3");
    assertThat(imported.warnings()).isEmpty();
  }

  @Test
  void staticBranchesSwitchOnAProperty() {
    HubSpotImporter.Imported imported =
        flow(
            """
        {"actionId": "1", "inputValue": {"propertyName": "lifecyclestage"}, "staticBranches": [
           {"branchValue": "lead", "connection": {"edgeType": "STANDARD", "nextActionId": "2"}},
           {"branchValue": "customer", "connection": {"edgeType": "STANDARD", "nextActionId": "3"}}],
         "defaultBranch": {"edgeType": "STANDARD", "nextActionId": "3"}},
        {"actionId": "2", "actionTypeId": "0-63809083", "fields": {"listId": "leads"}},
        {"actionId": "3", "actionTypeId": "0-63809083", "fields": {"listId": "customers"}}""");
    SwitchStep s = (SwitchStep) first(imported);
    assertThat(s.on()).isEqualTo("contact.fields.lifecyclestage");
    assertThat(s.cases())
        .extracting(c -> c.value().asText() + "→" + c.next())
        .containsExactly("lead→action-2", "customer→action-3");
    assertThat(s.otherwise()).isEqualTo("action-3");
  }

  @Test
  void aPathToAnActionThatIsNotThereEnds() {
    HubSpotImporter.Imported imported =
        flow(
            """
        {"actionId": "1", "actionTypeId": "0-63809083", "fields": {"listId": "x"},
         "connection": {"edgeType": "STANDARD", "nextActionId": "99"}}""");
    assertThat(first(imported).next()).isNull();
    assertThat(paths(imported)).containsExactly("/actions/0/connection/nextActionId");
  }

  @Test
  void actionsNoPathLeadsToAreLeftOutVisibly() {
    HubSpotImporter.Imported imported =
        flow(
            """
        {"actionId": "1", "actionTypeId": "0-63809083", "fields": {"listId": "x"}},
        {"actionId": "orphan", "actionTypeId": "0-63809083", "fields": {"listId": "y"}}""");
    assertThat(imported.map().steps()).extracting(Step::id).containsExactly("action-1");
    assertThat(paths(imported)).containsExactly("/actions/1");
  }

  @Test
  void aLoopThatNeverWaitsIsImportedAndNamedAsWhatToFix() {
    JsonNode flow =
        HubSpotFiltersTest.json(
            """
        {"name": "Loop", "startActionId": "1", "actions": [
          {"actionId": "1", "actionTypeId": "0-63809083", "fields": {"listId": "a"},
           "connection": {"edgeType": "GO-TO", "nextActionId": "2"}},
          {"actionId": "2", "actionTypeId": "0-63863438", "fields": {"listId": "a"},
           "connection": {"edgeType": "GO-TO", "nextActionId": "1"}}]}""");
    HubSpotImporter.Imported imported = importer.importFlow(flow);
    assertThat(imported.ok()).isTrue();
    assertThat(imported.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.path()).isEqualTo("/actions/0");
              assertThat(w.message())
                  .startsWith("the imported map is not valid yet at /steps/0: the loop");
            });
  }

  // ---- enrollment and the flow

  @Test
  void eventTriggersEnrollOnTheirEventsWithRefinements() {
    HubSpotImporter.Imported imported =
        flow(
            "{\"actionId\": \"1\", \"actionTypeId\": \"0-63809083\", \"fields\": {\"listId\": \"x\"}}",
            """
        , "enrollmentCriteria": {"type": "EVENT_BASED", "shouldReEnroll": true, "eventFilterBranches": [
            {"eventTypeId": "4-1639801", "operator": "HAS_COMPLETED", "filterBranchType": "UNIFIED_EVENTS",
             "filters": [{"filterType": "PROPERTY", "property": "hs_form_id",
                          "operation": {"operator": "IS_EQUAL_TO", "value": "abc"}}]},
            {"eventTypeId": "4-96000", "operator": "HAS_COMPLETED"},
            {"eventTypeId": "4-666440", "operator": "HAS_NOT_COMPLETED"}]}""");
    AutomationMap map = imported.map();
    assertThat(map.triggers())
        .containsExactly(
            new EventTrigger(
                "form.submitted",
                new FieldCondition(
                    "event.data.hs_form_id", Op.EQ, HubSpotFiltersTest.json("\"abc\""))),
            new EventTrigger("page.visited", null));
    assertThat(map.enrollment().reenroll()).isEqualTo(Reenroll.AFTER_EXIT);
    assertThat(paths(imported))
        .containsExactly(
            "/enrollmentCriteria/eventFilterBranches/1/eventTypeId",
            "/enrollmentCriteria/eventFilterBranches/2/operator");
  }

  @Test
  void filterEnrollmentIsASegmentAndUnenrollingIsExitingWhenItIsUnmet() {
    HubSpotImporter.Imported imported =
        flow(
            "{\"actionId\": \"1\", \"actionTypeId\": \"0-63809083\", \"fields\": {\"listId\": \"x\"}}",
            """
        , "enrollmentCriteria": {"type": "LIST_BASED", "shouldReEnroll": false, "unEnrollObjectsNotMeetingCriteria": true,
            "listFilterBranch": {"filterBranchType": "OR", "filters": [], "filterBranches": [
              {"filterBranchType": "AND", "filters": [{"filterType": "PROPERTY", "property": "lifecyclestage",
                 "operation": {"operator": "IS_ANY_OF", "values": ["lead", "mql"], "operationType": "ENUMERATION"}}]}]}},
          "goalFilterBranch": {"filterBranchType": "AND", "filters": [{"filterType": "PROPERTY", "property": "lifecyclestage",
                 "operation": {"operator": "IS_EQUAL_TO", "values": ["customer"]}}]}""");
    FieldCondition segment =
        new FieldCondition(
            "contact.fields.lifecyclestage", Op.IN, HubSpotFiltersTest.json("[\"lead\", \"mql\"]"));
    AutomationMap map = imported.map();
    assertThat(map.triggers()).containsExactly(new SegmentTrigger(segment));
    assertThat(map.enrollment().audience()).isEqualTo(segment);
    assertThat(map.enrollment().exitsWhenAudienceUnmet()).isTrue();
    assertThat(map.enrollment().reenroll()).isNull();
    assertThat(map.enrollment().exitWhen())
        .containsExactly(
            Match.of(
                new FieldCondition(
                    "contact.fields.lifecyclestage",
                    Op.EQ,
                    HubSpotFiltersTest.json("\"customer\""))));
    assertThat(imported.warnings()).isEmpty();
  }

  @Test
  void oneSpanOfHoursEveryDayBecomesQuietHours() {
    StringBuilder windows = new StringBuilder();
    for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
      windows
          .append(windows.isEmpty() ? "" : ",")
          .append(
              """
          {"day": "%s", "startTime": {"hour": 8, "minute": 0}, "endTime": {"hour": 18, "minute": 30}}"""
                  .formatted(day));
    }
    HubSpotImporter.Imported imported =
        flow(
            "{\"actionId\": \"1\", \"actionTypeId\": \"0-63809083\", \"fields\": {\"listId\": \"x\"}}",
            ", \"timeWindows\": [" + windows + "]");
    assertThat(imported.map().quietHours())
        .isEqualTo(new QuietHours(LocalTime.of(18, 30), LocalTime.of(8, 0), null));
    assertThat(imported.warnings())
        .singleElement()
        .satisfies(w -> assertThat(w.message()).contains("every day of the week"));
  }

  @Test
  void theKeyComesFromTheNameUnlessGiven() {
    JsonNode flow =
        HubSpotFiltersTest.json(
            """
        {"name": "  Nurture: Café leads (EU) — 2025!  ", "startActionId": "1",
         "actions": [{"actionId": "1", "actionTypeId": "0-63809083", "fields": {"listId": "x"}}]}""");
    assertThat(importer.importFlow(flow).map().key()).isEqualTo("nurture-cafe-leads-eu-2025");
    assertThat(importer.importFlow(flow, "my-key").map().key()).isEqualTo("my-key");
    assertThat(HubSpotImporter.keyOf("x".repeat(70))).hasSize(64);
    assertThat(HubSpotImporter.keyOf("!!!")).isNull();
    JsonNode nameless = HubSpotFiltersTest.json("{\"id\": \"4711\", \"actions\": []}");
    assertThat(importer.importFlow(nameless).map().key()).isEqualTo("hubspot-4711");
  }

  @Test
  void aFlowWithNothingToRunOnlyEnds() {
    HubSpotImporter.Imported imported =
        importer.importFlow(HubSpotFiltersTest.json("{\"name\": \"Empty\", \"actions\": []}"));
    assertThat(imported.map().steps()).containsExactly(new EndStep("end", null));
    assertThat(new MapValidator().validate(imported.map())).isEmpty();
    assertThat(paths(imported)).containsExactly("/actions");
  }

  @Test
  void neverThrowsOnInputThatIsNotAFlow() {
    assertThat(importer.importFlow("[1, 2]", null).ok()).isFalse();
    assertThat(importer.importFlow("{\"name\": ", null).warnings())
        .singleElement()
        .satisfies(w -> assertThat(w.message()).startsWith("not valid JSON"));
    assertThat(importer.importFlow((JsonNode) null).ok()).isFalse();
    HubSpotImporter.Imported odd =
        importer.importFlow(
            """
        {"name": 5, "startActionId": {}, "actions": [null, 3, {"actionId": "1", "listBranches": 7, "fields": []},
          {"actionId": "1"}, {"actionId": "2", "actionTypeId": "0-1", "fields": {"delta": "x"}}],
         "enrollmentCriteria": {"type": "LIST_BASED", "listFilterBranch": [1]}, "timeWindows": [{}]}""",
            null);
    assertThat(odd.ok()).isTrue();
    assertThat(odd.warnings()).isNotEmpty();
  }
}
