package dev.automap.workers.routing;

import dev.automap.definitions.conditions.ConditionEvaluator;
import dev.automap.definitions.conditions.Facts;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.contacts.ContactFacts;
import dev.automap.workers.enrollment.EnrollmentService;
import dev.automap.workers.enrollment.EnrollmentState;
import dev.automap.workers.events.ContactEvent;
import dev.automap.workers.events.EventReference;
import dev.automap.workers.events.EventSink;
import dev.automap.workers.events.EventSource;
import dev.automap.workers.events.RaisedEvent;
import dev.automap.workers.run.AutomationRun;
import dev.automap.workers.store.ContactNotFound;
import dev.automap.workers.store.Enrollment;
import dev.automap.workers.store.EnrollmentRepository;
import dev.automap.workers.store.EventRecord;
import dev.automap.workers.store.EventRepository;
import dev.automap.workers.temporal.TemporalUnavailable;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each event about a contact: enrolls it in the active automations whose triggers match
 * (event triggers by type then {@code where}; segment triggers when the contact starts to meet
 * their condition), then signals the event to every run of the contact still going that can react
 * to it ({@link Listening}), so goals, {@code wait_for}, changed date fields and exit criteria
 * react.
 *
 * <p>Events of one contact are routed one after another, in the order they were raised, so an
 * enrollment and the events that follow it cannot pass each other in this process.
 */
@Singleton
public class EventRouter implements EventSink {
  private static final Logger LOG = LoggerFactory.getLogger(EventRouter.class);
  private static final Set<String> CONTACT_CHANGES =
      Set.of("contact.created", "contact.updated", "contact.tag_added", "contact.tag_removed");

  /** What routing one event did. */
  public record Routed(List<String> enrolled, List<String> signaled) {
    /** Routed elsewhere: another process claimed the event first. */
    static final Routed ELSEWHERE = new Routed(List.of(), List.of());
  }

  /** Ingested events this process stored and has queued for routing. */
  private final Set<String> pending = ConcurrentHashMap.newKeySet();

  private final TriggerIndex triggers;
  private final EnrollmentService enrollmentService;
  private final EnrollmentRepository enrollments;
  private final ContactFacts contactFacts;
  private final WorkflowClient client;
  private final List<ContactEventListener> listeners;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, CompletableFuture<?>> queues = new ConcurrentHashMap<>();

  /** Versions of a map never change: what each listens for is worked out once. */
  private final Map<String, Listening> listeningByVersion = new ConcurrentHashMap<>();

  private final AutomationCatalog catalog;
  private final EventRepository events;
  @jakarta.inject.Inject dev.automap.workers.metrics.EngineMetrics metrics;
  @jakarta.inject.Inject RoutedMarks routedMarks;

  /**
   * How many events are routed at once ({@code automap.routing.concurrency}): routing an event
   * holds a store connection, and a batch of events would otherwise take them all from the requests
   * that store the next batch. Events of one contact are routed one after another anyway.
   */
  private volatile java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(4);

  @jakarta.inject.Inject
  void routingConcurrency(
      @io.micronaut.context.annotation.Value("${automap.routing.concurrency:4}") int concurrency) {
    slots = new java.util.concurrent.Semaphore(Math.max(1, concurrency));
  }

  public EventRouter(
      TriggerIndex triggers,
      EnrollmentService enrollmentService,
      EnrollmentRepository enrollments,
      ContactFacts contactFacts,
      WorkflowClient client,
      List<ContactEventListener> listeners,
      AutomationCatalog catalog,
      EventRepository events) {
    this.catalog = catalog;
    this.events = events;
    this.triggers = triggers;
    this.enrollmentService = enrollmentService;
    this.enrollments = enrollments;
    this.contactFacts = contactFacts;
    this.client = client;
    this.listeners = listeners;
  }

  /**
   * Events raised by changes (actions, the contact API, the engine) are routed in the background.
   */
  @Override
  public void onRaised(RaisedEvent raised) {
    if (EventSource.INGEST.equals(raised.source().via())) {
      return; // ingestion routes its events itself and answers what they did
    }
    submit(raised);
  }

  /** Routes one event in its contact's order and waits for the outcome. */
  public Routed routeNow(RaisedEvent raised) {
    return submit(raised).join();
  }

  /** An ingested event this process has just stored, and what caused it. */
  public record Ingested(ContactEvent event, EventSource source) {}

  /**
   * Queues an ingested event this process has just stored for routing in its contact's order. When
   * its turn comes it is taken (marked as being routed here) unless another process claimed it
   * meanwhile, so it is routed once; a failure leaves it to {@link #recover()} once its claim runs
   * out.
   */
  public CompletableFuture<Routed> routeIngested(
      String accountId, ContactEvent event, EventSource source) {
    return routeIngested(accountId, List.of(new Ingested(event, source))).getFirst();
  }

  /**
   * Queues the events of one stored batch for routing together, in each contact's order: once every
   * earlier event of their contacts is routed, the running runs of all their contacts are read in
   * one query, each event is taken and routed in turn (Temporal is called only for the runs it
   * starts or signals), and the batch is recorded as routed in one statement. Each event's outcome
   * is its own: one that fails to route leaves the others routed and itself to {@link #recover()}.
   *
   * @return each event's routing, in the order given
   */
  public List<CompletableFuture<Routed>> routeIngested(String accountId, List<Ingested> batch) {
    long stored = System.nanoTime();
    List<CompletableFuture<Routed>> results = new ArrayList<>(batch.size());
    Set<String> queueKeys = new LinkedHashSet<>();
    for (Ingested in : batch) {
      String key = accountId + "\n" + in.event().id();
      pending.add(key);
      CompletableFuture<Routed> result = new CompletableFuture<>();
      result.whenComplete((r, e) -> pending.remove(key));
      results.add(result);
      queueKeys.add(accountId + ":" + in.event().contactId());
    }
    enqueue(queueKeys, () -> routeBatch(accountId, batch, results, stored));
    return results;
  }

  /**
   * Routes a queued batch: within its first seconds each event is this process's (no one may claim
   * it before created_at + 30 s, and created_at came before the insert returned); later it is taken
   * first.
   */
  private void routeBatch(
      String accountId,
      List<Ingested> batch,
      List<CompletableFuture<Routed>> results,
      long stored) {
    Routed[] outcomes = new Routed[batch.size()];
    try {
      java.util.concurrent.Semaphore held = slots;
      held.acquireUninterruptibly();
      try {
        Map<String, List<Enrollment>> running = runningOf(accountId, batch);
        Set<String> stale = new java.util.HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
          ContactEvent event = batch.get(i).event();
          EventSource source = batch.get(i).source();
          try {
            boolean mine =
                System.nanoTime() - stored < OWN_NANOS
                    || events.take(accountId, event.id(), CLAIM_SECONDS) == 1;
            if (!mine) {
              outcomes[i] = Routed.ELSEWHERE;
              continue;
            }
            List<Enrollment> known =
                running == null || stale.contains(event.contactId())
                    ? null
                    : running.getOrDefault(event.contactId(), List.of());
            outcomes[i] =
                routeOnly(
                    new RaisedEvent(
                        accountId, event, source == null ? EventSource.ingest() : source),
                    known,
                    stale);
          } catch (RuntimeException e) {
            stale.add(event.contactId()); // it may have started a run before it failed
            LOG.error(
                "routing event {} ({}) failed: {}", event.id(), event.type(), e.getMessage(), e);
            results.get(i).completeExceptionally(e);
          }
        }
      } finally {
        held.release();
      }
      List<String> routed = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        if (outcomes[i] != null && outcomes[i] != Routed.ELSEWHERE) {
          routed.add(batch.get(i).event().id());
        }
      }
      if (!routed.isEmpty()) {
        routedMarks.markAll(accountId, routed);
      }
      for (int i = 0; i < batch.size(); i++) {
        Routed r = outcomes[i];
        if (r == null) {
          continue;
        }
        if (metrics != null && r != Routed.ELSEWHERE) {
          EventSource source = batch.get(i).source();
          metrics.eventRouted(
              source == null ? EventSource.INGEST : source.via(),
              r.enrolled().size(),
              r.signaled().size(),
              java.time.Duration.ofNanos(System.nanoTime() - stored));
        }
        results.get(i).complete(r);
      }
    } catch (RuntimeException | Error e) {
      LOG.error("routing a batch of {} events failed: {}", batch.size(), e.getMessage(), e);
      results.forEach(r -> r.completeExceptionally(e));
    }
  }

  /**
   * The running enrollments of the batch's contacts, by contact, read in one query; null when they
   * could not be read (each event then reads its contact's own).
   */
  private Map<String, List<Enrollment>> runningOf(String accountId, List<Ingested> batch) {
    Set<String> contactIds = new LinkedHashSet<>();
    for (Ingested in : batch) {
      if (in.event().contactId() != null) {
        contactIds.add(in.event().contactId());
      }
    }
    if (contactIds.isEmpty()) {
      return Map.of();
    }
    try {
      Map<String, List<Enrollment>> byContact = new java.util.HashMap<>();
      for (Enrollment e : enrollments.runningOfAll(accountId, contactIds)) {
        byContact.computeIfAbsent(e.contactId(), c -> new ArrayList<>()).add(e);
      }
      return byContact;
    } catch (RuntimeException e) {
      LOG.warn(
          "running runs of {} contacts not read together: {}", contactIds.size(), e.getMessage());
      return null;
    }
  }

  /** Guards the order in which work joins the contacts' queues. */
  private final Object linking = new Object();

  /**
   * Runs {@code work} once everything queued earlier for any of these contacts has run, and before
   * anything queued for them later; {@code work} handles its own failures.
   */
  private void enqueue(Set<String> queueKeys, Runnable work) {
    CompletableFuture<?> tail;
    synchronized (linking) {
      List<CompletableFuture<?>> before = new ArrayList<>();
      for (String queue : queueKeys) {
        CompletableFuture<?> previous = queues.get(queue);
        if (previous != null) {
          before.add(previous);
        }
      }
      CompletableFuture<?> after =
          before.isEmpty()
              ? CompletableFuture.completedFuture(null)
              : before.size() == 1
                  ? before.getFirst()
                  : CompletableFuture.allOf(before.toArray(CompletableFuture<?>[]::new));
      tail =
          after.handleAsync(
              (ignored, failure) -> {
                work.run();
                return null;
              },
              executor);
      for (String queue : queueKeys) {
        queues.put(queue, tail);
      }
    }
    // the queue of a contact with nothing more to route goes away
    CompletableFuture<?> last = tail;
    tail.whenComplete((r, e) -> queueKeys.forEach(queue -> queues.remove(queue, last)));
  }

  private CompletableFuture<Routed> submit(RaisedEvent raised) {
    return submit(raised, () -> true);
  }

  private CompletableFuture<Routed> submit(
      RaisedEvent raised, java.util.function.BooleanSupplier mine) {
    long accepted = System.nanoTime();
    CompletableFuture<Routed> result = new CompletableFuture<>();
    enqueue(
        Set.of(raised.accountId() + ":" + raised.event().contactId()),
        () -> {
          try {
            Routed routed = mine.getAsBoolean() ? route(raised) : Routed.ELSEWHERE;
            if (metrics != null && routed != Routed.ELSEWHERE) {
              metrics.eventRouted(
                  raised.source() == null ? null : raised.source().via(),
                  routed.enrolled().size(),
                  routed.signaled().size(),
                  java.time.Duration.ofNanos(System.nanoTime() - accepted));
            }
            result.complete(routed);
          } catch (RuntimeException e) {
            LOG.error(
                "routing event {} ({}) failed: {}",
                raised.event().id(),
                raised.event().type(),
                e.getMessage(),
                e);
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  /**
   * Routes at once, on this thread, in one of the routing slots, and records that the event was
   * routed (outside the slot: the records of events routed meanwhile are written together).
   */
  Routed route(RaisedEvent raised) {
    java.util.concurrent.Semaphore held = slots;
    held.acquireUninterruptibly();
    Routed routed;
    try {
      routed = routeOnly(raised, null, new java.util.HashSet<>());
    } finally {
      held.release();
    }
    routedMarks.mark(raised.accountId(), raised.event().id());
    return routed;
  }

  /** How long a process that claims an unrouted event has to route it before another may. */
  static final int CLAIM_SECONDS = 30;

  /**
   * How long after storing an event this process routes it without taking it first: well inside the
   * 30 seconds its storer has (V21), leaving at least 20 of them to route it.
   */
  static final long OWN_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

  /**
   * Routes what was stored but never routed (the process that stored it stopped, or routing it
   * failed) once its routing time has passed, oldest first, in each contact's order. Any process
   * may run it at any time: each event is claimed before it is routed, so two processes never route
   * the same one, and an event whose routing fails is tried again once its claim runs out.
   *
   * @return how many events were routed
   */
  public int recover() {
    int routed = 0;
    while (true) {
      List<EventRecord> page = events.unrouted(500);
      int skipped = 0;
      for (EventRecord record : page) {
        if (pending.contains(record.accountId() + "\n" + record.id())) {
          skipped++; // queued here behind its contact's earlier events: routed in its turn
          continue;
        }
        if (routeClaimed(record).isPresent()) {
          routed++;
        }
      }
      if (page.size() < 500 || skipped > 0) {
        return routed;
      }
    }
  }

  /**
   * Routes a stored event that was never routed and whose routing time has passed (a resend of an
   * event a stopped process stored): empty when it is routed already or being routed elsewhere.
   */
  public java.util.Optional<Routed> routeStored(String accountId, String eventId) {
    return events.find(accountId, eventId).flatMap(this::routeClaimed);
  }

  private java.util.Optional<Routed> routeClaimed(EventRecord record) {
    if (events.claim(record.accountId(), record.id(), CLAIM_SECONDS) == 0) {
      return java.util.Optional.empty();
    }
    ContactEvent event =
        new ContactEvent(
            record.id(), record.type(), record.contactId(), record.occurredAt(), record.data());
    try {
      return java.util.Optional.of(
          routeNow(
              new RaisedEvent(record.accountId(), event, EventSource.fromMap(record.source()))));
    } catch (RuntimeException e) {
      LOG.warn(
          "event {} stored but not routed could not be routed yet (tried again in {} s): {}",
          record.id(),
          CLAIM_SECONDS,
          e.getMessage());
      return java.util.Optional.empty();
    }
  }

  /**
   * Routes one event. {@code known} are its contact's running runs when read already (null: read
   * them now); its contact joins {@code stale} when routing it may have changed them (a run started
   * or found gone), so that the contact's next event reads them afresh.
   */
  private Routed routeOnly(RaisedEvent raised, List<Enrollment> known, Set<String> stale) {
    ContactEvent event = raised.event();
    String accountId = raised.accountId();
    if (event.contactId() == null) {
      return new Routed(List.of(), List.of());
    }
    // the event's map shapes, made when something needs them: most events start and signal no run
    Shapes shapes = new Shapes(raised);
    for (ContactEventListener listener : listeners) {
      if (!listener.hears(event.type())) {
        continue;
      }
      try {
        listener.onContactEvent(accountId, shapes.asSeen());
      } catch (RuntimeException e) {
        LOG.warn(
            "{} could not take event {}: {}",
            listener.getClass().getSimpleName(),
            event.id(),
            e.getMessage());
      }
    }
    List<String> enrolled = new ArrayList<>();
    Set<String> started = new LinkedHashSet<>();
    TriggerIndex.AccountTriggers index = triggers.of(accountId);
    Facts facts = null;
    try {
      for (TriggerIndex.EventEntry entry : index.forType(event.type())) {
        if (entry.trigger().where() != null) {
          if (facts == null) {
            facts =
                contactFacts.load(
                    accountId, event.contactId(), Map.of(), shapes.asSeen(), Instant.now());
          }
          if (!ConditionEvaluator.shared().test(entry.trigger().where(), facts)) {
            continue;
          }
        }
        enroll(
            accountId,
            entry.key(),
            entry.version(),
            entry.map(),
            event,
            shapes.carried(),
            enrolled,
            started,
            "event");
      }
      if (CONTACT_CHANGES.contains(event.type()) && !index.segments().isEmpty()) {
        if (facts == null) {
          facts =
              contactFacts.load(
                  accountId, event.contactId(), Map.of(), shapes.asSeen(), Instant.now());
        }
        for (TriggerIndex.SegmentEntry entry : index.segments()) {
          boolean meets = ConditionEvaluator.shared().test(entry.trigger().segment(), facts);
          if (meets && enrollments.joinSegment(accountId, entry.key(), event.contactId()) == 1) {
            enroll(
                accountId,
                entry.key(),
                entry.version(),
                entry.map(),
                event,
                shapes.carried(),
                enrolled,
                started,
                "segment");
          } else if (!meets) {
            enrollments.leaveSegment(accountId, entry.key(), event.contactId());
          }
        }
      }
    } catch (ContactNotFound gone) {
      // the contact was deleted meanwhile: nothing to enroll, its runs still hear the event
    }
    List<String> signaled = new ArrayList<>();
    if (!started.isEmpty() || !enrolled.isEmpty()) {
      stale.add(event.contactId());
    }
    List<Enrollment> runs =
        known != null ? known : enrollments.runningOf(accountId, event.contactId());
    for (Enrollment running : runs) {
      if (started.contains(running.workflowId())) {
        continue; // the run started by this event has it as its input
      }
      if (!listening(accountId, running).hears(event.type())) {
        continue;
      }
      Map<String, Object> carried = shapes.carried();
      try {
        TemporalUnavailable.within(
            () -> {
              client.newWorkflowStub(AutomationRun.class, running.workflowId()).event(carried);
              return null;
            });
        signaled.add(running.workflowId());
      } catch (WorkflowNotFoundException e) {
        stale.add(event.contactId());
        enrollmentService.recordGone(
            running, EnrollmentState.ENDED.wire(), "the run was not found");
      } catch (RuntimeException e) {
        if (TemporalUnavailable.causes(e)) {
          // not routed: the sender is told to send it again, or it is routed again later
          throw TemporalUnavailable.classify(e, "event " + event.id() + " was not routed");
        }
        LOG.warn("event {} did not reach {}: {}", event.id(), running.workflowId(), e.getMessage());
      }
    }
    return new Routed(enrolled, signaled);
  }

  /**
   * What a running enrollment's map version listens for; a version that cannot be read hears all.
   */
  private Listening listening(String accountId, Enrollment running) {
    String versionKey = accountId + ":" + running.automationKey() + ":" + running.version();
    Listening known = listeningByVersion.get(versionKey);
    if (known != null) {
      return known;
    }
    Listening found;
    try {
      var automation = catalog.find(accountId, running.automationKey());
      found = Listening.of(catalog.load(automation, running.version()));
    } catch (RuntimeException e) {
      return new Listening(true, Set.of());
    }
    if (listeningByVersion.size() > 10_000) {
      listeningByVersion.clear();
    }
    listeningByVersion.put(versionKey, found);
    return found;
  }

  private void enroll(
      String accountId,
      String key,
      int version,
      dev.automap.definitions.model.AutomationMap map,
      ContactEvent event,
      Map<String, Object> carried,
      List<String> enrolled,
      Set<String> started,
      String kind) {
    // an event routed again (its process stopped before recording it routed) enrolls no one twice
    String routeKey = "route:" + accountId + ":" + event.id() + ":" + key;
    if (enrollmentService.startedBy(routeKey)) {
      return;
    }
    try {
      started.add(
          enrollmentService.enroll(
              accountId, version, map, event.contactId(), carried, null, routeKey));
      enrolled.add(key);
      if (metrics != null) {
        metrics.enrollmentStarted(kind);
      }
    } catch (EnrollmentService.EnrollmentRefused refused) {
      LOG.debug(
          "event {} does not enroll {} in {}: {}",
          event.id(),
          event.contactId(),
          key,
          refused.getMessage());
    }
  }

  /** An event's map shapes, each made once, when first asked for. */
  private static final class Shapes {
    private final RaisedEvent raised;
    private Map<String, Object> asSeen;
    private Map<String, Object> carried;

    Shapes(RaisedEvent raised) {
      this.raised = raised;
    }

    /** As runs and listeners see it. */
    Map<String, Object> asSeen() {
      if (asSeen == null) {
        asSeen = EventRouter.asSeen(raised.event(), raised.source());
      }
      return asSeen;
    }

    /** What runs are started with and signalled: kept in their history, so by reference. */
    Map<String, Object> carried() {
      if (carried == null) {
        carried = EventReference.of(asSeen());
      }
      return carried;
    }
  }

  /** The event as runs see it: the map-format shape plus what caused it ({@code fromStep}). */
  static Map<String, Object> asSeen(ContactEvent event, EventSource source) {
    Map<String, Object> map = new LinkedHashMap<>(event.asMap());
    if (source != null && source.via() != null) {
      map.put("source", source.asMap());
    }
    return map;
  }
}
