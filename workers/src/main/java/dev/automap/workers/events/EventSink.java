package dev.automap.workers.events;

/**
 * Hears every event the store raises, once its transaction has committed (never an event of a
 * change that rolled back). Beans implementing it are found by {@link EventLog}; event routing
 * subscribes here.
 *
 * <p>Called on the thread that committed; a sink that does slow work hands it off. An exception is
 * logged and does not reach the caller: the change is made and the event is in the {@code events}
 * table either way, which stays the record to recover from.
 */
public interface EventSink {
  void onRaised(RaisedEvent raised);
}
