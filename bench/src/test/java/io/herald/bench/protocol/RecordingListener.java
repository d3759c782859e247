package io.herald.bench.protocol;

import io.herald.bench.client.Conn;
import io.herald.bench.client.ConnListener;
import java.util.ArrayList;
import java.util.List;

/** Records what a {@link Conn} reports, for protocol tests without sockets. */
final class RecordingListener implements ConnListener {
  final List<String> events = new ArrayList<>();
  final List<Long> deliveries = new ArrayList<>();

  @Override
  public void ready(Conn conn) {
    events.add("ready");
  }

  @Override
  public void failed(Conn conn, String reason) {
    events.add("failed: " + reason);
  }

  @Override
  public void closed(Conn conn, String reason) {
    events.add("closed: " + reason);
  }

  @Override
  public void delivery(Conn conn, long sentNanos) {
    deliveries.add(sentNanos);
  }

  @Override
  public void error(Conn conn, String reason) {
    events.add("error: " + reason);
  }
}
