package dev.automap.workers.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.automap.definitions.conditions.FieldCondition;
import dev.automap.definitions.conditions.Op;
import dev.automap.definitions.model.MapJson;
import dev.automap.workers.TestStack;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.automations.AutomationDeactivated;
import dev.automap.workers.automations.AutomationPublished;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.embedded.InMemoryClock;
import dev.automap.workers.store.Account;
import dev.automap.workers.store.AccountRepository;
import dev.automap.workers.store.Contact;
import dev.automap.workers.store.ContactRepository;
import dev.automap.workers.store.Enrollment;
import dev.automap.workers.store.EnrollmentRepository;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Schedule and date triggers on the embedded stack: the real store, the real worker, the embedded
 * Temporal service, whose clock the test moves forward (time skipping, unlocked for a while).
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TriggerStackTest implements TestPropertyProvider {
  @Inject AutomationCatalog catalog;
  @Inject ContactDirectory contacts;
  @Inject ContactRepository contactRepository;
  @Inject AccountRepository accounts;
  @Inject EnrollmentRepository enrollments;
  @Inject ApplicationEventPublisher<AutomationPublished> published;
  @Inject ApplicationEventPublisher<AutomationDeactivated> deactivated;
  @Inject ContactTriggerEvents contactEvents;
  @Inject ScheduleActivities pages;
  @Inject WorkflowClient client;
  @Inject WorkflowServiceStubs service;
  InMemoryClock clock;

  @Override
  public Map<String, String> getProperties() {
    // time skipping moves the clock of the whole service: other tests' runs stay off this one
    return TestStack.ownTemporal();
  }

  @AfterAll
  void closeClock() {
    if (clock != null) {
      clock.close();
    }
  }

  /** The clock of this test's own service, which the test moves forward. */
  InMemoryClock clock() {
    if (clock == null) {
      clock = InMemoryClock.of(service);
    }
    return clock;
  }

  static <T> T eventually(Supplier<T> read, java.util.function.Predicate<T> done)
      throws InterruptedException {
    T value = read.get();
    for (int i = 0; i < 300 && !done.test(value); i++) {
      Thread.sleep(100);
      value = read.get();
    }
    return value;
  }

  String newAccount() {
    String id = "acc_" + UUID.randomUUID().toString().substring(0, 8);
    accounts.save(new Account(id, "Triggers", null));
    return id;
  }

  String contact(String account, List<String> tags, Map<String, Object> fields) {
    return contacts
        .create(
            account,
            new ContactDirectory.NewContact(
                null, null, "Ada", null, null, null, null, fields, null, tags))
        .contact()
        .id();
  }

  int publish(String account, String yaml) {
    var parsed = MapJson.parse(yaml);
    assertThat(parsed.problems()).isEmpty();
    catalog.saveDraft(account, parsed.map(), null);
    return catalog.publish(account, parsed.map().key()).version();
  }

  List<Enrollment> enrolled(String account, String key) {
    return StreamSupport.stream(enrollments.findAll().spliterator(), false)
        .filter(e -> e.accountId().equals(account) && e.automationKey().equals(key))
        .toList();
  }

  static final String WEEKLY =
      """
      key: weekly-vip
      triggers:
        - schedule: "0 9 * * MON"
          timezone: UTC
          audience: {field: contact.tags, op: contains, value: vip}
      start: tag
      steps:
        - {id: tag, type: add_tags, tags: [weekly], next: done}
        - {id: done, type: end}
      """;

  @Test
  void aPublishedScheduleEnrollsItsAudienceWhenItsTimeComes() throws InterruptedException {
    String account = newAccount();
    List<String> vips =
        List.of(
            contact(account, List.of("vip"), null),
            contact(account, List.of("vip"), null),
            contact(account, List.of("vip", "lead"), null));
    String other = contact(account, List.of("lead"), null);
    int version = publish(account, WEEKLY);

    published.publishEvent(new AutomationPublished(account, "weekly-vip", version));

    ScheduleTriggerRun schedule =
        client.newWorkflowStub(
            ScheduleTriggerRun.class, Triggers.scheduleWorkflowId(account, "weekly-vip", 0));
    ScheduleStatus sleeping = eventually(schedule::status, s -> s.nextFireAt() != null);
    assertThat(sleeping.state()).isEqualTo("sleeping");
    assertThat(sleeping.nextFireAt().atZone(ZoneOffset.UTC).getDayOfWeek()).hasToString("MONDAY");
    assertThat(sleeping.nextFireAt().atZone(ZoneOffset.UTC).getHour()).isEqualTo(9);

    clock().skipTo(sleeping.nextFireAt().plusSeconds(60));

    ScheduleStatus fired = eventually(schedule::status, s -> s.fires() == 1);
    assertThat(fired.lastFired().at()).isEqualTo(sleeping.nextFireAt());
    assertThat(fired.lastFired().enrolled()).isEqualTo(3);
    assertThat(fired.lastFired().skipped()).isEqualTo(1);
    assertThat(fired.nextFireAt()).isEqualTo(sleeping.nextFireAt().plus(Duration.ofDays(7)));
    assertThat(enrolled(account, "weekly-vip"))
        .extracting(Enrollment::contactId)
        .containsExactlyInAnyOrderElementsOf(vips)
        .doesNotContain(other);
    var tags =
        eventually(() -> contactRepository.findTags(vips.getFirst()), t -> t.contains("weekly"));
    assertThat(tags).contains("weekly");
  }

  @Test
  void republishingRefreshesTheScheduleAndDeactivatingStopsIt() throws InterruptedException {
    String account = newAccount();
    published.publishEvent(
        new AutomationPublished(account, "weekly-vip", publish(account, WEEKLY)));
    ScheduleTriggerRun schedule =
        client.newWorkflowStub(
            ScheduleTriggerRun.class, Triggers.scheduleWorkflowId(account, "weekly-vip", 0));
    eventually(schedule::status, s -> s.nextFireAt() != null);

    int second = publish(account, WEEKLY.replace("0 9 * * MON", "30 7 * * FRI"));
    published.publishEvent(new AutomationPublished(account, "weekly-vip", second));
    ScheduleStatus refreshed = eventually(schedule::status, s -> s.version() == second);
    assertThat(refreshed.schedule()).isEqualTo("30 7 * * FRI");
    assertThat(refreshed.nextFireAt().atZone(ZoneOffset.UTC).getDayOfWeek()).hasToString("FRIDAY");

    deactivated.publishEvent(new AutomationDeactivated(account, "weekly-vip"));
    String why = io.temporal.client.WorkflowStub.fromTyped(schedule).getResult(String.class);
    assertThat(why).isEqualTo("automation weekly-vip deactivated");
    assertThat(schedule.status().state()).isEqualTo("stopped");
  }

  @Test
  void enrollPageJudgesPagesOfContactsAndARetriedPageEnrollsNoOneTwice() {
    String account = newAccount();
    for (int i = 0; i < 5; i++) {
      contact(account, i % 2 == 0 ? List.of("vip") : List.of(), null);
    }
    int version = publish(account, WEEKLY);
    var audience = new FieldCondition("contact.tags", Op.CONTAINS, TextNode.valueOf("vip"));
    Instant fireAt = Instant.parse("2026-03-02T09:00:00Z");

    int[] first = fire(account, version, audience, fireAt);
    assertThat(first).containsExactly(3, 3, 2);
    assertThat(enrolled(account, "weekly-vip")).hasSize(3);

    int[] retried = fire(account, version, audience, fireAt);
    assertThat(retried)
        .as("the same fire again: each enrollment found done")
        .containsExactly(3, 3, 2);
    assertThat(enrolled(account, "weekly-vip")).hasSize(3);

    int[] nextWeek = fire(account, version, audience, fireAt.plus(Duration.ofDays(7)));
    assertThat(nextWeek)
        .as("re-enrollment is never: every contact skipped")
        .containsExactly(3, 0, 5);
    assertThat(enrolled(account, "weekly-vip")).hasSize(3);
  }

  /** Pages through every contact, two at a time: {pages, enrolled, skipped}. */
  int[] fire(String account, int version, FieldCondition audience, Instant fireAt) {
    String cursor = null;
    int[] totals = new int[3];
    do {
      var page =
          pages.enrollPage(
              new ScheduleActivities.PageRequest(
                  account, "weekly-vip", version, 0, audience, cursor, 2, fireAt));
      assertThat(page.inactive()).isNull();
      totals[0]++;
      totals[1] += page.enrolled();
      totals[2] += page.skipped();
      cursor = page.nextCursor();
    } while (cursor != null);
    return totals;
  }

  @Test
  void aDateTriggerArmsContactsOnPublishAndOnChangesAndEnrollsOnTheDay()
      throws InterruptedException {
    String account = newAccount();
    LocalDate today = clock().now().atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate birthday = today.plusDays(3).withYear(1990);
    String before = contact(account, null, Map.of("birthday", birthday.toString()));
    String noDate = contact(account, null, null);
    int version =
        publish(
            account,
            """
        key: birthday
        triggers:
          - {date: contact.fields.birthday, at: "09:00", repeat: yearly}
        start: tag
        steps:
          - {id: tag, type: add_tags, tags: [birthday], next: done}
          - {id: done, type: end}
        """);

    published.publishEvent(new AutomationPublished(account, "birthday", version));

    Instant expected = today.plusDays(3).atTime(9, 0).toInstant(ZoneOffset.UTC);
    DateTriggerRun armed =
        client.newWorkflowStub(
            DateTriggerRun.class, Triggers.dateWorkflowId(account, "birthday", before, 0));
    assertThat(eventually(() -> status(armed), s -> s != null && s.fireAt() != null).fireAt())
        .isEqualTo(expected);
    assertThat(
            status(
                client.newWorkflowStub(
                    DateTriggerRun.class, Triggers.dateWorkflowId(account, "birthday", noDate, 0))))
        .as("no date, no workflow")
        .isNull();

    // a contact created after publishing, then its birthday moved a day later
    String after = contact(account, null, Map.of("birthday", birthday.toString()));
    contactEvents.onContactEvent(account, Map.of("type", "contact.created", "contactId", after));
    DateTriggerRun later =
        client.newWorkflowStub(
            DateTriggerRun.class, Triggers.dateWorkflowId(account, "birthday", after, 0));
    assertThat(eventually(() -> status(later), s -> s != null && s.fireAt() != null).fireAt())
        .isEqualTo(expected);
    Contact c = contactRepository.findById(after).orElseThrow();
    Map<String, Object> fields = new HashMap<>(c.fields());
    fields.put("birthday", birthday.plusDays(1).toString());
    contactRepository.update(
        new Contact(
            c.id(),
            c.accountId(),
            c.email(),
            c.phone(),
            c.firstName(),
            c.lastName(),
            c.timezone(),
            c.ownerId(),
            c.score(),
            fields,
            c.dnd(),
            c.createdAt(),
            c.updatedAt()));
    contactEvents.onContactEvent(
        account,
        Map.of(
            "type",
            "contact.updated",
            "contactId",
            after,
            "data",
            Map.of("changed", List.of("birthday"))));
    assertThat(
            eventually(
                    () -> status(later), s -> s.fireAt().equals(expected.plus(Duration.ofDays(1))))
                .fireAt())
        .isEqualTo(expected.plus(Duration.ofDays(1)));

    clock().skipTo(expected.plusSeconds(60));

    var firstDay = eventually(() -> enrolled(account, "birthday"), e -> !e.isEmpty());
    assertThat(firstDay).extracting(Enrollment::contactId).containsExactly(before);
    DateStatus next = eventually(() -> status(armed), s -> s.fires() == 1);
    assertThat(next.fireAt()).isEqualTo(expected.atZone(ZoneOffset.UTC).plusYears(1).toInstant());
  }

  static DateStatus status(DateTriggerRun run) {
    try {
      return run.status();
    } catch (io.temporal.client.WorkflowNotFoundException e) {
      return null;
    }
  }
}
