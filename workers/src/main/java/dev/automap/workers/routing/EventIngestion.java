package dev.automap.workers.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.problems.Problem;
import dev.automap.workers.contacts.ContactAddresses;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.contacts.ContactProblem;
import dev.automap.workers.events.ContactEvent;
import dev.automap.workers.events.EventLog;
import dev.automap.workers.events.EventSource;
import dev.automap.workers.events.JsonValues;
import dev.automap.workers.store.EventRecord;
import dev.automap.workers.store.Message;
import dev.automap.workers.store.MessageRepository;
import jakarta.inject.Singleton;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events sent in from outside ({@code POST /v1/events}, inbound webhooks): each is checked on its
 * own, its contact found (or created from {@code contact: {email|phone}}), the batch stored in one
 * transaction, once by each {@code id}, and each event routed in its contact's order (the answer
 * waits for routing only when asked to). An event whose {@code data.messageId} names a message of
 * the account is attributed to the run and step that sent it (so {@code fromStep} matches it), and
 * needs no contact of its own: the message names it.
 */
@Singleton
public class EventIngestion {
  static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+");
  static final int MAX_ID = 200;
  private static final Logger LOG = LoggerFactory.getLogger(EventIngestion.class);

  /** What became of one event: a problem list when it was refused. */
  public record Outcome(
      String id,
      boolean duplicate,
      boolean differs,
      List<String> enrolled,
      List<String> signaled,
      List<Problem> errors) {
    public Outcome(
        String id,
        boolean duplicate,
        List<String> enrolled,
        List<String> signaled,
        List<Problem> errors) {
      this(id, duplicate, false, enrolled, signaled, errors);
    }

    public boolean accepted() {
      return errors.isEmpty();
    }
  }

  private final EventLog events;
  private final ContactDirectory contacts;
  private final EventRouter router;

  private final MessageRepository messageRows;

  public EventIngestion(
      EventLog events,
      ContactDirectory contacts,
      EventRouter router,
      MessageRepository messageRows) {
    this.messageRows = messageRows;
    this.events = events;
    this.contacts = contacts;
    this.router = router;
  }

  /**
   * Takes one event and waits for its routing; problems name their place under {@code at} (a JSON
   * Pointer prefix).
   */
  public Outcome ingest(String accountId, JsonNode node, String at) {
    return ingestAll(accountId, List.of(node), List.of(at), true).getFirst();
  }

  /** An event checked: refused with problems, or ready to store. */
  private record Checked(
      Outcome refused,
      ContactEvent event,
      boolean timed,
      String at,
      EventSource source,
      boolean named,
      String id,
      String data) {
    Checked(Outcome refused, ContactEvent event, boolean timed, String at, EventSource source) {
      this(refused, event, timed, at, source, false, null, null);
    }
  }

  /**
   * Takes a batch: each event is checked on its own, the accepted ones are stored in one
   * transaction, then routed in their contacts' order. With {@code wait} the answer waits for
   * routing and says what it did (a failure to route then keeps nothing of that event, so that it
   * can be sent again); without, routing follows asynchronously, exactly once, retried from the
   * stored event when it fails or this process stops.
   *
   * @param at where each event is in the request (a JSON Pointer prefix), as many as {@code nodes}
   */
  public List<Outcome> ingestAll(
      String accountId, List<JsonNode> nodes, List<String> at, boolean wait) {
    List<Checked> checked = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      checked.add(check(accountId, nodes.get(i), at.get(i)));
    }
    // stored in one statement, which also checks that the contacts named by contactId are the
    // account's: an event whose contact is not is refused and not stored
    List<ContactEvent> batch = new ArrayList<>();
    List<EventSource> causes = new ArrayList<>();
    List<Boolean> checks = new ArrayList<>();
    List<String> data = new ArrayList<>();
    for (Checked c : checked) {
      if (c.event() != null) {
        batch.add(c.event());
        causes.add(c.source());
        checks.add(c.named());
        data.add(c.data());
      }
    }
    EventLog.Recorded recorded = events.recordChecked(accountId, batch, causes, checks, data);
    Set<String> stored = recorded.stored();
    if (!recorded.missingContacts().isEmpty()) {
      for (int i = 0; i < checked.size(); i++) {
        Checked c = checked.get(i);
        if (c.event() != null
            && c.named()
            && recorded.missingContacts().contains(c.event().contactId())) {
          checked.set(
              i,
              new Checked(
                  refused(
                      c.id(),
                      List.of(
                          new Problem(
                              c.at() + "/contactId",
                              "no contact \"" + c.event().contactId() + "\""))),
                  null,
                  false,
                  c.at(),
                  null,
                  false,
                  null,
                  null));
        }
      }
    }
    // the events stored now are routed together, in their contacts' order
    Set<String> first = new HashSet<>();
    List<Checked> fresh = new ArrayList<>();
    List<EventRouter.Ingested> toRoute = new ArrayList<>();
    for (Checked c : checked) {
      if (c.event() != null && stored.contains(c.event().id()) && first.add(c.event().id())) {
        fresh.add(c);
        toRoute.add(new EventRouter.Ingested(c.event(), c.source()));
      }
    }
    Map<Checked, CompletableFuture<EventRouter.Routed>> routings =
        new java.util.IdentityHashMap<>();
    if (!toRoute.isEmpty()) {
      List<CompletableFuture<EventRouter.Routed>> queued = router.routeIngested(accountId, toRoute);
      for (int i = 0; i < fresh.size(); i++) {
        routings.put(fresh.get(i), queued.get(i));
      }
    }
    List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
    for (Checked c : checked) {
      if (c.event() == null) {
        outcomes.add(CompletableFuture.completedFuture(c.refused()));
      } else if (routings.containsKey(c)) {
        outcomes.add(routeNew(accountId, c, wait, routings.get(c)));
      } else {
        outcomes.add(duplicate(accountId, c, wait));
      }
    }
    List<Outcome> results = new ArrayList<>();
    for (CompletableFuture<Outcome> o : outcomes) {
      results.add(wait ? joined(o) : o.getNow(null));
    }
    return results;
  }

  private CompletableFuture<Outcome> routeNew(
      String accountId, Checked c, boolean wait, CompletableFuture<EventRouter.Routed> routing) {
    ContactEvent event = c.event();
    if (!wait) {
      return CompletableFuture.completedFuture(
          new Outcome(event.id(), false, List.of(), List.of(), List.of()));
    }
    return routing.handle(
        (routed, failure) -> {
          if (failure == null) {
            return new Outcome(
                event.id(), false, routed.enrolled(), routed.signaled(), List.<Problem>of());
          }
          RuntimeException e =
              failure instanceof java.util.concurrent.CompletionException ce
                      && ce.getCause() instanceof RuntimeException r
                  ? r
                  : failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
          LOG.warn(
              "Event {} of account {} not routed: {}", event.id(), accountId, rootMessage(e), e);
          events.forget(accountId, event.id());
          if (dev.automap.workers.temporal.TemporalUnavailable.causes(e)) {
            throw dev.automap.workers.temporal.TemporalUnavailable.classify(
                e, "event " + event.id() + " was not kept");
          }
          return refused(
              event.id(),
              List.of(
                  new Problem(
                      c.at(),
                      "not routed (a failure on our side); nothing was kept: send it again")));
        });
  }

  /**
   * A repeated id: the stored event stands. One stored but never routed (the process that took it
   * stopped) is routed now, once its storer's time has run out.
   */
  private CompletableFuture<Outcome> duplicate(String accountId, Checked c, boolean wait) {
    ContactEvent event = c.event();
    boolean differs =
        events
            .find(accountId, event.id())
            .map(stored -> differs(stored, event, c.timed()))
            .orElse(false);
    if (!wait) {
      return CompletableFuture.completedFuture(
          new Outcome(event.id(), true, differs, List.of(), List.of(), List.of()));
    }
    return CompletableFuture.completedFuture(
        router
            .routeStored(accountId, event.id())
            .map(
                r ->
                    new Outcome(
                        event.id(), true, differs, r.enrolled(), r.signaled(), List.<Problem>of()))
            .orElseGet(
                () -> new Outcome(event.id(), true, differs, List.of(), List.of(), List.of())));
  }

  private static Outcome joined(CompletableFuture<Outcome> outcome) {
    try {
      return outcome.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  private Checked check(String accountId, JsonNode node, String at) {
    List<Problem> problems = new ArrayList<>();
    if (node == null || !node.isObject()) {
      return new Checked(
          refused(null, List.of(new Problem(at, "an event is an object"))), null, false, at, null);
    }
    String type = text(node, "type");
    if (type == null) {
      problems.add(new Problem(at + "/type", "required"));
    } else if (type.length() > 200 || !TYPE.matcher(type).matches()) {
      problems.add(new Problem(at + "/type", "must be a dotted name such as form.submitted"));
    }
    String id = text(node, "id");
    if (id != null && (id.isBlank() || id.length() > MAX_ID)) {
      problems.add(new Problem(at + "/id", "must be 1 to " + MAX_ID + " characters"));
    }
    Instant occurredAt = Instant.now();
    String when = text(node, "occurredAt");
    if (when != null) {
      try {
        occurredAt = Instant.parse(when);
      } catch (DateTimeException e) {
        problems.add(new Problem(at + "/occurredAt", "must be an ISO-8601 instant"));
      }
    }
    JsonNode data = node.get("data");
    if (data != null && !data.isNull() && !data.isObject()) {
      problems.add(new Problem(at + "/data", "must be an object"));
    }
    if (!problems.isEmpty()) {
      return new Checked(refused(id, problems), null, false, at, null);
    }
    Message sentBy = sentBy(accountId, data);
    String contactId;
    if (sentBy != null && sentBy.contactId() != null) {
      // the message names its contact; one the event names must be that one (and is never made)
      contactId = sentBy.contactId();
      if (!namesContact(accountId, node, contactId)) {
        problems.add(
            new Problem(
                at + "/data/messageId",
                "message \"" + sentBy.id() + "\" was not sent to this event's contact"));
      }
    } else {
      try {
        contactId = contact(accountId, node, at, problems);
      } catch (ContactProblem e) {
        problems.add(new Problem(at + "/contact", e.getMessage()));
        contactId = null;
      }
    }
    if (!problems.isEmpty()) {
      return new Checked(refused(id, problems), null, false, at, null);
    }
    // an answer to a message belongs to the run and step that sent it: fromStep matches it
    EventSource source =
        sentBy == null || sentBy.workflowId() == null
            ? EventSource.ingest()
            : EventSource.ingest(sentBy.workflowId(), sentBy.stepId());
    // the data as sent, read once from the parsed tree: as values for routing, as text to store
    Map<String, Object> values = data == null || data.isNull() ? Map.of() : JsonValues.object(data);
    String stored;
    try {
      stored = data == null || data.isNull() ? "{}" : MapJson.mapper().writeValueAsString(data);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("event data is not JSON", e);
    }
    ContactEvent event =
        new ContactEvent(
            id == null ? dev.automap.workers.store.Ids.next("evt") : id,
            type,
            contactId,
            occurredAt,
            values);
    // a contactId the event names (and no message named) is looked for as the event is stored
    boolean named =
        (sentBy == null || sentBy.contactId() == null) && text(node, "contactId") != null;
    return new Checked(null, event, when != null, at, source, named, id, stored);
  }

  /** Whether the contact the event names, if it names one, is this contact. */
  private boolean namesContact(String accountId, JsonNode node, String contactId) {
    String named = text(node, "contactId");
    if (named != null) {
      return named.equals(contactId);
    }
    JsonNode contact = node.get("contact");
    if (contact == null || contact.isNull()) {
      return true;
    }
    String email = text(contact, "email");
    String phone = text(contact, "phone");
    try {
      Optional<ContactDirectory.ContactView> found =
          email != null
              ? contacts.findByEmail(accountId, email)
              : phone != null
                  ? contacts.findByPhone(accountId, ContactAddresses.phone(phone))
                  : Optional.empty();
      return found.map(c -> c.contact().id().equals(contactId)).orElse(false);
    } catch (ContactProblem e) {
      return false;
    }
  }

  /** The message of the account that {@code data.messageId} names, if any. */
  private Message sentBy(String accountId, JsonNode data) {
    if (data == null || !data.isObject()) {
      return null;
    }
    JsonNode messageId = data.get("messageId");
    if (messageId == null || !messageId.isTextual() || messageId.asText().length() > MAX_ID) {
      return null;
    }
    return messageRows
        .findById(messageId.asText())
        .filter(m -> m.accountId().equals(accountId))
        .orElse(null);
  }

  /**
   * Whether a re-sent event says something else than the stored one with its id: another type,
   * contact or data, or (when the sender gave one) another time.
   */
  static boolean differs(EventRecord stored, ContactEvent sent, boolean timed) {
    if (!Objects.equals(stored.type(), sent.type())
        || !Objects.equals(stored.contactId(), sent.contactId())) {
      return true;
    }
    if (timed
        && !stored
            .occurredAt()
            .truncatedTo(ChronoUnit.MILLIS)
            .equals(sent.occurredAt().truncatedTo(ChronoUnit.MILLIS))) {
      return true;
    }
    JsonNode was = MapJson.mapper().valueToTree(stored.data() == null ? Map.of() : stored.data());
    JsonNode now = MapJson.mapper().valueToTree(sent.data() == null ? Map.of() : sent.data());
    return !was.equals(SAME_NUMBER, now);
  }

  /** Numbers compare by value: the store may give back 1 as a long where it was sent an int. */
  private static final Comparator<JsonNode> SAME_NUMBER =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  private String contact(String accountId, JsonNode node, String at, List<Problem> problems) {
    String contactId = text(node, "contactId");
    if (contactId != null) {
      return contactId; // found (or not) by the statement that stores the event
    }
    JsonNode contact = node.get("contact");
    if (contact == null || contact.isNull()) {
      problems.add(
          new Problem(
              at + "/contactId", "required: a contactId, or contact with an email or phone"));
      return null;
    }
    String email = text(contact, "email");
    String phone = text(contact, "phone");
    if (email == null && phone == null) {
      problems.add(new Problem(at + "/contact", "needs an email or a phone"));
      return null;
    }
    Optional<ContactDirectory.ContactView> found =
        email != null
            ? contacts.findByEmail(accountId, email)
            : contacts.findByPhone(accountId, ContactAddresses.phone(phone));
    if (found.isPresent()) {
      return found.get().contact().id();
    }
    try {
      return contacts
          .create(
              accountId,
              new ContactDirectory.NewContact(
                  email,
                  phone,
                  text(contact, "firstName"),
                  text(contact, "lastName"),
                  text(contact, "timezone"),
                  null,
                  null,
                  null,
                  null,
                  null))
          .contact()
          .id();
    } catch (ContactProblem.DuplicateEmail raced) {
      // created by a concurrent event meanwhile: that contact it is
      return contacts.findByEmail(accountId, email).orElseThrow(() -> raced).contact().id();
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  private static Outcome refused(String id, List<Problem> problems) {
    return new Outcome(id, false, List.of(), List.of(), problems);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
