package dev.automap.workers.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.automap.definitions.model.AddNoteStep;
import dev.automap.definitions.model.AddTagsStep;
import dev.automap.definitions.model.CreateTaskStep;
import dev.automap.workers.actions.ActionTestSupport;
import dev.automap.workers.store.ContactNotFound;
import dev.automap.workers.store.Enrollment;
import dev.automap.workers.store.EnrollmentRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactTimelineTest extends ActionTestSupport {
  @Inject ContactTimeline timeline;
  @Inject StepLog log;
  @Inject EnrollmentRepository enrollments;

  @Test
  void theTimelineShowsWhatAutomationsDidNewestFirst() {
    String id = newContact("Ada");
    String workflowId = ACCOUNT + ":onboarding:" + id;
    Instant started = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
    enrollments.save(
        new Enrollment(
            workflowId,
            "run-1",
            ACCOUNT,
            "onboarding",
            3,
            id,
            "completed",
            started,
            started.plusSeconds(30),
            "reached the end"));
    log.record(
        new StepOutcome(
            workflowId + "/run-1/wait/1",
            ACCOUNT,
            id,
            "onboarding",
            "wait",
            "wait",
            "done",
            "waited PT1H",
            started.plusSeconds(1)));
    perform(request(id, "tag"), new AddTagsStep("tag", null, List.of("onboarded"), null, null));
    perform(request(id, "note"), new AddNoteStep("note", null, "Welcome call booked", null, null));
    perform(
        request(id, "task"),
        new CreateTaskStep("task", null, "Call Ada", null, null, null, null, null));

    var items = timeline.of(ACCOUNT, id, 50);

    assertThat(items).isSortedAccordingTo((a, b) -> b.at().compareTo(a.at()));
    assertThat(items)
        .extracting(i -> i.kind() + ":" + i.type())
        .contains(
            "enrollment:enrolled",
            "enrollment:ended",
            "step:wait",
            "step:add_tags",
            "step:add_note",
            "step:create_task",
            "event:contact.created",
            "event:contact.tag_added",
            "note:note",
            "task:task");
    assertThat(items)
        .extracting(ContactTimeline.Item::summary)
        .contains(
            "enrolled in onboarding (version 3)",
            "left onboarding (completed: reached the end)",
            "test-map/tag: done, added onboarded",
            "tag onboarded added",
            "Welcome call booked",
            "Call Ada");
    assertThat(items)
        .noneMatch(i -> i.type().equals("contact.note_added") || i.type().equals("task.created"));
    assertThat(timeline.of(ACCOUNT, id, 3))
        .hasSize(3)
        .containsExactlyElementsOf(items.subList(0, 3));
  }

  @Test
  void aStepIsLoggedOncePerKey() {
    String id = newContact("Ada");
    var outcome =
        new StepOutcome(
            "acme:m:" + id + "/r/branch/1",
            ACCOUNT,
            id,
            "m",
            "branch",
            "branch",
            "done",
            "took path vip",
            Instant.now());
    assertThat(log.record(outcome)).isTrue();
    assertThat(log.record(outcome)).isFalse();
    assertThat(log.latestOf(ACCOUNT, id, 10))
        .singleElement()
        .satisfies(e -> assertThat(e.workflowId()).isEqualTo("acme:m:" + id));
  }

  @Test
  void anotherAccountHasNoTimelineOfThisContact() {
    String id = newContact("Ada");
    ensureAccount("other", null);
    assertThatThrownBy(() -> timeline.of("other", id, 10)).isInstanceOf(ContactNotFound.class);
  }
}
