package dev.automap.workers.preview;

import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.StepTypes;
import dev.automap.workers.enrollment.EnrollmentService;
import dev.automap.workers.run.AutomationRun;
import dev.automap.workers.run.AutomationRunImpl;
import dev.automap.workers.run.RunInput;
import dev.automap.workers.run.RunOutcome;
import dev.automap.workers.run.RunSearchAttributes;
import dev.automap.workers.run.RunStatus;
import dev.automap.workers.temporal.TemporalFactory;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Runs the real {@code AutomationRun} for one contact on a time-skipping test service, with
 * recording stand-ins for every side effect, and reports what the map would do: the preview of
 * {@code POST /v1/simulate}, and the stage of the interpreter's scenario tests.
 */
public final class Simulator implements AutoCloseable {
  public static final String TASK_QUEUE = AutomationRunImpl.PREVIEW_TASK_QUEUE;
  public static final String ACCOUNT = "sim";

  /** An event to signal the run, {@code after} the start. */
  public record TimedEvent(Duration after, Map<String, Object> event) {}

  /** One line of the timeline. */
  public record Entry(String at, String step, String type, String outcome) {}

  /**
   * What the map did: its timeline, the run's final status and the contact as it ended up; {@code
   * truncated} when the preview stopped at one of its {@link Bounds} before {@code until}.
   */
  public record Result(
      List<Entry> timeline,
      RunStatus status,
      RunOutcome outcome,
      Map<String, Object> contact,
      boolean truncated) {}

  /**
   * What one preview may spend: a wall-clock deadline, a number of timeline entries, and a check
   * for a caller that no longer waits. Virtual time moves in slices between which these are read.
   */
  public record Bounds(Instant deadline, int maxEntries, BooleanSupplier cancelled) {
    public static Bounds none() {
      return new Bounds(Instant.MAX, Integer.MAX_VALUE, () -> false);
    }

    boolean spent() {
      return cancelled.getAsBoolean() || Instant.now().isAfter(deadline);
    }
  }

  /** The first slice of virtual time a bounded preview moves by; it adapts to the map's pace. */
  private static final Duration FIRST_SLICE = Duration.ofHours(1);

  /** A slice should take about this long in real time, so bounds are read often enough. */
  private static final long SLICE_MILLIS = 100;

  private final TestWorkflowEnvironment env;
  private final SimulatedContact contact;
  private final RecordingActions actions;
  private final WorkflowClient client;
  private final SimulatedEngine engine = new SimulatedEngine();
  private final Map<String, AutomationMap> others = new java.util.concurrent.ConcurrentHashMap<>();

  public Simulator(Map<String, Object> contact, Instant start, Map<String, Object> accountValues) {
    this.contact = new SimulatedContact(contact);
    var options =
        TestEnvironmentOptions.newBuilder()
            .setWorkflowClientOptions(
                WorkflowClientOptions.newBuilder()
                    .setDataConverter(TemporalFactory.dataConverter())
                    .build())
            .setWorkerFactoryOptions(
                WorkerFactoryOptions.newBuilder().setUsingVirtualWorkflowThreads(true).build());
    if (start != null) {
      options.setInitialTime(start);
    }
    RunSearchAttributes.ALL.forEach(options::registerSearchAttribute);
    env = TestWorkflowEnvironment.newInstance(options.build());
    SimulatedFacts facts = new SimulatedFacts(this.contact, accountValues);
    actions = new RecordingActions(this.contact).judging(facts).ending(engine);
    var worker = env.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(AutomationRunImpl.class);
    worker.registerActivitiesImplementations(actions, facts, engine);
    env.start();
    client = env.getWorkflowClient();
    engine.starter(
        (key, contactId, notify, event) -> {
          AutomationMap other = others.get(key);
          if (other == null) {
            return null;
          }
          RunInput input = RunInput.of(ACCOUNT, key, 1, contactId, other, event).notifying(notify);
          return WorkflowStub.fromTyped(start(other, input)).getExecution().getWorkflowId();
        });
  }

  /** Lets {@code enroll} steps start runs of these maps (by key) in this preview. */
  public Simulator withAutomations(AutomationMap... maps) {
    for (AutomationMap m : maps) {
      others.put(m.key(), m);
    }
    return this;
  }

  public TestWorkflowEnvironment environment() {
    return env;
  }

  public WorkflowClient client() {
    return client;
  }

  /** The engine's stand-in: lets tests give it versions runs may move to. */
  public SimulatedEngine engine() {
    return engine;
  }

  public RecordingActions actions() {
    return actions;
  }

  public SimulatedContact contact() {
    return contact;
  }

  /** Starts the run; returns its stub for signals and queries. */
  public AutomationRun start(AutomationMap map, RunInput input) {
    String workflowId =
        EnrollmentService.workflowId(input.accountId(), map.key(), input.contactId());
    AutomationRun run =
        client.newWorkflowStub(
            AutomationRun.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TASK_QUEUE)
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder()
                        .set(RunSearchAttributes.ACCOUNT_ID, input.accountId())
                        .set(RunSearchAttributes.AUTOMATION_KEY, map.key())
                        .set(RunSearchAttributes.AUTOMATION_VERSION, (long) input.version())
                        .set(RunSearchAttributes.CONTACT_ID, input.contactId())
                        .build())
                .build());
    WorkflowClient.start(run::run, input);
    return run;
  }

  public AutomationRun start(AutomationMap map) {
    return start(map, RunInput.of(ACCOUNT, map.key(), 1, contact.id(), map, null));
  }

  /**
   * The whole preview: starts the run, signals each event at its offset, lets virtual time run to
   * {@code until}, and reports.
   */
  public Result simulate(AutomationMap map, List<TimedEvent> events, Duration until) {
    return simulate(map, events, until, Bounds.none());
  }

  /**
   * As {@link #simulate(AutomationMap, List, Duration)}, stopping early (and saying {@code
   * truncated}) when a bound is reached: the timeline is then what the map did up to that point.
   */
  public Result simulate(
      AutomationMap map, List<TimedEvent> events, Duration until, Bounds bounds) {
    AutomationRun run = start(map);
    Instant begin = Instant.ofEpochMilli(env.currentTimeMillis());
    List<TimedEvent> ordered = new ArrayList<>(events);
    ordered.sort(Comparator.comparing(TimedEvent::after));
    WorkflowStub stub = WorkflowStub.fromTyped(run);
    Pace pace = new Pace();
    boolean stopped = false;
    for (TimedEvent timed : ordered) {
      stopped = !advance(run, begin.plus(timed.after()), bounds, pace);
      if (stopped || finished(stub)) {
        break;
      }
      run.event(timed.event());
    }
    if (!stopped) {
      stopped = !advance(run, begin.plus(until), bounds, pace);
    }
    // still running at the end of the preview: reported where it stands, without an outcome
    RunOutcome outcome = finished(stub) ? stub.getResult(RunOutcome.class) : null;
    Result result = report(map, run, outcome);
    if (!stopped && result.timeline().size() <= bounds.maxEntries()) {
      return result;
    }
    List<Entry> timeline = result.timeline();
    return new Result(
        timeline.size() > bounds.maxEntries()
            ? List.copyOf(timeline.subList(0, bounds.maxEntries()))
            : timeline,
        result.status(),
        result.outcome(),
        result.contact(),
        true);
  }

  /** How far one slice of virtual time moves; grows while the map is quiet, shrinks when busy. */
  private static final class Pace {
    Duration slice = FIRST_SLICE;
  }

  /**
   * Moves virtual time to {@code target} in slices, reading the bounds between them.
   *
   * @return false when a bound stopped it first
   */
  private boolean advance(AutomationRun run, Instant target, Bounds bounds, Pace pace) {
    if (bounds.maxEntries() == Integer.MAX_VALUE && bounds.deadline().equals(Instant.MAX)) {
      Duration left = Duration.between(Instant.ofEpochMilli(env.currentTimeMillis()), target);
      if (left.isPositive()) {
        env.sleep(left);
      }
      return true;
    }
    while (true) {
      Duration left = Duration.between(Instant.ofEpochMilli(env.currentTimeMillis()), target);
      if (!left.isPositive()) {
        return true;
      }
      if (bounds.spent() || run.status().path().size() >= bounds.maxEntries()) {
        return false;
      }
      long began = System.nanoTime();
      env.sleep(left.compareTo(pace.slice) < 0 ? left : pace.slice);
      long took = (System.nanoTime() - began) / 1_000_000;
      if (took > SLICE_MILLIS && pace.slice.toMillis() > 1000) {
        pace.slice = pace.slice.dividedBy(2);
      } else if (took < SLICE_MILLIS / 4 && pace.slice.toDays() < 365) {
        pace.slice = pace.slice.multipliedBy(2);
      }
    }
  }

  private static boolean finished(WorkflowStub stub) {
    return stub.describe().getWorkflowExecutionInfo().hasCloseTime();
  }

  /** The timeline and state of a run, read with its {@code status} query. */
  public Result report(AutomationMap map, AutomationRun run, RunOutcome outcome) {
    RunStatus status = run.status();
    List<Entry> timeline = new ArrayList<>();
    for (RunStatus.PathEntry p : status.path()) {
      Step step = map.step(p.step());
      timeline.add(
          new Entry(
              p.at(),
              p.step(),
              step == null ? null : StepTypes.nameOf(step.getClass()),
              p.outcome()));
    }
    return new Result(timeline, status, outcome, contact.snapshot(), false);
  }

  @Override
  public void close() {
    env.close();
  }
}
