package dev.automap.workers.messages;

import dev.automap.workers.events.EventSource;

/** The action a message belongs to: its idempotency key, its contact, its run and step. */
public interface MessageOrigin {
  String idempotencyKey();

  String accountId();

  String contactId();

  /** The workflow ID of the run the action belongs to. */
  String workflowId();

  String stepName();

  /** What the message's events name as their cause. */
  EventSource source();
}
