package dev.automap.workers.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.AutomationMap;
import dev.automap.workers.preview.RecordingActions;
import dev.automap.workers.preview.SimulatedContact;
import dev.automap.workers.preview.SimulatedEngine;
import dev.automap.workers.preview.SimulatedFacts;
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

  @BeforeEach
  void start() {
    contact = new SimulatedContact(Map.of("id", "c_1"));
    SimulatedFacts facts = new SimulatedFacts(contact, Map.of());
    recording = new RecordingActions(contact).judging(facts);
    env = RunTestEnvironment.create();
    var worker = env.newWorker(RunTestEnvironment.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(AutomationRunImpl.class);
    worker.registerActivitiesImplementations(new Gated(), facts, new SimulatedEngine());
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
    assertThat(markers(plain)).as("the end's local activity only").isEqualTo(1);
    assertThat(markers(plain, "facts.holding")).isZero();

    contact.addTags(List.of("vip"));
    AutomationRun vip = start("vip-v2", RunInput.HISTORY);
    assertThat(finish(vip).state()).isEqualTo("completed");
    assertThat(branchTaken(vip)).containsExactly("branch vip");
    assertThat(markers(vip)).isEqualTo(1);
    new AutomationRunTest().saveHistory("history-v2-action-branch-end", client, vip);

    // the same contact on history version 1: the same choice, judged in a local activity
    AutomationRun before = start("vip-v1", 1);
    assertThat(finish(before).state()).isEqualTo("completed");
    assertThat(branchTaken(before)).containsExactly("branch vip");
    assertThat(markers(before)).as("the branch's local activity and the end's").isEqualTo(2);
    assertThat(markers(before, "facts.holding")).isOne();
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
}
