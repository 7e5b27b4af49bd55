package dev.automap.workers.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.AddToListStep;
import dev.automap.definitions.model.AppointmentStatus;
import dev.automap.definitions.model.CopyContactStep;
import dev.automap.definitions.model.OpportunityStatus;
import dev.automap.definitions.model.RemoveFromListStep;
import dev.automap.definitions.model.RemoveOpportunityStep;
import dev.automap.definitions.model.SetCustomValueStep;
import dev.automap.definitions.model.UpdateAppointmentStatusStep;
import dev.automap.definitions.model.UpsertOpportunityStep;
import dev.automap.workers.contacts.Appointments;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.contacts.ContactFacts;
import dev.automap.workers.contacts.Pipelines;
import dev.automap.workers.events.EventSource;
import dev.automap.workers.store.AppointmentRepository;
import dev.automap.workers.store.ContactListRepository;
import dev.automap.workers.store.EventRecord;
import dev.automap.workers.store.OpportunityRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Lists, custom values, opportunities, appointments and copies to a sister account. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrmActionsTest extends ActionTestSupport {
  @Inject ContactListRepository lists;
  @Inject ContactFacts facts;
  @Inject Pipelines pipelines;
  @Inject OpportunityRepository opportunities;
  @Inject Appointments appointments;
  @Inject AppointmentRepository appointmentRows;

  String pipeline() {
    ensureAccount(ACCOUNT, "org-acme");
    String name = "Sales " + UUID.randomUUID();
    pipelines.create(ACCOUNT, name, List.of("New", "Qualified", "Won"));
    return name;
  }

  // add_to_list and remove_from_list

  @Test
  void listsAreJoinedAndLeftOnceAndShowInTheFacts() {
    String id = newContact("Ada");
    String list = "Newsletter " + UUID.randomUUID();

    performTwice(
        request(id, "join", Map.of("list", list), null),
        new AddToListStep("join", null, "{{vars.list}}", null, null));
    assertThat(lists.namesOf(ACCOUNT, id)).containsExactly(list);
    assertThat(facts.load(ACCOUNT, id, null, null, Instant.now()).roots().get("contact").toString())
        .contains("lists=[" + list + "]");
    assertThat(
            perform(request(id, "join2"), new AddToListStep("join2", null, list, null, null))
                .outcome())
        .isEqualTo("unchanged");

    performTwice(request(id, "leave"), new RemoveFromListStep("leave", null, list, null, null));
    assertThat(lists.namesOf(ACCOUNT, id)).isEmpty();
    assertThat(
            perform(
                    request(id, "leave2"),
                    new RemoveFromListStep("leave2", null, "No such list", null, null))
                .outcome())
        .isEqualTo("unchanged");
    assertThat(eventTypes(id)).containsSubsequence("contact.list_added", "contact.list_removed");
    assertBadInput(
        () -> perform(request(id, "l"), new AddToListStep("l", null, " ", null, null)),
        "needs a list");
  }

  // set_custom_value

  @Test
  void setCustomValueFeedsAccountValuesOnce() {
    String id = newContact("Ada");
    String name = "promo_" + UUID.randomUUID().toString().substring(0, 8);

    performTwice(
        request(id, "cv", Map.of("code", "SPRING"), null),
        new SetCustomValueStep("cv", name, "{{vars.code}}-25", null, null));

    assertThat(facts.accountValues(ACCOUNT)).containsEntry(name, "SPRING-25");
    assertThat(
            perform(
                    request(id, "cv2"),
                    new SetCustomValueStep("cv2", name, "SPRING-25", null, null))
                .outcome())
        .isEqualTo("unchanged");
    assertThat(eventsOf(id))
        .filteredOn(e -> e.type().equals("account.value_changed"))
        .singleElement()
        .satisfies(e -> assertThat(e.data()).containsEntry("name", name));
    assertBadInput(
        () ->
            perform(request(id, "cv"), new SetCustomValueStep("cv", "bad name!", "x", null, null)),
        "custom value name");
  }

  // upsert_opportunity and remove_opportunity

  @Test
  void anOpportunityIsCreatedThenMovedWithItsEvents() {
    String pipeline = pipeline();
    String id =
        newContact(
            new ContactDirectory.NewContact(
                null, null, "Ada", "Lovelace", null, null, null, null, null, List.of()));

    var created =
        performTwice(
            request(id, "deal"),
            new UpsertOpportunityStep("deal", pipeline, null, null, "1,200.50", null, null, null));
    assertThat(created.detail()).startsWith("created opp_");
    var moved =
        performTwice(
            request(id, "won"),
            new UpsertOpportunityStep(
                "won", pipeline, "Won", "Big deal", null, OpportunityStatus.WON, null, null));
    assertThat(moved.detail()).startsWith("changed stage, status, name of opp_");

    var opportunity = opportunities.findByAccountIdAndContactId(ACCOUNT, id).getFirst();
    assertThat(opportunity.stage()).isEqualTo("Won");
    assertThat(opportunity.status()).isEqualTo("won");
    assertThat(opportunity.name()).isEqualTo("Big deal");
    assertThat(opportunity.value()).isEqualByComparingTo("1200.50");
    assertThat(eventsOf(id))
        .filteredOn(e -> e.type().startsWith("opportunity."))
        .extracting(EventRecord::type)
        .containsExactly(
            "opportunity.created",
            "opportunity.stage_changed",
            "opportunity.status_changed",
            "opportunity.updated");
    EventRecord stage =
        eventsOf(id).stream()
            .filter(e -> e.type().equals("opportunity.stage_changed"))
            .findFirst()
            .orElseThrow();
    assertThat(stage.data())
        .containsEntry("from", "New")
        .containsEntry("to", "Won")
        .containsEntry("pipeline", pipeline);

    performTwice(request(id, "rm"), new RemoveOpportunityStep("rm", null, pipeline, null, null));
    assertThat(opportunities.findByAccountIdAndContactId(ACCOUNT, id)).isEmpty();
    assertThat(
            perform(
                    request(id, "rm2"),
                    new RemoveOpportunityStep("rm2", null, pipeline, null, null))
                .outcome())
        .isEqualTo("unchanged");
  }

  @Test
  void opportunitiesNeedAKnownPipelineStageAndAmount() {
    String pipeline = pipeline();
    String id = newContact("Ada");
    assertBadInput(
        () ->
            perform(
                request(id, "d"),
                new UpsertOpportunityStep("d", "Nope", null, null, null, null, null, null)),
        "no pipeline named Nope");
    assertBadInput(
        () ->
            perform(
                request(id, "d"),
                new UpsertOpportunityStep(
                    "d", pipeline, "Lost in space", null, null, null, null, null)),
        "has no stage");
    assertBadInput(
        () ->
            perform(
                request(id, "d"),
                new UpsertOpportunityStep("d", pipeline, null, null, "lots", null, null, null)),
        "not an amount");
    assertBadInput(
        () -> perform(request(id, "d"), new RemoveOpportunityStep("d", null, null, null, null)),
        "needs a pipeline");
    assertThat(opportunities.findByAccountIdAndContactId(ACCOUNT, id)).isEmpty();
  }

  // update_appointment_status

  @Test
  void theLatestAppointmentOrOneByIdChangesStatusOnce() {
    String id = newContact("Ada");
    Instant start = Instant.now().plus(2, ChronoUnit.DAYS);
    var first = appointments.book(ACCOUNT, id, "Intro", start, null, EventSource.api());
    var second =
        appointments.book(
            ACCOUNT, id, "Demo", start.plus(1, ChronoUnit.DAYS), null, EventSource.api());

    var latest =
        performTwice(
            request(id, "a"),
            new UpdateAppointmentStatusStep(
                "a", null, "latest", AppointmentStatus.SHOWED, null, null));
    assertThat(latest.detail()).isEqualTo(second.id() + " confirmed → showed");
    var byId =
        performTwice(
            request(
                id,
                "b",
                Map.of(),
                Map.of("type", "appointment.booked", "data", Map.of("appointmentId", first.id()))),
            new UpdateAppointmentStatusStep(
                "b", null, "{{event.data.appointmentId}}", AppointmentStatus.NO_SHOW, null, null));
    assertThat(byId.outcome()).isEqualTo("done");

    assertThat(appointmentRows.findById(first.id()).orElseThrow().status()).isEqualTo("no_show");
    assertThat(appointmentRows.findById(second.id()).orElseThrow().status()).isEqualTo("showed");
    assertThat(eventsOf(id))
        .filteredOn(e -> e.type().equals("appointment.status_changed"))
        .hasSize(2);
  }

  @Test
  void appointmentsOfOtherContactsAreNotFoundAndNoneIsSkipped() {
    String id = newContact("Ada");
    String other = newContact("Grace");
    var theirs =
        appointments.book(ACCOUNT, other, "Theirs", Instant.now(), null, EventSource.api());

    assertThat(
            perform(
                    request(id, "a"),
                    new UpdateAppointmentStatusStep(
                        "a", null, "latest", AppointmentStatus.CANCELLED, null, null))
                .outcome())
        .isEqualTo("skipped");
    assertBadInput(
        () ->
            perform(
                request(id, "a"),
                new UpdateAppointmentStatusStep(
                    "a", null, theirs.id(), AppointmentStatus.CANCELLED, null, null)),
        "has no appointment " + theirs.id());
    assertBadInput(
        () ->
            perform(
                request(id, "a"),
                new UpdateAppointmentStatusStep("a", null, "latest", null, null, null)),
        "needs a status");
    assertThat(appointmentRows.findById(theirs.id()).orElseThrow().status()).isEqualTo("confirmed");
  }

  // copy_contact

  @Test
  void copyContactGoesToASisterAccountOnceWithItsTagsAndFields() {
    ensureAccount("acme-eu", "org-acme");
    String address = "copy-" + UUID.randomUUID() + "@example.com";
    String id =
        newContact(
            new ContactDirectory.NewContact(
                address,
                "+15550102030",
                "Ada",
                null,
                "Europe/Paris",
                null,
                5,
                Map.of("plan", "pro"),
                Map.of("sms", true),
                List.of("vip")));

    var result =
        performTwice(request(id, "copy"), new CopyContactStep("copy", null, "acme-eu", null, null));

    var copy = contacts.findByEmail("acme-eu", address).orElseThrow();
    assertThat(result.detail()).isEqualTo("copied to account acme-eu as " + copy.contact().id());
    assertThat(copy.tags()).containsExactly("vip");
    assertThat(copy.contact().fields()).containsEntry("plan", "pro");
    assertThat(copy.contact().dnd()).containsEntry("sms", true);
    assertThat(copy.contact().score()).isZero();
    assertThat(events.latestOf("acme-eu", copy.contact().id(), 10))
        .extracting(EventRecord::type)
        .contains("contact.created");
    assertThat(
            perform(request(id, "copy2"), new CopyContactStep("copy2", null, "acme-eu", null, null))
                .outcome())
        .isEqualTo("unchanged");
  }

  @Test
  void copyContactToAnAccountOfAnotherOrganizationIsRefused() {
    ensureAccount("stranger", "org-other");
    String address = "nocopy-" + UUID.randomUUID() + "@example.com";
    String id =
        newContact(
            new ContactDirectory.NewContact(
                address, null, "Ada", null, null, null, null, null, null, null));

    assertBadInput(
        () ->
            perform(request(id, "copy"), new CopyContactStep("copy", null, "stranger", null, null)),
        "not an account of this account's organization");
    assertBadInput(
        () ->
            perform(
                request(id, "copy"),
                new CopyContactStep("copy", null, "no-such-account", null, null)),
        "not an account of this account's organization");
    assertBadInput(
        () -> perform(request(id, "copy"), new CopyContactStep("copy", null, ACCOUNT, null, null)),
        "another account");
    assertThat(contacts.findByEmail("stranger", address)).isEmpty();
  }
}
