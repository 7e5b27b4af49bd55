package dev.automap.workers.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.AddFollowersStep;
import dev.automap.definitions.model.AddNoteStep;
import dev.automap.definitions.model.AddTagsStep;
import dev.automap.definitions.model.AssignOwnerStep;
import dev.automap.definitions.model.CreateTaskStep;
import dev.automap.definitions.model.RemoveFollowersStep;
import dev.automap.definitions.model.RemoveTagsStep;
import dev.automap.definitions.model.UnassignOwnerStep;
import dev.automap.workers.store.ContactRepository;
import dev.automap.workers.store.NoteRepository;
import dev.automap.workers.store.TaskRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Tags, owners, followers, notes and tasks. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnershipActionsTest extends ActionTestSupport {
  @Inject ContactRepository repository;
  @Inject NoteRepository notes;
  @Inject TaskRepository tasks;

  String owner(String id) {
    return contacts.get(ACCOUNT, id).contact().ownerId();
  }

  // add_tags and remove_tags

  @Test
  void tagsAreTemplatesAddedAndRemovedOnceEachWithItsEvent() {
    String id = newContact("Ada", "lead");
    var request = request(id, "tag", Map.of("plan", "gold"), null);

    var added =
        performTwice(
            request,
            new AddTagsStep("tag", null, List.of("plan-{{vars.plan}}", "lead", "vip"), null, null));
    assertThat(added.detail()).isEqualTo("added plan-gold, vip");
    var removed =
        performTwice(
            request(id, "untag"),
            new RemoveTagsStep("untag", null, List.of("lead", "absent"), null, null));
    assertThat(removed.detail()).isEqualTo("removed lead");

    assertThat(contacts.get(ACCOUNT, id).tags()).containsExactly("plan-gold", "vip");
    assertThat(eventsOf(id))
        .filteredOn(e -> e.type().startsWith("contact.tag_"))
        .extracting(e -> e.type() + " " + e.data().get("tag"))
        .containsExactly(
            "contact.tag_added lead",
            "contact.tag_added plan-gold",
            "contact.tag_added vip",
            "contact.tag_removed lead");
    assertBadInput(
        () -> perform(request(id, "t"), new AddTagsStep("t", null, List.of(), null, null)),
        "needs tags");
  }

  // assign_owner and unassign_owner

  @Test
  void assignOwnerSetsAUserOnceAndOnlyIfUnassignedKeepsAnOwner() {
    user("u_anna");
    user("u_bob");
    String id = newContact("Ada");

    var result =
        performTwice(
            request(id, "own"), new AssignOwnerStep("own", null, "u_anna", null, null, null, null));
    assertThat(result.detail()).isEqualTo("assigned to u_anna");
    assertThat(owner(id)).isEqualTo("u_anna");

    var kept =
        performTwice(
            request(id, "own2"),
            new AssignOwnerStep("own2", null, "u_bob", null, true, null, null));
    assertThat(kept.outcome()).isEqualTo("skipped");
    assertThat(owner(id)).isEqualTo("u_anna");

    assertThat(eventsOf(id))
        .filteredOn(e -> e.type().equals("contact.updated"))
        .singleElement()
        .satisfies(e -> assertThat(e.data().get("changed")).isEqualTo(List.of("ownerId")));
  }

  @Test
  void roundRobinHandsContactsOutInTurnAndARetryTakesNoTurn() {
    List<String> rotation = List.of(user("u_r1"), user("u_r2"), user("u_r3"));
    var step =
        new AssignOwnerStep("rr-" + System.nanoTime(), null, null, rotation, null, null, null);
    List<String> owners = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String id = newContact("Lead " + i);
      performTwice(request(id, step.id()), step);
      owners.add(owner(id));
    }
    assertThat(owners).containsExactly("u_r1", "u_r2", "u_r3", "u_r1");
  }

  @Test
  void onlyIfUnassignedTakesNoTurnForAContactThatHasAnOwner() {
    List<String> rotation = List.of(user("u_r1"), user("u_r2"));
    var step =
        new AssignOwnerStep("rr-" + System.nanoTime(), null, null, rotation, true, null, null);
    String owned = newContact("Owned");
    perform(request(owned, "x"), new AssignOwnerStep("x", null, "u_r2", null, null, null, null));
    assertThat(perform(request(owned, step.id()), step).outcome()).isEqualTo("skipped");

    String fresh = newContact("Fresh");
    perform(request(fresh, step.id()), step);
    assertThat(owner(fresh)).isEqualTo("u_r1");
  }

  @Test
  void assignOwnerRefusesUnknownUsersAndAmbiguousSteps() {
    String id = newContact("Ada");
    assertBadInput(
        () ->
            perform(
                request(id, "o"),
                new AssignOwnerStep("o", null, "u_ghost", null, null, null, null)),
        "no user u_ghost in this account");
    assertBadInput(
        () ->
            perform(
                request(id, "o"),
                new AssignOwnerStep("o", null, "u_anna", List.of("u_bob"), null, null, null)),
        "either user or rotate");
    assertThat(owner(id)).isNull();
  }

  @Test
  void unassignOwnerLeavesTheContactWithoutOne() {
    user("u_anna");
    String id = newContact("Ada");
    perform(request(id, "o"), new AssignOwnerStep("o", null, "u_anna", null, null, null, null));

    assertThat(
            performTwice(request(id, "un"), new UnassignOwnerStep("un", null, null, null)).detail())
        .isEqualTo("unassigned u_anna");
    assertThat(owner(id)).isNull();
    assertThat(perform(request(id, "un"), new UnassignOwnerStep("un", null, null, null)).outcome())
        .isEqualTo("unchanged");
  }

  // add_followers and remove_followers

  @Test
  void followersAreAddedAndRemovedOnce() {
    user("u_anna");
    user("u_bob");
    String id = newContact("Ada");

    performTwice(
        request(id, "f"), new AddFollowersStep("f", null, List.of("u_anna", "u_bob"), null, null));
    assertThat(repository.findFollowers(id)).containsExactly("u_anna", "u_bob");
    performTwice(
        request(id, "unf"), new RemoveFollowersStep("unf", null, List.of("u_bob"), null, null));
    assertThat(repository.findFollowers(id)).containsExactly("u_anna");

    assertThat(eventsOf(id))
        .filteredOn(e -> e.type().equals("contact.updated"))
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.data().get("changed")).isEqualTo(List.of("followers")));
    assertBadInput(
        () ->
            perform(
                request(id, "f"), new AddFollowersStep("f", null, List.of("u_ghost"), null, null)),
        "no user u_ghost");
    assertBadInput(
        () -> perform(request(id, "f"), new RemoveFollowersStep("f", null, null, null, null)),
        "needs users");
  }

  // add_note

  @Test
  void addNoteRendersItsBodyAndSignsItWithTheStep() {
    String id = newContact("Ada");
    var request =
        request(
            id,
            "note",
            Map.of(),
            Map.of("type", "form.submitted", "data", Map.of("message", "Call me")));

    performTwice(
        request,
        new AddNoteStep(
            "note", null, "{{contact.firstName}} wrote: {{event.data.message}}", null, null));

    assertThat(notes.latest(ACCOUNT, id, 10))
        .singleElement()
        .satisfies(
            note -> {
              assertThat(note.body()).isEqualTo("Ada wrote: Call me");
              assertThat(note.source())
                  .containsEntry("stepId", "note")
                  .containsEntry("via", "automation");
            });
    assertThat(eventTypes(id)).contains("contact.note_added");
    assertBadInput(
        () -> perform(request(id, "n"), new AddNoteStep("n", null, " ", null, null)),
        "needs a body");
  }

  // create_task

  @Test
  void createTaskGoesToTheOwnerOrAUserDueAfterTheStep() {
    user("u_anna");
    user("u_bob");
    String id = newContact("Ada");
    perform(request(id, "o"), new AssignOwnerStep("o", null, "u_anna", null, null, null, null));
    Instant before = Instant.now();

    performTwice(
        request(id, "t1"),
        new CreateTaskStep(
            "t1",
            null,
            "Call {{contact.firstName}}",
            "about the demo",
            "owner",
            Duration.ofDays(1),
            null,
            null));
    performTwice(
        request(id, "t2"),
        new CreateTaskStep("t2", null, "Send quote", null, "u_bob", null, null, null));

    var created = tasks.latest(ACCOUNT, id, 10);
    assertThat(created)
        .extracting(t -> t.title() + " for " + t.assigneeId())
        .containsExactlyInAnyOrder("Call Ada for u_anna", "Send quote for u_bob");
    var call = created.stream().filter(t -> t.title().startsWith("Call")).findFirst().orElseThrow();
    assertThat(call.dueAt())
        .isBetween(before.plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1)));
    assertThat(call.status()).isEqualTo("open");
    assertThat(eventTypes(id)).filteredOn("task.created"::equals).hasSize(2);

    assertBadInput(
        () ->
            perform(
                request(id, "t"),
                new CreateTaskStep("t", null, "x", null, "u_ghost", null, null, null)),
        "no user u_ghost");
    assertBadInput(
        () ->
            perform(
                request(id, "t"),
                new CreateTaskStep("t", null, null, null, null, null, null, null)),
        "needs a title");
  }

  @Test
  void aTaskForTheOwnerOfAContactWithoutOneIsUnassigned() {
    String id = newContact("Nobody's");
    performTwice(
        request(id, "t"), new CreateTaskStep("t", null, "Follow up", null, null, null, null, null));
    assertThat(tasks.latest(ACCOUNT, id, 1))
        .singleElement()
        .satisfies(t -> assertThat(t.assigneeId()).isNull());
  }
}
