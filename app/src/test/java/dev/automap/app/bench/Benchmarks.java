package dev.automap.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.MapJson;
import dev.automap.workers.actions.ActionDispatcher;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.bulk.BulkConfig;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.embedded.EmbeddedServices;
import dev.automap.workers.enrollment.EnrollmentService;
import dev.automap.workers.preview.Simulator;
import dev.automap.workers.routing.TriggerIndex;
import dev.automap.workers.run.RunActivities;
import dev.automap.workers.run.RunInput;
import dev.automap.workers.run.RunOutcome;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The benchmark harness ({@code ./automap bench}): each measure beside its baseline, measured in
 * the same run against the Temporal server at {@code AUTOMAP_BENCH_TEMPORAL} (the CLI's dev server)
 * and an embedded PostgreSQL, printed and written to {@code AUTOMAP_BENCH_OUT} (BENCHMARKS.md).
 * {@code AUTOMAP_BENCH_SIZE=small} runs every measure at a size that takes a few minutes. The
 * benchmarks report; they assert only that each measure was taken.
 */
@Tag("bench")
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Benchmarks implements TestPropertyProvider {
  static final String KEY = "bench-key";
  static final String ACCOUNT = "default";
  static final String HAND_QUEUE = "bench-hand";

  final String size = setting("AUTOMAP_BENCH_SIZE", "full").toLowerCase(Locale.ROOT);
  final boolean small = "small".equals(size);

  /**
   * {@code medium}: the 20,000-contact measures at their size (the bulk job's runs are the parked
   * runs, so 20,000 starts are made once), the others smaller; under half the full size's time.
   */
  final boolean medium = "medium".equals(size);

  final String temporal = setting("AUTOMAP_BENCH_TEMPORAL", null);
  final String prefix = "b" + UUID.randomUUID().toString().substring(0, 6);
  final List<Report.Row> rows = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  final List<String> timings = new ArrayList<>();

  static EmbeddedServices services;
  static String dataDir;

  @Inject EmbeddedServer server;
  @Inject WorkflowClient client;
  @Inject AutomationCatalog catalog;
  @Inject EnrollmentService enrollments;
  @Inject ContactDirectory contacts;
  @Inject TriggerIndex triggers;
  @Inject ActionDispatcher actions;
  @Inject List<RunActivities> activities;
  @Inject JdbcOperations jdbc;
  @Inject BulkConfig bulkConfig;
  @Inject TransactionOperations<Connection> transactions;

  final HttpClient http = HttpClient.newHttpClient();

  /** The embedded PostgreSQL's data directory, whose processes the CPU per run is read of. */
  String postgresDir;

  WorkerFactory handWorkers;
  final List<String> contactIds = new ArrayList<>();

  static String setting(String name, String otherwise) {
    String value = EmbeddedServices.fromProcess(name);
    return value == null || value.isBlank() ? otherwise : value;
  }

  @Override
  public Map<String, String> getProperties() {
    if (temporal == null) {
      throw new IllegalStateException(
          "AUTOMAP_BENCH_TEMPORAL names the Temporal server to measure on: run ./automap bench");
    }
    try {
      String dir = Files.createTempDirectory("automap-bench-").toString();
      dataDir = dir;
      postgresDir = Path.of(dir, "postgres").toString();
      services =
          EmbeddedServices.startUnconfigured(
              Map.of("TEMPORAL_ADDRESS", temporal, "AUTOMAP_DATA_DIR", dir)::get);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Map<String, String> props = new HashMap<>();
    services.properties().forEach((k, v) -> props.put(k, String.valueOf(v)));
    props.put("temporal.address", temporal);
    props.put("temporal.task-queue", "bench-" + prefix);
    props.put("automap.bootstrap-api-key", KEY);
    props.put("micronaut.server.port", "-1");
    // bulk jobs start as fast as they can: the measure is the job's own speed, not its rate limit
    props.put("automap.bulk.rate", "1000000");
    return props;
  }

  @AfterAll
  void stop() {
    if (handWorkers != null) {
      handWorkers.shutdown();
    }
  }

  @Test
  void measure() throws Exception {
    long started = System.nanoTime();
    startHandWorker();
    for (int i = 0; i < 200; i++) {
      contactIds.add(contact("c" + i + "@" + prefix + ".bench"));
    }
    step("history events", this::historyEvents);
    step("runs per second", this::runsPerSecond);
    step("ingestion", this::ingestion);
    step("cost per event", this::costPerEvent);
    if (!medium) {
      step("parked runs", this::parkedRuns); // medium: measured by the bulk jobs' runs
    }
    step("simulate", this::simulate);
    step("history bytes", this::historyBytes);
    step("bulk enrollment", this::bulkEnrollment);
    notes.add("time per measure: " + String.join(", ", timings));
    String out = setting("AUTOMAP_BENCH_OUT", null);
    String text =
        Report.render(
            rows,
            notes,
            small ? "small" : medium ? "medium" : "full",
            Duration.ofNanos(System.nanoTime() - started),
            out == null ? null : Path.of(out));
    System.out.println(text);
    if (out != null && setting("AUTOMAP_BENCH_ONLY", null) == null) {
      Files.writeString(Path.of(out), text);
    }
  }

  interface Measure {
    void run() throws Exception;
  }

  void step(String name, Measure measure) {
    String only = setting("AUTOMAP_BENCH_ONLY", null);
    if (only != null && !List.of(only.split(",")).contains(name)) {
      return;
    }
    long t = System.nanoTime();
    System.out.println("bench: " + name + "...");
    try {
      measure.run();
    } catch (Exception | AssertionError e) {
      notes.add(name + " could not be measured: " + e);
      e.printStackTrace();
    }
    double took = (System.nanoTime() - t) / 1e9;
    System.out.printf("bench: %s took %.1f s%n", name, took);
    timings.add(String.format(Locale.ROOT, "%s %.0f s", name, took));
  }

  // ---- history events ---------------------------------------------------------------------

  void historyEvents() throws Exception {
    int five = interpretedEvents(Maps.fiveActions(prefix + "-five"), contactIds.get(0));
    int handFive = handEvents(HandWritten.FiveActions.class, contactIds.get(1), null);
    rows.add(
        Report.Row.ratio(
            "history events, 5-action map: interpreted ÷ hand-written",
            five,
            handFive,
            "events",
            1.05,
            true));
    int twenty = interpretedEvents(Maps.twentySteps(prefix + "-twenty", "PT1S"), contactIds.get(2));
    int handTwenty = handEvents(HandWritten.TwentySteps.class, contactIds.get(3), "PT1S");
    rows.add(
        Report.Row.ratio(
            "history events, 20-step map (11 actions, 5 waits, a branch, a goal): interpreted ÷"
                + " hand-written",
            twenty,
            handTwenty,
            "events",
            1.05,
            true));
  }

  int interpretedEvents(String json, String contactId) throws Exception {
    AutomationMap map = publish(json);
    String workflowId = enrollments.enroll(ACCOUNT, 1, map, contactId, null);
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
    stub.getResult(2, TimeUnit.MINUTES, RunOutcome.class);
    var events = client.fetchHistory(workflowId).getEvents();
    printTypes(map.key(), events);
    return events.size();
  }

  <T> int handEvents(Class<T> type, String contactId, String wait) throws Exception {
    String id = prefix + "-hand-" + type.getSimpleName() + "-" + contactId;
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            type == HandWritten.FiveActions.class ? "BenchFiveActions" : "BenchTwentySteps",
            WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(HAND_QUEUE).build());
    stub.start(new HandWritten.Input(ACCOUNT, "hand", contactId, wait));
    stub.getResult(2, TimeUnit.MINUTES, Void.class);
    var events = client.fetchHistory(id).getEvents();
    printTypes(type.getSimpleName(), events);
    return events.size();
  }

  /** Prints what a history holds, event type by event type: where the two sides differ. */
  static void printTypes(String who, List<io.temporal.api.history.v1.HistoryEvent> events) {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    for (var e : events) {
      counts.merge(e.getEventType().name().replace("EVENT_TYPE_", ""), 1, Integer::sum);
    }
    System.out.println("bench: history of " + who + ": " + events.size() + " events " + counts);
  }

  void startHandWorker() {
    handWorkers =
        WorkerFactory.newInstance(
            client, WorkerFactoryOptions.newBuilder().setUsingVirtualWorkflowThreads(true).build());
    var worker =
        handWorkers.newWorker(
            HAND_QUEUE,
            WorkerOptions.newBuilder().setUsingVirtualThreadsOnActivityWorker(true).build());
    worker.registerWorkflowImplementationTypes(
        HandWritten.FiveActionsImpl.class,
        HandWritten.TwentyStepsImpl.class,
        HandWritten.EmptyImpl.class);
    worker.registerActivitiesImplementations(actions);
    worker.registerActivitiesImplementations(activities.toArray());
    handWorkers.start();
  }

  // ---- completed runs per second ----------------------------------------------------------

  void runsPerSecond() throws Exception {
    int rounds = small ? 2 : medium ? 3 : 5;
    int perRound = small ? 20 : medium ? 50 : 100;
    AutomationMap map = publish(Maps.fiveActions(prefix + "-rate"));
    String taskQueue = "bench-" + prefix;
    double interpretedSeconds = 0;
    double handSeconds = 0;
    List<String> interpretedIds = new ArrayList<>();
    List<String> handIds = new ArrayList<>();
    String temporalDb = setting("AUTOMAP_BENCH_TEMPORAL_DB", null);
    CpuUse interpretedCpu = new CpuUse(0, 0, 0);
    CpuUse handCpu = new CpuUse(0, 0, 0);
    // a warm-up round of each, then interleaved rounds
    for (int round = -1; round < rounds; round++) {
      String tag = prefix + "-r" + (round + 1);
      CpuUse beforeInterpreted = CpuUse.now(temporalDb, postgresDir);
      double i =
          timeRuns(
              perRound,
              n -> {
                String contactId = contactIds.get(n % contactIds.size());
                WorkflowStub stub =
                    client.newUntypedWorkflowStub(
                        "AutomationRun",
                        WorkflowOptions.newBuilder()
                            .setWorkflowId(tag + "-i-" + n)
                            .setTaskQueue(taskQueue)
                            .build());
                stub.start(RunInput.of(ACCOUNT, map.key(), 1, contactId, map, null));
                return stub;
              });
      CpuUse beforeHand = CpuUse.now(temporalDb, postgresDir);
      double h =
          timeRuns(
              perRound,
              n -> {
                WorkflowStub stub =
                    client.newUntypedWorkflowStub(
                        "BenchFiveActions",
                        WorkflowOptions.newBuilder()
                            .setWorkflowId(tag + "-h-" + n)
                            .setTaskQueue(HAND_QUEUE)
                            .build());
                stub.start(
                    new HandWritten.Input(
                        ACCOUNT, "hand", contactIds.get(n % contactIds.size()), null));
                return stub;
              });
      CpuUse after = CpuUse.now(temporalDb, postgresDir);
      if (round >= 0) {
        interpretedCpu = interpretedCpu.plus(beforeHand, beforeInterpreted);
        handCpu = handCpu.plus(after, beforeHand);
        interpretedSeconds += i;
        handSeconds += h;
        for (int n = 0; n < perRound; n++) {
          interpretedIds.add(tag + "-i-" + n);
          handIds.add(tag + "-h-" + n);
        }
      }
    }
    for (boolean each : new boolean[] {false, true}) {
      System.out.println(
          "bench: runs/s, where a run's time goes (median ms per run, n per run):\n"
              + Latency.table(
                  "interp",
                  Latency.of(client, interpretedIds, each),
                  "hand",
                  Latency.of(client, handIds, each)));
    }
    int runs = rounds * perRound;
    System.out.println(
        "bench: runs/s, CPU per run (the rounds after the warm-up): interpreted "
            + interpretedCpu.perRun(runs)
            + "; hand-written "
            + handCpu.perRun(runs));
    rows.add(
        Report.Row.ratio(
            "completed runs/s of a 5-action map: interpreted ÷ hand-written (interleaved rounds of "
                + perRound
                + ")",
            runs / interpretedSeconds,
            runs / handSeconds,
            "runs/s",
            0.95,
            false));
  }

  interface Starter {
    WorkflowStub start(int n) throws Exception;
  }

  static double timeRuns(int count, Starter starter) throws Exception {
    long t = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> done = new ArrayList<>();
      for (int n = 0; n < count; n++) {
        int k = n;
        done.add(
            pool.submit(
                () -> starter.start(k).getResult(5, TimeUnit.MINUTES, Object.class) == null));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    return (System.nanoTime() - t) / 1e9;
  }

  // ---- ingestion --------------------------------------------------------------------------

  void ingestion() throws Exception {
    // rounds long enough that a GC pause or a scheduler hiccup on the shared cores does not decide
    // one (the raw side's round is about a second on a quiet machine), after both sides have
    // reached their steady speed
    int rounds = small ? 6 : 10;
    int perRound = small ? 4_000 : 10_000;
    int events = rounds * perRound;
    Warmed warmed = warmIngestion(small ? 30 : 50);
    List<String> sent = batches("in", events);
    List<String> raw = batches("raw", events);
    // interleaved rounds, each side first in every other one, so that neither has the machine to
    // itself longer and a noisy minute weighs on both
    long ingest = 0;
    long insert = 0;
    // CPU time of this JVM (client, app and routing; the raw side's client) while each side ran:
    // what a side costs here, which other processes on the machine move less than its time
    long postCpu = 0;
    long insertCpu = 0;
    long postDb = 0;
    long insertDb = 0;
    List<Double> ratios = new ArrayList<>();
    long compiledBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    long roundsStarted = System.nanoTime();
    int per = sent.size() / rounds;
    for (int r = 0; r < rounds; r++) {
      int from = r * per;
      int to = r == rounds - 1 ? sent.size() : from + per;
      long posted;
      long inserted;
      if (r % 2 == 0) {
        long cpu = cpuNanos();
        long db = databaseCpuNanos();
        posted = post(sent.subList(from, to), false);
        postCpu += cpuNanos() - cpu;
        postDb += databaseCpuNanos() - db;
        cpu = cpuNanos();
        db = databaseCpuNanos();
        inserted = rawInsert(raw.subList(from, to));
        insertCpu += cpuNanos() - cpu;
        insertDb += databaseCpuNanos() - db;
      } else {
        long cpu = cpuNanos();
        long db = databaseCpuNanos();
        inserted = rawInsert(raw.subList(from, to));
        insertCpu += cpuNanos() - cpu;
        insertDb += databaseCpuNanos() - db;
        cpu = cpuNanos();
        db = databaseCpuNanos();
        posted = post(sent.subList(from, to), false);
        postCpu += cpuNanos() - cpu;
        postDb += databaseCpuNanos() - db;
      }
      ingest += posted;
      insert += inserted;
      ratios.add((double) inserted / posted);
    }
    long answered = System.nanoTime();
    double compiledInRounds =
        (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compiledBefore)
            / ((answered - roundsStarted) / 1e6);
    boolean drained =
        waitUntil(
            Duration.ofMinutes(5),
            () -> unrouted(prefix + "-in-%") == 0 && unrouted(prefix + "-warm-%") == 0);
    double lag = (System.nanoTime() - answered) / 1e9;
    rows.add(
        Report.Row.ratio(
            "POST /v1/events (batches of 100) events/s ÷ a raw batched INSERT of the same rows",
            events / (ingest / 1e9),
            events / (insert / 1e9),
            "events/s",
            0.5,
            false));
    List<String> inOrder = new ArrayList<>();
    for (double ratio : ratios) {
      inOrder.add(String.format(Locale.ROOT, "%.3f", ratio));
    }
    notes.add(
        String.format(
            Locale.ROOT,
            "ingestion: %,d events a side in %d interleaved rounds of %,d after %,d warm-up events a"
                + " side (%s); ratio per round in order %s (%s); every one routed %.1f s after the"
                + " last was answered%s; CPU per 1,000 events, this JVM %.0f ms posting against %.0f"
                + " ms inserting, PostgreSQL %.0f against %.0f ms; the JIT compiled %.1f %% of the"
                + " rounds' time",
            events,
            rounds,
            perRound,
            warmed.events(),
            warmed.settled()
                ? String.format(
                    Locale.ROOT,
                    "until, 2 chunks running, the JIT compiled under 5 %% of the time and neither"
                        + " side's time a batch fell by more than 5 %%; %.1f %% in the last",
                    warmed.compiling() * 100)
                : String.format(
                    Locale.ROOT,
                    "the most it is given, not settled: the JIT compiled %.1f %% of the last chunk's"
                        + " time",
                    warmed.compiling() * 100),
            String.join(", ", inOrder),
            spread(ratios),
            lag,
            drained ? "" : " (NOT all routed within 5 minutes)",
            postCpu / 1e6 / (events / 1_000.0),
            insertCpu / 1e6 / (events / 1_000.0),
            postDb / 1e6 / (events / 1_000.0),
            insertDb / 1e6 / (events / 1_000.0),
            compiledInRounds * 100));
  }

  /** CPU time this JVM has used so far, all its threads. */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * CPU time the embedded PostgreSQL's processes (its postmaster, found by its data directory, and
   * the processes it started) have used so far, from /proc; 0 where there is none.
   */
  static long databaseCpuNanos() {
    long ticks = 0;
    try (var procs = Files.list(Path.of("/proc"))) {
      List<Path> all = procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList();
      String master = null;
      Map<String, long[]> stats = new HashMap<>(); // pid -> {ppid, utime + stime}
      for (Path p : all) {
        try {
          String stat = Files.readString(p.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          stats.put(
              p.getFileName().toString(),
              new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12])});
          if (master == null
              && dataDir != null
              && Files.readString(p.resolve("cmdline")).contains(dataDir)) {
            master = p.getFileName().toString();
          }
        } catch (IOException | RuntimeException gone) {
          // a process that ended meanwhile
        }
      }
      if (master == null) {
        return 0;
      }
      long parent = Long.parseLong(master);
      for (var e : stats.entrySet()) {
        if (e.getKey().equals(master) || e.getValue()[0] == parent) {
          ticks += e.getValue()[1];
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return ticks * 10_000_000L; // clock ticks of 10 ms
  }

  /** How much warm-up the ingestion measure took, and whether both sides had settled. */
  record Warmed(int events, boolean settled, double compiling) {}

  /**
   * Warms both sides, interleaved, in chunks of 1,000 events a side until they have settled: the
   * JIT compiled for under 5 % of the chunk's time (C2 compiling the POST path on the same 2 cores
   * otherwise takes a share of the rounds) and neither side's time a batch fell by more than 5 %
   * below its best earlier chunk, in each of the last 2 chunks (at least 4 chunks, at most {@code
   * most}).
   */
  Warmed warmIngestion(int most) throws Exception {
    var jit = ManagementFactory.getCompilationMXBean();
    double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
    int quiet = 0;
    int chunks = 0;
    double compiling = 1;
    boolean settled = false;
    while (chunks < most && !settled) {
      List<String> batch = batches("warm-" + chunks, 1_000);
      long[] took = new long[2];
      long compiled = jit.getTotalCompilationTime();
      long t = System.nanoTime();
      if (chunks % 2 == 0) {
        took[0] = post(batch, false);
        took[1] = rawInsert(batch);
      } else {
        took[1] = rawInsert(batch);
        took[0] = post(batch, false);
      }
      compiling = (jit.getTotalCompilationTime() - compiled) / ((System.nanoTime() - t) / 1e6);
      boolean falling = false;
      for (int side = 0; side < 2; side++) {
        falling |= took[side] < best[side] * 0.95;
        best[side] = Math.min(best[side], took[side]);
      }
      quiet = falling || compiling >= 0.05 ? 0 : quiet + 1;
      chunks++;
      settled = chunks >= 4 && quiet >= 2;
    }
    return new Warmed(chunks * 1_000, settled, compiling);
  }

  int unrouted(String like) {
    return jdbc.execute(
        c -> {
          try (var ps = c.prepareStatement("select count(*) from event_outbox where id like ?")) {
            ps.setString(1, like);
            try (var rs = ps.executeQuery()) {
              rs.next();
              return rs.getInt(1);
            }
          }
        });
  }

  /** Batches of 100 events, as JSON arrays, over the benchmark's contacts. */
  List<String> batches(String run, int events) {
    List<String> out = new ArrayList<>();
    StringBuilder batch = new StringBuilder();
    for (int i = 0; i < events; i++) {
      batch
          .append(batch.isEmpty() ? "[" : ",")
          .append(
              "{\"id\":\"%s-%s-%d\",\"type\":\"page.viewed\",\"contactId\":\"%s\",\"data\":{\"url\":\"/pricing\",\"n\":%d}}"
                  .formatted(prefix, run, i, contactIds.get(i % contactIds.size()), i));
      if ((i + 1) % 100 == 0 || i + 1 == events) {
        out.add(batch.append("]").toString());
        batch.setLength(0);
      }
    }
    return out;
  }

  /** Sends the batches one after another; the time taken. */
  long post(List<String> batches, boolean wait) throws Exception {
    long t = System.nanoTime();
    for (String batch : batches) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(server.getURL() + "/v1/events" + (wait ? "?wait=true" : "")))
                  .header("Authorization", "Bearer " + KEY)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(batch))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 202 || response.body().contains("\"accepted\":false")) {
        throw new IllegalStateException(
            "POST /v1/events answered " + response.statusCode() + ": " + response.body());
      }
    }
    return System.nanoTime() - t;
  }

  /** The same rows inserted with JDBC batches of 100, one transaction each; the time taken. */
  long rawInsert(List<String> batches) {
    jdbc.execute(
        c ->
            c.createStatement()
                .execute(
                    // the events table's columns, defaults, indexes and its foreign key to
                    // accounts (which `like` does not copy): the same work per row
                    "create table if not exists bench_events (like events including all,"
                        + " foreign key (account_id) references accounts (id))"));
    long t = System.nanoTime();
    for (String batch : batches) {
      JsonNode events = readTree(batch);
      transactions.executeWrite(
          status -> {
            try (var ps =
                status
                    .getConnection()
                    .prepareStatement(
                        """
                insert into bench_events (id, account_id, type, contact_id, occurred_at, data, source)
                values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb) on conflict do nothing""")) {
              for (JsonNode e : events) {
                ps.setString(1, e.get("id").asText());
                ps.setString(2, ACCOUNT);
                ps.setString(3, e.get("type").asText());
                ps.setString(4, e.get("contactId").asText());
                ps.setTimestamp(5, Timestamp.from(Instant.now()));
                ps.setString(6, e.get("data").toString());
                ps.setString(7, "{\"via\":\"ingest\"}");
                ps.addBatch();
              }
              ps.executeBatch();
            }
            return null;
          });
    }
    return System.nanoTime() - t;
  }

  static JsonNode readTree(String json) {
    try {
      return MapJson.mapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- cost per event as automations grow ---------------------------------------------------

  void costPerEvent() throws Exception {
    int events = small ? 1_000 : medium ? 2_000 : 5_000;
    publish(Maps.listener(prefix + "-l0", 0));
    triggers.clear();
    post(batches("one-warm", 500), true);
    long one = post(batches("one", events), true);
    for (int i = 1; i < 1_000; i++) {
      publish(Maps.listener(prefix + "-l" + i, i));
    }
    triggers.clear();
    post(batches("many-warm", 500), true);
    long many = post(batches("many", events), true);
    rows.add(
        Report.Row.ratio(
            "cost per routed event (?wait=true, batches of 100): 1,000 active automations ÷ 1",
            many / 1e3 / events,
            one / 1e3 / events,
            "µs/event",
            1.2,
            true));
  }

  // ---- parked runs ------------------------------------------------------------------------

  void parkedRuns() throws Exception {
    int few = small ? 50 : 1_000;
    int many = small ? 500 : 20_000;
    AutomationMap map = publish(Maps.waitingFirst(prefix + "-park", 2));
    Path db = Path.of(setting("AUTOMAP_BENCH_TEMPORAL_DB", "/nonexistent"));
    park(map, 0, few);
    long heapFew = heapAfterGc();
    long dbFew = Files.exists(db) ? Files.size(db) : -1;
    park(map, few, many);
    long heapMany = heapAfterGc();
    long dbMany = Files.exists(db) ? Files.size(db) : -1;
    rows.add(
        Report.Row.ratio(
            String.format(
                Locale.ROOT,
                "JVM heap after GC (app + worker): %,d runs parked on a 30-day wait ÷ %,d",
                many,
                few),
            heapMany / 1e6,
            heapFew / 1e6,
            "MB",
            1.2,
            true));
    if (dbFew > 0) {
      notes.add(
          String.format(
              Locale.ROOT,
              "Temporal dev server database: %.1f KB more per parked run (%,d → %,d bytes for %,d"
                  + " more runs; SQLite, including visibility)",
              (dbMany - dbFew) / 1024.0 / (many - few),
              dbFew,
              dbMany,
              many - few));
    }
  }

  void park(AutomationMap map, int from, int to) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      List<Future<?>> done = new ArrayList<>();
      for (int i = from; i < to; i++) {
        String contactId = prefix + "-parked-" + i;
        done.add(pool.submit(() -> enrollments.enroll(ACCOUNT, 1, map, contactId, null)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    String query = "AutomationKey='" + map.key() + "' AND RunState='waiting'";
    if (!waitUntil(Duration.ofMinutes(10), () -> client.countWorkflows(query).getCount() >= to)) {
      throw new IllegalStateException("runs did not all park: " + query);
    }
  }

  /** The heap and the Temporal database's size once {@code count} runs of the map are parked. */
  record Parked(int runs, long heap, long db) {}

  Parked parked(AutomationMap map, int count) throws InterruptedException {
    String query = "AutomationKey='" + map.key() + "' AND RunState='waiting'";
    if (!waitUntil(
        Duration.ofMinutes(30), () -> client.countWorkflows(query).getCount() >= count)) {
      throw new IllegalStateException("runs did not all park: " + query);
    }
    Path db = Path.of(setting("AUTOMAP_BENCH_TEMPORAL_DB", "/nonexistent"));
    long heap = heapAfterGc();
    long size = -1;
    try {
      size = Files.exists(db) ? Files.size(db) : -1;
    } catch (IOException e) {
      // unknown
    }
    return new Parked(count, heap, size);
  }

  void parkedRow(Parked few, Parked many, String how) {
    rows.add(
        Report.Row.ratio(
            String.format(
                Locale.ROOT,
                "JVM heap after GC (app + worker): %,d runs parked on a 30-day wait ÷ %,d (%s)",
                many.runs(),
                few.runs(),
                how),
            many.heap() / 1e6,
            few.heap() / 1e6,
            "MB",
            1.2,
            true));
    if (few.db() > 0) {
      notes.add(
          String.format(
              Locale.ROOT,
              "Temporal dev server database: %.1f KB more per parked run (%,d → %,d bytes for %,d"
                  + " more runs, %s; SQLite, including visibility)",
              (many.db() - few.db()) / 1024.0 / (many.runs() - few.runs()),
              few.db(),
              many.db(),
              many.runs() - few.runs(),
              how));
    }
  }

  static long heapAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(300);
      least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
    }
    return least;
  }

  // ---- simulate ---------------------------------------------------------------------------

  void simulate() {
    AutomationMap journey = MapJson.parse(Maps.twentySteps("journey", "P18D")).map();
    AutomationMap instant = MapJson.parse(Maps.twentySteps("journey", null)).map();
    int reps = small || medium ? 11 : 15;
    simulateOnce(journey);
    simulateOnce(instant);
    List<Long> withWaits = new ArrayList<>();
    List<Long> zero = new ArrayList<>();
    List<Double> pairs = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      // each pair in turn order, so that a slow moment falls on either side
      if (i % 2 == 0) {
        withWaits.add(simulateOnce(journey));
        zero.add(simulateOnce(instant));
      } else {
        zero.add(simulateOnce(instant));
        withWaits.add(simulateOnce(journey));
      }
      pairs.add((double) withWaits.getLast() / zero.getLast());
    }
    notes.add("simulate: ratio of each pair " + spread(pairs));
    rows.add(
        Report.Row.ratio(
            "simulate a 90-day, 20-step journey (5 waits of 18 days) ÷ the same map without waits"
                + " (median of "
                + reps
                + ")",
            median(withWaits) / 1e6,
            median(zero) / 1e6,
            "ms",
            1.5,
            true));
  }

  static long simulateOnce(AutomationMap map) {
    long t = System.nanoTime();
    try (Simulator sim = new Simulator(Map.of("id", "sim-contact"), null, Map.of())) {
      var result = sim.simulate(map, List.of(), Duration.ofDays(90));
      if (result.timeline().isEmpty()) {
        throw new IllegalStateException("the simulation did nothing");
      }
    }
    return System.nanoTime() - t;
  }

  /** The lowest, highest and median of some ratios: "0.412 to 0.533, median 0.470". */
  static String spread(List<Double> ratios) {
    List<Double> sorted = ratios.stream().sorted().toList();
    return String.format(
        Locale.ROOT,
        "%.3f to %.3f, median %.3f",
        sorted.getFirst(),
        sorted.getLast(),
        sorted.get(sorted.size() / 2));
  }

  static double median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  // ---- history bytes ----------------------------------------------------------------------

  void historyBytes() {
    long large = waitingHistoryBytes(publish(Maps.waitingFirst(prefix + "-big", 99)), "big");
    long little = waitingHistoryBytes(publish(Maps.waitingFirst(prefix + "-little", 4)), "little");
    rows.add(
        Report.Row.ratio(
            "history bytes of a run waiting on its first step: 100-step map ÷ 5-step map",
            large,
            little,
            "bytes",
            3,
            true));
  }

  long waitingHistoryBytes(AutomationMap map, String who) {
    String workflowId = enrollments.enroll(ACCOUNT, 1, map, prefix + "-" + who, null);
    String query = "WorkflowId='" + workflowId + "' AND RunState='waiting'";
    if (!waitUntil(Duration.ofMinutes(1), () -> client.countWorkflows(query).getCount() == 1)) {
      throw new IllegalStateException(workflowId + " did not reach its wait");
    }
    History history = client.fetchHistory(workflowId).getHistory();
    return history.getSerializedSize();
  }

  // ---- bulk enrollment --------------------------------------------------------------------

  /**
   * A bulk job (POST .../enrollments/bulk, followed on GET /v1/jobs/{id}) enrolling N contacts in a
   * map whose runs park on a wait, beside a client starting N empty workflows with as many starts
   * at once as a job makes ({@code automap.bulk.concurrency}), halves of it before and after.
   */
  void bulkEnrollment() throws Exception {
    // AUTOMAP_BENCH_BULK_N: another number of contacts, for a quicker look at this measure alone
    int n = Integer.parseInt(setting("AUTOMAP_BENCH_BULK_N", small ? "500" : "20000"));
    int concurrency = bulkConfig.concurrency();
    AutomationMap map = publish(Maps.waitingFirst(prefix + "-bulk", 1));
    int few = medium ? 1_000 : 100;
    List<String> warm = bulkContacts("bulkwarm", few);
    List<String> targets = bulkContacts("bulk", n);
    bulkJob(map.key(), warm);
    Parked before = medium ? parked(map, few) : null;
    startEmpty("warm", 0, 100, concurrency);
    long empty = startEmpty("e", 0, n / 2, concurrency);
    long bulk = bulkJob(map.key(), targets);
    long jobDone = System.nanoTime();
    empty += startEmpty("e", n / 2, n, concurrency);
    // the job is done when its runs have started; their first workflow tasks (which reach the
    // wait) may still be queued behind the starts: how long after the job they all stood there
    String atWait = "AutomationKey='" + map.key() + "' AND RunState='waiting'";
    if (waitUntil(
        Duration.ofMinutes(30), () -> client.countWorkflows(atWait).getCount() >= few + n)) {
      notes.add(
          String.format(
              Locale.ROOT,
              "bulk enrollment: the job's %,d runs all stood at their first wait %.1f s after the"
                  + " job completed (the baseline's second half, %,d empty starts, ran meanwhile)",
              n,
              (System.nanoTime() - jobDone) / 1e9,
              n - n / 2));
    }
    if (before != null) {
      parkedRow(before, parked(map, few + n), "parked by bulk jobs");
    }
    rows.add(
        Report.Row.ratio(
            String.format(
                Locale.ROOT,
                "bulk enrollment of %,d contacts (one job, POST .../enrollments/bulk): starts/s ÷"
                    + " a client starting %,d empty workflows, %d at once",
                n,
                n,
                concurrency),
            n / (bulk / 1e9),
            n / (empty / 1e9),
            "starts/s",
            0.8,
            false));
  }

  /** N new contacts, stored in one statement (their setup is not measured); their ids. */
  List<String> bulkContacts(String tag, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(String.format(Locale.ROOT, "c_%s%s%06d", prefix, tag, i));
    }
    transactions.executeWrite(
        status -> {
          try (var ps =
              status
                  .getConnection()
                  .prepareStatement(
                      "insert into contacts (id, account_id, email) select id, ?, id || '@bench'"
                          + " from unnest(?::text[]) as t(id)")) {
            ps.setString(1, ACCOUNT);
            ps.setArray(2, status.getConnection().createArrayOf("text", ids.toArray()));
            ps.executeUpdate();
          }
          return null;
        });
    return ids;
  }

  /** Runs one bulk job over the contacts through the API until it completes; the time taken. */
  long bulkJob(String key, List<String> contactIds) throws Exception {
    StringBuilder body = new StringBuilder("{\"contactIds\":[");
    for (int i = 0; i < contactIds.size(); i++) {
      body.append(i == 0 ? "\"" : ",\"").append(contactIds.get(i)).append('"');
    }
    body.append("]}");
    long t = System.nanoTime();
    HttpResponse<String> started =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(server.getURL() + "/v1/automations/" + key + "/enrollments/bulk"))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (started.statusCode() != 202) {
      throw new IllegalStateException(
          "bulk enrollment answered " + started.statusCode() + ": " + started.body());
    }
    String jobId = readTree(started.body()).get("jobId").asText();
    JsonNode job = null;
    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
    while (System.nanoTime() < deadline) {
      job =
          readTree(
              http.send(
                      HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/jobs/" + jobId))
                          .header("Authorization", "Bearer " + KEY)
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      if (!"running".equals(job.path("state").asText())) {
        break;
      }
      Thread.sleep(50);
    }
    long took = System.nanoTime() - t;
    if (job == null
        || !"completed".equals(job.path("state").asText())
        || job.path("enrolled").asLong() != contactIds.size()) {
      throw new IllegalStateException("bulk job " + jobId + " did not enroll everyone: " + job);
    }
    return took;
  }

  /** Starts the empty workflows {@code from} to {@code to}, {@code at} at once; the time taken. */
  long startEmpty(String tag, int from, int to, int at) throws Exception {
    long t = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(at)) {
      List<Future<?>> done = new ArrayList<>();
      for (int i = from; i < to; i++) {
        String id = prefix + "-empty-" + tag + "-" + i;
        done.add(
            pool.submit(
                () ->
                    WorkflowClient.start(
                        client.newWorkflowStub(
                                HandWritten.Empty.class,
                                WorkflowOptions.newBuilder()
                                    .setWorkflowId(id)
                                    .setTaskQueue(HAND_QUEUE)
                                    .build())
                            ::run,
                        id)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    return System.nanoTime() - t;
  }

  // ---- shared -----------------------------------------------------------------------------

  AutomationMap publish(String json) {
    AutomationMap map = MapJson.parse(json).map();
    catalog.saveDraft(ACCOUNT, map, null);
    catalog.publish(ACCOUNT, map.key());
    return map;
  }

  String contact(String email) {
    return contacts
        .create(
            ACCOUNT,
            new ContactDirectory.NewContact(
                email, null, null, null, null, null, null, null, null, null))
        .contact()
        .id();
  }

  static boolean waitUntil(Duration limit, BooleanSupplier done) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }
}
