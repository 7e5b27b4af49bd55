package dev.automap.workers.messages;

import dev.automap.workers.store.Message;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** No SMTP server configured: nothing leaves the machine; messages are captured, not sent. */
@Singleton
@Requires(missingProperty = "automap.smtp.host")
public class CapturingMessageSender implements MessageSender {

  @Override
  public boolean delivers(String channel) {
    return false;
  }

  @Override
  public void send(Message message) {
    throw new IllegalStateException("no provider configured: messages are captured, not sent");
  }
}
