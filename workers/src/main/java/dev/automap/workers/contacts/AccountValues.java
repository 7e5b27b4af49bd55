package dev.automap.workers.contacts;

import dev.automap.workers.events.EventLog;
import dev.automap.workers.events.EventSource;
import dev.automap.workers.store.AccountValue;
import dev.automap.workers.store.AccountValueRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Account custom values ({@code account.values.<name>} in templates and conditions). A change
 * raises {@code account.value_changed} ({@code data.name}), an event about the account (its {@code
 * contactId} is the contact whose run made the change, if any).
 */
@Singleton
public class AccountValues {
  private final AccountValueRepository values;
  private final EventLog events;

  public AccountValues(AccountValueRepository values, EventLog events) {
    this.values = values;
    this.events = events;
  }

  /** Sets the value; false when it already was that. */
  @Transactional
  public boolean set(
      String accountId, String name, String value, String contactId, EventSource source) {
    if (name == null || !name.matches("[A-Za-z0-9_][A-Za-z0-9_-]{0,63}")) {
      throw new ContactProblem("/name", "a custom value name is 1 to 64 letters, digits, _ or -");
    }
    String text = value == null ? "" : value;
    var before = values.lockOf(accountId, name).map(AccountValue::value);
    if (before.isPresent() && before.get().equals(text)) {
      return false;
    }
    values.put(accountId, name, text);
    events.raise(accountId, "account.value_changed", contactId, Map.of("name", name), source);
    return true;
  }
}
