package dev.automap.workers.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.DndChannel;
import dev.automap.definitions.model.SendEmailStep;
import dev.automap.definitions.model.SendSmsStep;
import dev.automap.definitions.model.SetDndStep;
import dev.automap.workers.actions.ActionRequest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A preview holds messages back as the real actions do: no address, or DND on. */
class RecordingMessagesTest {
  static final SendEmailStep EMAIL =
      new SendEmailStep(
          "mail", null, "Hi {{contact.firstName}}", "<p>x</p>", null, null, null, null, null, null);
  static final SendSmsStep SMS = new SendSmsStep("text", null, "Hi", null, null);

  static ActionRequest request(String key) {
    return ActionRequest.of(key, "acme", "sim-contact");
  }

  @Test
  void anEmailIsShownSentSkippedWithoutAnAddressAndSuppressedUnderDnd() {
    var actions =
        new RecordingActions(
            new SimulatedContact(Map.of("firstName", "Ada", "email", "ada@example.com")));
    Instant now = Instant.parse("2026-03-02T09:00:00Z");
    assertThat(actions.perform("send_email", request("k1"), EMAIL, now).detail())
        .isEqualTo("email \"Hi Ada\" to ada@example.com");
    var sms = actions.perform("send_sms", request("k2"), SMS, now);
    assertThat(sms.outcome()).isEqualTo("suppressed");
    assertThat(sms.detail()).isEqualTo("sms \"Hi\" not sent: no phone");

    actions.perform(
        "set_dnd",
        request("k3"),
        new SetDndStep("dnd", null, DndChannel.EMAIL, true, null, null),
        now);
    var held = actions.perform("send_email", request("k4"), EMAIL, now);
    assertThat(held.outcome()).isEqualTo("suppressed");
    assertThat(held.detail()).isEqualTo("email \"Hi Ada\" not sent: DND is on for email");

    var nobody = new RecordingActions(new SimulatedContact(Map.of("firstName", "Bo")));
    assertThat(nobody.perform("send_email", request("k5"), EMAIL, now).outcome())
        .isEqualTo("suppressed");
  }
}
