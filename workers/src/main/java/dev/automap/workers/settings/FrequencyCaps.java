package dev.automap.workers.settings;

import dev.automap.workers.store.MessageRepository;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/**
 * The account's frequency caps, applied to messages to contacts: a message that would be one more
 * than {@code max} of its channel within {@code per} is held back ({@code suppressed}, reason
 * {@code frequency cap}). Every message the contact was sent counts, or would have been sent
 * (captured); suppressed and failed ones do not, nor notifications to users, which are exempt.
 */
@Singleton
public class FrequencyCaps {
  public static final String REASON = "frequency cap";

  private final AccountSettings settings;
  private final MessageRepository messages;

  public FrequencyCaps(AccountSettings settings, MessageRepository messages) {
    this.settings = settings;
    this.messages = messages;
  }

  /**
   * Whether one more message of the channel to the contact would go over the account's cap; call it
   * in the transaction that records the message, holding the contact's lock, so two messages at
   * once count each other.
   *
   * @return the reason to hold it back, or empty when it may go
   */
  public Optional<String> over(String accountId, String contactId, String channel) {
    return settings
        .capOf(accountId, channel)
        .filter(
            cap ->
                messages.countSentSince(
                        accountId, contactId, channel, Instant.now().minus(cap.per()))
                    >= cap.max())
        .map(cap -> REASON);
  }
}
