package dev.automap.workers.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.ActionStep;
import dev.automap.definitions.model.AddFollowersStep;
import dev.automap.definitions.model.AddNoteStep;
import dev.automap.definitions.model.AddTagsStep;
import dev.automap.definitions.model.AddToListStep;
import dev.automap.definitions.model.AdjustScoreStep;
import dev.automap.definitions.model.AppointmentStatus;
import dev.automap.definitions.model.AssignOwnerStep;
import dev.automap.definitions.model.ContactLookup;
import dev.automap.definitions.model.CopyContactStep;
import dev.automap.definitions.model.CreateContactStep;
import dev.automap.definitions.model.CreateTaskStep;
import dev.automap.definitions.model.DeleteContactStep;
import dev.automap.definitions.model.DndChannel;
import dev.automap.definitions.model.FindContactStep;
import dev.automap.definitions.model.IncrementFieldStep;
import dev.automap.definitions.model.NewContact;
import dev.automap.definitions.model.OpportunityStatus;
import dev.automap.definitions.model.RemoveFollowersStep;
import dev.automap.definitions.model.RemoveFromListStep;
import dev.automap.definitions.model.RemoveOpportunityStep;
import dev.automap.definitions.model.RemoveTagsStep;
import dev.automap.definitions.model.SetCustomValueStep;
import dev.automap.definitions.model.SetDndStep;
import dev.automap.definitions.model.UnassignOwnerStep;
import dev.automap.definitions.model.UpdateAppointmentStatusStep;
import dev.automap.definitions.model.UpdateContactStep;
import dev.automap.definitions.model.UpsertOpportunityStep;
import dev.automap.workers.contacts.Appointments;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.contacts.Pipelines;
import dev.automap.workers.events.EventSource;
import dev.automap.workers.run.RunTestEnvironment;
import dev.automap.workers.store.ContactNotFound;
import dev.automap.workers.store.StepLogEntry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every contact and CRM action, run as a Temporal activity of its type (the dispatcher on a worker,
 * {@link ActionPolicy}'s options, the engine's data converter) against the real store, one after
 * the other on one contact: what a map using them all does.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActionActivitiesTest extends ActionTestSupport {
  @Inject Pipelines pipelines;
  @Inject Appointments appointments;
  TestWorkflowEnvironment env;

  @BeforeAll
  void worker() {
    env = RunTestEnvironment.create();
    var worker = env.newWorker(RunTestEnvironment.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(ActionScenario.Impl.class);
    worker.registerActivitiesImplementations(dispatcher);
    env.start();
  }

  @AfterAll
  void stop() {
    env.close();
  }

  List<String> run(String contactId, List<ActionStep> steps) {
    var scenario =
        env.getWorkflowClient()
            .newWorkflowStub(
                ActionScenario.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(ACCOUNT + ":scenario:" + contactId)
                    .setTaskQueue(RunTestEnvironment.TASK_QUEUE)
                    .setWorkflowExecutionTimeout(Duration.ofMinutes(5))
                    .build());
    return scenario.run(new ActionScenario.Input(ACCOUNT, contactId, steps));
  }

  @Test
  void aMapUsingEveryContactAndCrmActionRunsAgainstTheStore() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    ensureAccount("acme-sister", "org-acme");
    user("u_s1");
    user("u_s2");
    String pipeline = "Scenario " + tag;
    pipelines.create(ACCOUNT, pipeline, List.of("New", "Won"));
    String email = "ada-" + tag + "@example.com";
    String id =
        newContact(
            new ContactDirectory.NewContact(
                email, null, "Ada", null, null, null, null, null, null, List.of("lead")));
    appointments.book(
        ACCOUNT, id, "Intro", Instant.now().plusSeconds(3600), null, EventSource.api());

    List<ActionStep> steps =
        List.of(
            new CreateContactStep(
                "friend",
                null,
                new NewContact(
                    "{{contact.firstName}}-friend-" + tag + "@example.com",
                    null,
                    "Friend",
                    null,
                    null),
                "friendId",
                null,
                null),
            new FindContactStep(
                "me",
                null,
                new ContactLookup(email.toUpperCase(), null, null, null),
                "meId",
                null,
                null),
            new UpdateContactStep(
                "profile",
                null,
                Map.of("contact.fields.friend", "{{vars.friendId}}"),
                null,
                null,
                null),
            new IncrementFieldStep(
                "visits", null, "contact.fields.visits", BigDecimal.ONE, null, null),
            new AddTagsStep("tag", null, List.of("scenario"), null, null),
            new RemoveTagsStep("untag", null, List.of("lead"), null, null),
            new AssignOwnerStep("owner", null, null, List.of("u_s1", "u_s2"), null, null, null),
            new AddFollowersStep("follow", null, List.of("u_s1", "u_s2"), null, null),
            new RemoveFollowersStep("unfollow", null, List.of("u_s2"), null, null),
            new SetDndStep("dnd", null, DndChannel.EMAIL, true, null, null),
            new AddNoteStep("note", null, "Friend is {{vars.friendId}}", null, null),
            new CreateTaskStep(
                "task",
                null,
                "Call {{contact.firstName}}",
                null,
                "owner",
                Duration.ofHours(4),
                null,
                null),
            new AdjustScoreStep("score", null, 3, null, null),
            new CopyContactStep("copy", null, "acme-sister", null, null),
            new AddToListStep("join", null, "Scenario " + tag, null, null),
            new RemoveFromListStep("leave", null, "Scenario " + tag, null, null),
            new SetCustomValueStep(
                "value", "scenario_" + tag.replace('-', '_'), "{{contact.firstName}}", null, null),
            new UpsertOpportunityStep(
                "deal", pipeline, "Won", null, "99", OpportunityStatus.WON, null, null),
            new RemoveOpportunityStep("undeal", null, pipeline, null, null),
            new UpdateAppointmentStatusStep(
                "showed", null, "latest", AppointmentStatus.SHOWED, null, null),
            new UnassignOwnerStep("unowner", null, null, null),
            new UpdateContactStep(
                "broken", null, Map.of("contact.shoeSize", "42"), null, null, null),
            new DeleteContactStep("delete", null, null),
            new AddTagsStep("never", null, List.of("after-the-end"), null, null));

    List<String> lines = run(id, steps);

    assertThat(lines)
        .containsExactly(
            "friend done",
            "me done",
            "profile done",
            "visits done",
            "tag done",
            "untag done",
            "owner done",
            "follow done",
            "unfollow done",
            "dnd done",
            "note done",
            "task done",
            "score done",
            "copy done",
            "join done",
            "leave done",
            "value done",
            "deal done",
            "undeal done",
            "showed done",
            "unowner done",
            "broken failed BadActionInput for good",
            "delete done (ends run)",
            "vars [friendId, meId]");
    Assertions.assertThatThrownBy(() -> contacts.get(ACCOUNT, id))
        .isInstanceOf(ContactNotFound.class);
    assertThat(contacts.findByEmail("acme-sister", email)).isPresent();
    List<String> logged =
        stepLog.latestOf(ACCOUNT, id, 100).stream().map(StepLogEntry::stepId).toList();
    assertThat(logged).hasSize(22).doesNotContain("broken", "never");
    assertThat(eventTypes(id))
        .contains(
            "contact.created",
            "contact.updated",
            "contact.tag_added",
            "contact.tag_removed",
            "contact.list_added",
            "contact.list_removed",
            "contact.note_added",
            "task.created",
            "account.value_changed",
            "opportunity.created",
            "opportunity.removed",
            "appointment.status_changed",
            "contact.deleted");
    assertThat(eventsOf(id))
        .filteredOn(e -> !e.source().get("via").equals("api"))
        .allSatisfy(
            e -> assertThat(e.source()).containsEntry("workflowId", ACCOUNT + ":scenario:" + id));
  }
}
