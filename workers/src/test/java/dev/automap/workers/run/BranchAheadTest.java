package dev.automap.workers.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.AutomationMap;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.AfterAction;
import dev.automap.workers.preview.RecordingActions;
import dev.automap.workers.preview.SimulatedContact;
import dev.automap.workers.preview.SimulatedEngine;
import dev.automap.workers.preview.SimulatedFacts;
import dev.automap.workers.timeline.StepMarks;
import io.temporal.activity.DynamicActivity;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.EncodedValues;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A branch right after an action, on history version 2: the action's activity judges it once the
 * action is done, and the run decides from that answer without a local activity of its own, unless
 * something that could change the answer happened in between (a pause, an event, an exit).
 */
class BranchAheadTest {
  static final String MAP =
      """
      {"key": "ahead", "start": "tag",
       "steps": [
         {"id": "tag", "type": "add_tags", "tags": ["seen"], "next": "vip?"},
         {"id": "vip?", "type": "branch",
          "branches": [{"name": "vip", "when": {"field": "contact.tags", "op": "contains",
                        "value": "vip"}, "next": "tag-vip"}],
          "else": "tag-plain"},
         {"id": "tag-vip", "type": "add_tags", "tags": ["was-vip"], "next": "done"},
         {"id": "tag-plain", "type": "add_tags", "tags": ["was-plain"], "next": "done"},
         {"id": "done", "type": "end"}]}""";

  TestWorkflowEnvironment env;
  SimulatedContact contact;
  RecordingActions recording;
  WorkflowClient client;

  /** Holds the activity of {@link #gatedStep} until released: the action is then under way. */
  volatile String gatedStep;

  final CountDownLatch entered = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);

  /** The engine's actions as a preview performs them, the one gated step held until released. */
  final class Gated implements DynamicActivity {
    @Override
    public Object execute(EncodedValues args) {
      String step = args.get(0, dev.automap.workers.actions.ActionRequest.class).stepId();
      if (step.equals(gatedStep)) {
        entered.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return recording.execute(args);
    }
  }

  SimulatedEngine engine;

  /** How many times recording the end after the last action fails before it works. */
  final AtomicInteger endFailures = new AtomicInteger();

  /** Set: recording the end after the last action waits for it once it has claimed the end. */
  volatile CountDownLatch afterEndClaimed;

  /** The engine's end after the last action, failing or held as the test asks. */
  final class Ends implements AfterAction.Ender {
    @Override
    public boolean endAfter(ActionRequest request, AfterAction.End end, StepMarks marks) {
      if (endFailures.getAndDecrement() > 0) {
        throw new IllegalStateException("the store went away");
      }
      boolean ended = engine.endAfter(request, end, marks);
      CountDownLatch wait = afterEndClaimed;
      if (wait != null) {
        entered.countDown();
        try {
          wait.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return ended;
    }
  }

  @BeforeEach
  void start() {
    contact = new SimulatedContact(Map.of("id", "c_1"));
    SimulatedFacts facts = new SimulatedFacts(contact, Map.of());
    engine = new SimulatedEngine();
    recording = new RecordingActions(contact).judging(facts).ending(new Ends());
    env = RunTestEnvironment.create();
    var worker = env.newWorker(RunTestEnvironment.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(AutomationRunImpl.class);
    worker.registerActivitiesImplementations(new Gated(), facts, engine);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    release.countDown();
    env.close();
  }

  AutomationRun start(String id, Integer history) {
    AutomationMap map = AutomationRunTest.map(MAP);
    AutomationRun run =
        client.newWorkflowStub(
            AutomationRun.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(RunTestEnvironment.TASK_QUEUE)
                .build());
    WorkflowClient.start(
        run::run, new RunInput("acme", map.key(), 1, "c_1", map, null, null, null, null, history));
    return run;
  }

  RunOutcome finish(AutomationRun run) throws java.util.concurrent.TimeoutException {
    return WorkflowStub.fromTyped(run).getResult(20, TimeUnit.SECONDS, RunOutcome.class);
  }

  long markers(AutomationRun run) {
    return markers(run, "");
  }

  /** The run's markers (local activities) whose event names {@code what}. */
  long markers(AutomationRun run, String what) {
    return client
        .fetchHistory(WorkflowStub.fromTyped(run).getExecution().getWorkflowId())
        .getEvents()
        .stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
        .filter(e -> e.toString().contains(what))
        .count();
  }

  List<String> branchTaken(AutomationRun run) {
    return run.status().path().stream()
        .filter(e -> e.step().equals("vip?"))
        .map(RunStatus.PathEntry::outcome)
        .toList();
  }

  void awaitPath(AutomationRun run, String step) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (run.status().path().stream().anyMatch(e -> e.step().equals(step))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the run never recorded " + step);
  }

  @Test
  void theBranchChoosesAsBeforeWithoutALocalActivityOfItsOwn() throws Exception {
    AutomationRun plain = start("plain-v2", RunInput.HISTORY);
    assertThat(finish(plain).state()).isEqualTo("completed");
    assertThat(branchTaken(plain)).containsExactly("else");
    assertThat(markers(plain))
        .as("the branch judged and the end recorded by the actions before them")
        .isZero();
    assertThat(engine.ends).containsExactly("completed: reached done");

    contact.addTags(List.of("vip"));
    AutomationRun vip = start("vip-v2", RunInput.HISTORY);
    assertThat(finish(vip).state()).isEqualTo("completed");
    assertThat(branchTaken(vip)).containsExactly("branch vip");
    assertThat(markers(vip)).isZero();
    new AutomationRunTest().saveHistory("history-v2-action-branch-end", client, vip);

    // the same contact on history version 1: the same choice, judged in a local activity
    AutomationRun before = start("vip-v1", 1);
    assertThat(finish(before).state()).isEqualTo("completed");
    assertThat(branchTaken(before)).containsExactly("branch vip");
    assertThat(markers(before)).as("the branch's local activity and the end's").isEqualTo(2);
    assertThat(markers(before, "facts.holding")).isOne();
    assertThat(markers(before, "engine.finish")).isOne();
    assertThat(engine.ends)
        .containsExactly(
            "completed: reached done", "completed: reached done", "completed: reached done");
  }

  @Test
  void aPauseDuringTheActionMakesTheBranchReadTheContactAgainOnResume() throws Exception {
    gatedStep = "tag";
    AutomationRun run = start("paused", RunInput.HISTORY);
    assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
    run.pause("checking");
    release.countDown();
    awaitPath(run, "tag");
    // the action's activity judged "not vip"; the contact changes while the run is paused
    contact.addTags(List.of("vip"));
    run.resume();

    assertThat(finish(run).state()).isEqualTo("completed");
    assertThat(branchTaken(run)).containsExactly("branch vip");
    assertThat(markers(run, "facts.holding")).as("the branch asked its local activity").isOne();
    assertThat(markers(run, "engine.finish")).as("the last action recorded the end").isZero();
    assertThat(engine.ends).containsExactly("completed: reached done");
  }

  @Test
  void anEventHeardDuringTheActionMakesTheBranchReadTheContactAgain() throws Exception {
    gatedStep = "tag";
    AutomationRun run = start("heard", RunInput.HISTORY);
    assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
    // the contact changes, and the run hears of it, while the action is under way
    run.event(Map.of("type", "contact.updated", "id", "e_1", "contactId", "c_1"));
    release.countDown();
    awaitPath(run, "tag");

    assertThat(finish(run).state()).isEqualTo("completed");
    assertThat(markers(run, "facts.holding")).as("the branch asked its local activity").isOne();
  }

  @Test
  void anExitDuringTheActionEndsTheRunBeforeTheBranch() throws Exception {
    gatedStep = "tag";
    AutomationRun run = start("exited", RunInput.HISTORY);
    assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
    run.exit("unsubscribed");
    release.countDown();

    RunOutcome outcome = finish(run);
    assertThat(outcome.state()).isEqualTo("exited");
    assertThat(outcome.reason()).isEqualTo("unsubscribed");
    assertThat(branchTaken(run)).isEmpty();
    assertThat(recording.performed).extracting(p -> p.step().id()).containsExactly("tag");
  }

  @Test
  void anExitDuringTheLastActionHoldsItsEndAndTheRunExits() throws Exception {
    gatedStep = "tag-plain";
    AutomationRun run = start("last-exited", RunInput.HISTORY);
    assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
    run.exit("unsubscribed");
    awaitMarker(run, "engine.holdEnd");
    release.countDown();

    RunOutcome outcome = finish(run);
    assertThat(outcome.state()).isEqualTo("exited");
    assertThat(outcome.reason()).isEqualTo("unsubscribed");
    assertThat(engine.ends).as("recorded once, as exited").containsExactly("exited: unsubscribed");
    new AutomationRunTest().saveHistory("history-v2-last-action-exited", client, run);
    assertThat(recording.performed)
        .extracting(p -> p.step().id())
        .containsExactly("tag", "tag-plain");
  }

  @Test
  void aPauseDuringTheLastActionHoldsItsEndUntilTheResume() throws Exception {
    gatedStep = "tag-plain";
    AutomationRun run = start("last-paused", RunInput.HISTORY);
    assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
    run.pause("checking");
    awaitMarker(run, "engine.holdEnd");
    release.countDown();
    awaitPath(run, "tag-plain");
    assertThat(engine.ends).as("nothing recorded while paused").isEmpty();
    assertThat(run.status().state()).isEqualTo("paused");

    run.resume();
    assertThat(finish(run).state()).isEqualTo("completed");
    assertThat(engine.ends).containsExactly("completed: reached done");
    assertThat(markers(run, "engine.finish")).as("the end's own local activity").isOne();
  }

  @Test
  void anExitHeardOnceTheLastActionRecordedTheEndComesTooLate() throws Exception {
    afterEndClaimed = release;
    AutomationRun run = start("too-late", RunInput.HISTORY);
    assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
    run.exit("unsubscribed");
    awaitMarker(run, "engine.holdEnd");
    release.countDown();

    RunOutcome outcome = finish(run);
    assertThat(outcome.state()).as("as the end was recorded").isEqualTo("completed");
    assertThat(outcome.reason()).isEqualTo("reached done");
    assertThat(engine.ends).containsExactly("completed: reached done");
    assertThat(markers(run, "engine.finish")).isZero();
  }

  @Test
  void aRetryAfterRecordingTheEndFailedDoesNothingTwice() throws Exception {
    endFailures.set(1);
    AutomationRun run = start("retried", RunInput.HISTORY);

    assertThat(finish(run).state()).isEqualTo("completed");
    assertThat(recording.performed)
        .extracting(p -> p.step().id())
        .as("each action performed once")
        .containsExactly("tag", "tag-plain");
    assertThat(contact.snapshot().get("tags")).asList().containsExactly("seen", "was-plain");
    assertThat(engine.ends).containsExactly("completed: reached done");
    assertThat(markers(run, "engine.finish")).isZero();
  }

  void awaitMarker(AutomationRun run, String what) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (markers(run, what) > 0) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the run never recorded " + what);
  }
}
