package dev.automap.workers.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.automap.definitions.model.AdjustScoreStep;
import dev.automap.definitions.model.ContactLookup;
import dev.automap.definitions.model.CreateContactStep;
import dev.automap.definitions.model.DeleteContactStep;
import dev.automap.definitions.model.DndChannel;
import dev.automap.definitions.model.FindContactStep;
import dev.automap.definitions.model.IncrementFieldStep;
import dev.automap.definitions.model.NewContact;
import dev.automap.definitions.model.SetDndStep;
import dev.automap.definitions.model.UpdateContactStep;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.store.ContactNotFound;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The actions on a contact's own record: create, find, update, increment, score, DND, delete. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactActionsTest extends ActionTestSupport {

  static String email(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  String contactWith(String email, String phone, Map<String, Object> fields) {
    return newContact(
        new ContactDirectory.NewContact(
            email, phone, "Ada", "Lovelace", null, null, null, fields, null, List.of()));
  }

  // create_contact

  @Test
  void createContactRendersTemplatesSavesTheIdAndARetryHandsBackTheSameId() {
    String referrer = contactWith(email("ref"), null, Map.of());
    String newEmail = email("friend");
    var step =
        new CreateContactStep(
            "invite",
            null,
            new NewContact(
                "{{vars.friendEmail}}",
                "+1 (555) 010-0000",
                "{{vars.friendName}}",
                null,
                Map.of("referredBy", "{{contact.firstName}}")),
            "friendId",
            null,
            null);
    var request =
        request(referrer, "invite", Map.of("friendEmail", newEmail, "friendName", "Grace"), null);

    ActionResult result = performTwice(request, step);

    assertThat(result.outcome()).isEqualTo("done");
    String id = (String) result.output().get("friendId");
    var created = contacts.get(ACCOUNT, id).contact();
    assertThat(created.email()).isEqualTo(newEmail);
    assertThat(created.phone()).isEqualTo("+15550100000");
    assertThat(created.firstName()).isEqualTo("Grace");
    assertThat(created.fields()).containsEntry("referredBy", "Ada");
    assertThat(eventTypes(id)).containsExactly("contact.created");
    assertThat(eventsOf(id).getFirst().source())
        .containsEntry("workflowId", ACCOUNT + ":test-map:" + referrer)
        .containsEntry("stepId", "invite");
  }

  @Test
  void createContactFindsTheContactWithThatEmailWhateverItsCase() {
    String address = email("known");
    String known = contactWith(address, null, Map.of());
    var step =
        new CreateContactStep(
            "c",
            null,
            new NewContact(address.toUpperCase(), null, null, null, null),
            "id",
            null,
            null);

    ActionResult result = perform(request(known, "c"), step);

    assertThat(result.outcome()).isEqualTo("unchanged");
    assertThat(result.output()).containsEntry("id", known);
  }

  @Test
  void createContactWithoutEmailOrPhoneOrWithABadEmailFailsForGood() {
    String someone = contactWith(email("x"), null, Map.of());
    assertBadInput(
        () ->
            perform(
                request(someone, "c"),
                new CreateContactStep(
                    "c",
                    null,
                    new NewContact("{{vars.missing}}", null, "A", null, null),
                    "id",
                    null,
                    null)),
        "needs an email or a phone");
    assertBadInput(
        () ->
            perform(
                request(someone, "c"),
                new CreateContactStep(
                    "c",
                    null,
                    new NewContact("not-an-email", null, null, null, null),
                    "id",
                    null,
                    null)),
        "is not an email address");
    assertBadInput(
        () ->
            perform(
                request(someone, "c"), new CreateContactStep("c", null, null, "id", null, null)),
        "needs a contact");
  }

  // find_contact

  @Test
  void findContactByEmailPhoneOrFieldSavesTheIdOrAnEmptyOne() {
    String address = email("find");
    String id = contactWith(address, "+44 20 7946 0000", Map.of("customerId", "CUST-9"));

    var byEmail =
        performTwice(
            request(id, "f"),
            new FindContactStep(
                "f",
                null,
                new ContactLookup(" " + address.toUpperCase() + " ", null, null, null),
                "found",
                null,
                null));
    assertThat(byEmail.output()).containsEntry("found", id);

    var byPhone =
        perform(
            request(id, "f"),
            new FindContactStep(
                "f",
                null,
                new ContactLookup(null, "+442079460000", null, null),
                "found",
                null,
                null));
    assertThat(byPhone.output()).containsEntry("found", id);

    var byField =
        perform(
            request(id, "f", Map.of("cust", "CUST-9"), null),
            new FindContactStep(
                "f",
                null,
                new ContactLookup(null, null, "contact.fields.customerId", "{{vars.cust}}"),
                "found",
                null,
                null));
    assertThat(byField.output()).containsEntry("found", id);

    var none =
        perform(
            request(id, "f"),
            new FindContactStep(
                "f",
                null,
                new ContactLookup(email("nobody"), null, null, null),
                "found",
                null,
                null));
    assertThat(none.output()).containsEntry("found", "");
    assertThat(none.detail()).isEqualTo("no contact with that email");
  }

  @Test
  void findContactNeedsExactlyOneWayToLook() {
    String id = contactWith(email("f2"), null, Map.of());
    assertBadInput(
        () ->
            perform(
                request(id, "f"),
                new FindContactStep(
                    "f", null, new ContactLookup("a@b.co", "+1555", null, null), "x", null, null)),
        "exactly one of");
    assertBadInput(
        () ->
            perform(
                request(id, "f"),
                new FindContactStep(
                    "f",
                    null,
                    new ContactLookup(null, null, "contact.tags", "x"),
                    "x",
                    null,
                    null)),
        "cannot look up by contact.tags");
  }

  // update_contact

  @Test
  void updateContactSetsAndClearsAndRaisesOneEventNamingTheChanges() {
    String id = contactWith(email("upd"), "+15550001111", Map.of("plan", "free", "old", "x"));
    var step =
        new UpdateContactStep(
            "u",
            null,
            Map.of(
                "firstName",
                "{{event.data.first}}",
                "contact.fields.plan",
                "pro",
                "fields.source",
                "{{vars.src}}",
                "lastName",
                "Lovelace"),
            List.of("phone", "contact.fields.old"),
            null,
            null);
    var request =
        request(
            id,
            "u",
            Map.of("src", "webinar"),
            Map.of("type", "form.submitted", "data", Map.of("first", "Augusta")));

    ActionResult result = performTwice(request, step);

    var c = contacts.get(ACCOUNT, id).contact();
    assertThat(c.firstName()).isEqualTo("Augusta");
    assertThat(c.phone()).isNull();
    assertThat(c.fields())
        .containsEntry("plan", "pro")
        .containsEntry("source", "webinar")
        .doesNotContainKey("old");
    assertThat(result.detail())
        .isEqualTo("changed phone, firstName, fields.old, fields.plan, fields.source");
    var updated = eventsOf(id).stream().filter(e -> e.type().equals("contact.updated")).toList();
    assertThat(updated)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.data().get("changed"))
                    .isEqualTo(
                        List.of(
                            "phone", "firstName", "fields.old", "fields.plan", "fields.source")));
  }

  @Test
  void updateContactThatChangesNothingRaisesNothing() {
    String id = contactWith(email("same"), null, Map.of());
    int before = eventsOf(id).size();
    var result =
        perform(
            request(id, "u"),
            new UpdateContactStep("u", null, Map.of("firstName", "Ada"), null, null, null));
    assertThat(result.outcome()).isEqualTo("unchanged");
    assertThat(eventsOf(id)).hasSize(before);
  }

  @Test
  void updateContactRefusesUnknownPathsBadValuesAndAnotherContactsEmail() {
    String taken = email("taken");
    contactWith(taken, null, Map.of());
    String id = contactWith(email("me"), null, Map.of());
    assertBadInput(
        () ->
            perform(
                request(id, "u"),
                new UpdateContactStep(
                    "u", null, Map.of("contact.shoeSize", "42"), null, null, null)),
        "cannot set contact.shoeSize");
    assertBadInput(
        () ->
            perform(
                request(id, "u"),
                new UpdateContactStep(
                    "u", null, Map.of("timezone", "Mars/Olympus"), null, null, null)),
        "not an IANA time zone");
    assertBadInput(
        () ->
            perform(
                request(id, "u"),
                new UpdateContactStep("u", null, Map.of("email", taken), null, null, null)),
        "another contact has the email");
    assertBadInput(
        () -> perform(request(id, "u"), new UpdateContactStep("u", null, null, null, null, null)),
        "needs set or clear");
    assertThat(contacts.get(ACCOUNT, id).contact().timezone()).isNull();
  }

  @Test
  void aContactOfAnotherAccountIsNotFoundAndNothingChanges() {
    String id = contactWith(email("iso"), null, Map.of());
    ensureAccount("other", null);
    var request =
        new ActionRequest("other:m:" + id + "/r/u/1", "other", id, "m", "u", Map.of(), null);
    assertThatThrownBy(
            () ->
                perform(
                    request,
                    new UpdateContactStep("u", null, Map.of("firstName", "X"), null, null, null)))
        .isInstanceOf(ContactNotFound.class);
    assertThat(contacts.get(ACCOUNT, id).contact().firstName()).isEqualTo("Ada");
    assertThat(ledger.countByKey(request.idempotencyKey())).isZero();
  }

  // increment_field and adjust_score

  @Test
  void incrementFieldAddsToANumberOrToNothingOnce() {
    String id = contactWith(email("inc"), null, Map.of("visits", 2, "ratio", "1.5"));

    performTwice(
        request(id, "i"),
        new IncrementFieldStep(
            "i", null, "contact.fields.visits", new BigDecimal("3"), null, null));
    performTwice(
        request(id, "i"),
        new IncrementFieldStep("i", null, "fields.ratio", new BigDecimal("-0.25"), null, null));
    performTwice(
        request(id, "i"),
        new IncrementFieldStep("i", null, "fields.fresh", BigDecimal.ONE, null, null));

    var fields = contacts.get(ACCOUNT, id).contact().fields();
    assertThat(fields.get("visits")).isEqualTo(5);
    assertThat(new BigDecimal(fields.get("ratio").toString())).isEqualByComparingTo("1.25");
    assertThat(fields.get("fresh")).isEqualTo(1);
  }

  @Test
  void incrementFieldOnTextOrAnUnknownPathFailsForGood() {
    String id = contactWith(email("inc2"), null, Map.of("plan", "gold"));
    assertBadInput(
        () ->
            perform(
                request(id, "i"),
                new IncrementFieldStep("i", null, "fields.plan", BigDecimal.ONE, null, null)),
        "not a number");
    assertBadInput(
        () ->
            perform(
                request(id, "i"),
                new IncrementFieldStep("i", null, "firstName", BigDecimal.ONE, null, null)),
        "needs a numeric field");
    assertBadInput(
        () ->
            perform(
                request(id, "i"), new IncrementFieldStep("i", null, "fields.n", null, null, null)),
        "needs by");
  }

  @Test
  void adjustScoreAddsOnceAndRaisesContactUpdated() {
    String id = contactWith(email("score"), null, Map.of());
    performTwice(request(id, "s"), new AdjustScoreStep("s", null, 10, null, null));
    performTwice(request(id, "s"), new AdjustScoreStep("s", null, -3, null, null));
    assertThat(contacts.get(ACCOUNT, id).contact().score()).isEqualTo(7);
    assertThat(eventsOf(id).stream().filter(e -> e.type().equals("contact.updated")))
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.data().get("changed")).isEqualTo(List.of("score")));
    assertBadInput(
        () -> perform(request(id, "s"), new AdjustScoreStep("s", null, null, null, null)),
        "needs by");
  }

  // set_dnd

  @Test
  void setDndTurnsAChannelOrAllOnAndOff() {
    String id = contactWith(email("dnd"), null, Map.of());
    performTwice(request(id, "d"), new SetDndStep("d", null, DndChannel.SMS, true, null, null));
    assertThat(contacts.get(ACCOUNT, id).contact().dnd()).isEqualTo(Map.of("sms", true));

    performTwice(request(id, "d"), new SetDndStep("d", null, DndChannel.ALL, null, null, null));
    assertThat(contacts.get(ACCOUNT, id).contact().dnd())
        .isEqualTo(Map.of("email", true, "sms", true, "whatsapp", true));

    performTwice(request(id, "d"), new SetDndStep("d", null, DndChannel.EMAIL, false, null, null));
    assertThat(contacts.get(ACCOUNT, id).contact().dnd())
        .isEqualTo(Map.of("sms", true, "whatsapp", true));

    assertBadInput(
        () -> perform(request(id, "d"), new SetDndStep("d", null, null, true, null, null)),
        "needs a channel");
  }

  // delete_contact

  @Test
  void deleteContactEndsTheRunAndARetryAfterTheDeleteAnswersTheSame() {
    String id = contactWith(email("del"), null, Map.of());
    newContact("bystander");

    ActionResult result =
        performTwice(request(id, "del"), new DeleteContactStep("del", null, null));

    assertThat(result.endsRun()).isTrue();
    assertThatThrownBy(() -> contacts.get(ACCOUNT, id)).isInstanceOf(ContactNotFound.class);
    assertThat(eventTypes(id)).last().isEqualTo("contact.deleted");
    assertThatThrownBy(() -> perform(request(id, "del"), new DeleteContactStep("del", null, null)))
        .isInstanceOf(ContactNotFound.class);
  }
}
