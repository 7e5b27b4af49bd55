package dev.automap.workers.actions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.model.SendSmsStep;
import dev.automap.definitions.model.SendWhatsappStep;
import dev.automap.workers.TestStack;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.messages.Messages;
import dev.automap.workers.settings.AccountSettings;
import dev.automap.workers.store.Message;
import dev.automap.workers.store.MessageRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code send_sms} and {@code send_whatsapp} against an HTTP peer on loopback playing Twilio's
 * Messages API: the exact form and auth sent, a retry that sends nothing twice, and the messages
 * held back (DND, no phone, the account's frequency cap) that never reach it.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwilioTextActionsTest extends ActionTestSupport {
  static final String SID = "AC0123456789abcdef";
  static final String TOKEN = "twilio-token-for-tests";
  static final String PATH = "/2010-04-01/Accounts/" + SID + "/Messages.json";

  static WireMockServer twilio;

  @Inject MessageRepository messageRows;
  @Inject AccountSettings settings;

  @Override
  public Map<String, String> getProperties() {
    if (twilio == null) {
      twilio =
          new WireMockServer(
              options().bindAddress("127.0.0.1").dynamicPort().globalTemplating(true));
      twilio.start();
    }
    Map<String, String> props = new HashMap<>(TestStack.databaseOnly());
    props.put("automap.twilio.base-url", twilio.baseUrl());
    props.put("automap.twilio.account-sid", SID);
    props.put("automap.twilio.auth-token", TOKEN);
    props.put("automap.twilio.from", "+15550009999");
    props.put("automap.twilio.whatsapp-from", "+15550008888");
    props.put("automap.public-url", "https://automap.example.test/");
    return props;
  }

  @AfterAll
  void stopTwilio() {
    twilio.stop();
  }

  @BeforeEach
  void accepting() {
    twilio.resetAll();
    accept();
  }

  /** Twilio accepts every message, answering a new sid each time. */
  void accept() {
    twilio.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"sid\": \"SM{{randomValue length=32 type='ALPHANUMERIC'}}\","
                            + " \"status\": \"queued\"}")));
  }

  String contact(String account, String phone, Map<String, Boolean> dnd) {
    ensureAccount(account, "org-" + account);
    return contacts
        .create(
            account,
            new ContactDirectory.NewContact(
                null, phone, "Ada", null, null, null, null, Map.of(), dnd, List.of()))
        .contact()
        .id();
  }

  ActionRequest requestIn(String account, String contactId, String stepId) {
    ActionRequest r = request(contactId, stepId);
    return new ActionRequest(
        r.idempotencyKey().replaceFirst("^" + ACCOUNT + ":", account + ":"),
        account,
        contactId,
        "test-map",
        stepId,
        Map.of(),
        null);
  }

  static SendSmsStep sms(String body) {
    return new SendSmsStep("text", null, body, null, null);
  }

  List<LoggedRequest> sent() {
    return twilio.findAll(postRequestedFor(urlEqualTo(PATH)));
  }

  static Map<String, String> form(LoggedRequest request) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : request.getBodyAsString().split("&")) {
      String[] nv = pair.split("=", 2);
      form.put(
          URLDecoder.decode(nv[0], StandardCharsets.UTF_8),
          URLDecoder.decode(nv.length > 1 ? nv[1] : "", StandardCharsets.UTF_8));
    }
    return form;
  }

  @Test
  void anSmsIsPostedToTwilioWithTheExactFormAndAuthAndARetrySendsNothingTwice() {
    String id = contact(ACCOUNT, "+1 555 010 0101", Map.of());
    ActionRequest request = request(id, "text");
    ActionResult first = perform(request, sms("Hi {{contact.firstName}} & co"));

    assertThat(first.outcome()).isEqualTo("done");
    Message message = messageRows.latestOf(ACCOUNT, id, 5).getFirst();
    assertThat(first.detail())
        .isEqualTo("sms " + message.id() + " sent")
        .doesNotContain("555")
        .doesNotContain("Hi Ada");
    assertThat(sent()).hasSize(1);
    LoggedRequest call = sent().getFirst();
    assertThat(call.getHeader("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
    assertThat(call.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(form(call))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "To", "+15550100101",
                "From", "+15550009999",
                "Body", "Hi Ada & co",
                "StatusCallback", "https://automap.example.test/hooks/twilio"));
    assertThat(message.status()).isEqualTo("sent");
    assertThat(message.sentAt()).isNotNull();
    assertThat(messageRows.providerIdOf(message.id())).get().asString().startsWith("SM");
    assertThat(eventsOf(id))
        .filteredOn(e -> e.type().equals("sms.sent"))
        .singleElement()
        .satisfies(e -> assertThat(e.data()).containsEntry("messageId", message.id()));

    Map<String, Object> before = snapshot();
    ActionResult again = perform(request, sms("Hi {{contact.firstName}} & co"));
    assertThat(again.outcome()).isEqualTo("unchanged");
    assertThat(sent()).as("the retry sent nothing").hasSize(1);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void aSendTwilioFailedIsRetriedAndOneWhoseSidWasKeptIsNotSentAgain() {
    String id = contact(ACCOUNT, "+15550100102", Map.of());
    ActionRequest request = request(id, "text");
    twilio.resetAll();
    twilio.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(aResponse().withStatus(503).withBody("{\"message\": \"busy\"}")));

    assertThatThrownBy(() -> perform(request, sms("One")))
        .isInstanceOf(Messages.MessageNotSent.class)
        .hasMessageContaining("Twilio answered 503: busy")
        .hasMessageNotContaining("555");
    Message failed = messageRows.latestOf(ACCOUNT, id, 5).getFirst();
    assertThat(failed.status()).isEqualTo("failed");

    twilio.resetAll();
    accept();
    assertThat(perform(request, sms("One")).detail()).isEqualTo("sms " + failed.id() + " sent");
    assertThat(sent()).hasSize(1);
    assertThat(messageRows.findById(failed.id()).orElseThrow().status()).isEqualTo("sent");

    // an attempt that stopped after Twilio took the message, before it was marked sent
    messageRows.mark(failed.id(), "queued", null, null);
    perform(request, sms("One"));
    assertThat(sent()).as("Twilio's sid was kept: not sent again").hasSize(1);
    assertThat(messageRows.findById(failed.id()).orElseThrow().status()).isEqualTo("sent");
  }

  @Test
  void aNumberTwilioRefusesFailsForGood() {
    String id = contact(ACCOUNT, "+15550100103", Map.of());
    twilio.resetAll();
    twilio.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody("{\"code\": 21211, \"message\": \"Invalid 'To' Phone Number\"}")));
    assertBadInput(
        () -> perform(request(id, "text"), sms("Hi")),
        "Twilio refused the message (400): Invalid 'To' Phone Number (code 21211)");
    assertThat(messageRows.latestOf(ACCOUNT, id, 5).getFirst().status()).isEqualTo("failed");
  }

  @Test
  void aWhatsappMessageGoesFromAndToWhatsappNumbers() {
    String id = contact(ACCOUNT, "+15550100104", Map.of());
    ActionResult result =
        perform(request(id, "wa"), new SendWhatsappStep("wa", null, "Hola", null, null));
    assertThat(result.outcome()).isEqualTo("done");
    assertThat(form(sent().getFirst()))
        .containsEntry("To", "whatsapp:+15550100104")
        .containsEntry("From", "whatsapp:+15550008888")
        .containsEntry("Body", "Hola");
    assertThat(eventTypes(id)).contains("whatsapp.sent");
  }

  @Test
  void messagesHeldBackNeverReachTwilio() throws Exception {
    String dnd = contact(ACCOUNT, "+15550100105", Map.of("sms", true));
    ActionResult held = perform(request(dnd, "text"), sms("Hi"));
    assertThat(held.outcome()).isEqualTo("suppressed");
    assertThat(held.detail()).matches("sms msg_\\w+ not sent: DND is on for sms");

    String nophone = contact(ACCOUNT, null, Map.of());
    assertThat(perform(request(nophone, "text"), sms("Hi")).detail())
        .matches("sms msg_\\w+ not sent: no phone");

    String account = "capped-" + UUID.randomUUID().toString().substring(0, 6);
    String id = contact(account, "+15550100106", Map.of());
    JsonNode caps =
        MapJson.mapper().readTree("{\"frequencyCaps\": {\"sms\": {\"max\": 2, \"per\": \"P1D\"}}}");
    settings.put(account, caps);
    assertThat(perform(requestIn(account, id, "a"), sms("1")).outcome()).isEqualTo("done");
    assertThat(perform(requestIn(account, id, "b"), sms("2")).outcome()).isEqualTo("done");
    ActionResult third = perform(requestIn(account, id, "c"), sms("3"));
    assertThat(third.outcome()).isEqualTo("suppressed");
    assertThat(third.detail()).matches("sms msg_\\w+ not sent: frequency cap");
    assertThat(messageRows.latestOf(account, id, 5).getFirst())
        .satisfies(
            m -> {
              assertThat(m.status()).isEqualTo("suppressed");
              assertThat(m.reason()).isEqualTo("frequency cap");
            });
    ActionResult whatsapp =
        perform(requestIn(account, id, "d"), new SendWhatsappStep("d", null, "4", null, null));
    assertThat(whatsapp.outcome()).as("the cap is per channel").isEqualTo("done");
    assertThat(sent()).extracting(r -> form(r).get("Body")).containsExactly("1", "2", "4");
  }

  @Test
  void anEmailOverTheCapIsSuppressedAndNotificationsToUsersAreExempt() throws Exception {
    String account = "capped-" + UUID.randomUUID().toString().substring(0, 6);
    ensureAccount(account, "org-" + account);
    String id =
        contacts
            .create(
                account,
                new ContactDirectory.NewContact(
                    "ada-" + account + "@example.com",
                    null,
                    "Ada",
                    null,
                    null,
                    null,
                    null,
                    Map.of(),
                    Map.of(),
                    List.of()))
            .contact()
            .id();
    String staff =
        users.add(account, null, "Staff", "staff-" + account + "@example.com", null).id();
    settings.put(
        account,
        MapJson.mapper()
            .readTree("{\"frequencyCaps\": {\"email\": {\"max\": 1, \"per\": \"P7D\"}}}"));
    var mail =
        new dev.automap.definitions.model.SendEmailStep(
            "mail", null, "Hi", "<p>Hi</p>", null, null, null, null, null, null);
    var tell =
        new dev.automap.definitions.model.NotifyStep(
            "tell", null, staff, null, "Lead", "Look at {{contact.firstName}}", null, null);

    assertThat(perform(requestIn(account, id, "a"), mail).outcome()).isEqualTo("done");
    assertThat(perform(requestIn(account, id, "n1"), tell).outcome())
        .as("engine notifications to users are not capped")
        .isEqualTo("done");
    assertThat(perform(requestIn(account, id, "n2"), tell).outcome()).isEqualTo("done");
    ActionResult second = perform(requestIn(account, id, "b"), mail);
    assertThat(second.outcome()).isEqualTo("suppressed");
    assertThat(second.detail()).matches("email msg_\\w+ not sent: frequency cap");
  }

  @Test
  void twilioSignaturesAreComputedAsTwilioDocumentsThem() {
    // Twilio's documented example: its auth token, URL and parameters, and the signature it sends
    Map<String, String> params = new LinkedHashMap<>();
    params.put("CallSid", "CA1234567890ABCDE");
    params.put("Caller", "+14158675310");
    params.put("Digits", "1234");
    params.put("From", "+14158675310");
    params.put("To", "+18005551212");
    assertThat(
            dev.automap.workers.messages.Twilio.signature(
                "12345", "https://mycompany.com/myapp.php?foo=1&bar=2", params))
        .isEqualTo("GvWf1cFY/Q7PnoempGyD5oXAezc=");
  }
}
