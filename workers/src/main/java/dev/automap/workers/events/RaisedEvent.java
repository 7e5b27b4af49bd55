package dev.automap.workers.events;

/** An event of an account, stored and committed, with what caused it. */
public record RaisedEvent(String accountId, ContactEvent event, EventSource source) {}
