package dev.automap.workers.events;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Hears what the store raises, for tests. */
@Singleton
public class RecordingEventSink implements EventSink {
  public final List<RaisedEvent> heard = new CopyOnWriteArrayList<>();

  @Override
  public void onRaised(RaisedEvent raised) {
    heard.add(raised);
  }

  public List<RaisedEvent> about(String contactId) {
    return heard.stream().filter(r -> contactId.equals(r.event().contactId())).toList();
  }
}
