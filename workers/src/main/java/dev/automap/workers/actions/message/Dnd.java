package dev.automap.workers.actions.message;

import dev.automap.workers.store.Contact;

/** A contact's do-not-disturb, per channel ({@code set_dnd} with {@code all} sets each). */
final class Dnd {
  private Dnd() {}

  static boolean on(Contact contact, String channel) {
    var dnd = contact.dnd();
    return dnd != null
        && (Boolean.TRUE.equals(dnd.get(channel)) || Boolean.TRUE.equals(dnd.get("all")));
  }
}
