package io.herald.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link BrokerEventHandler} that records what a broker hands the node, as text: {@code
 * channel=data@offset}, {@code join:channel:client}, {@code leave:channel:client}.
 */
public final class EngineRecorder implements BrokerEventHandler {

  /** Everything received, in arrival order. */
  public final List<String> received = new CopyOnWriteArrayList<>();

  /** Publications received, in arrival order. */
  public final List<Publication> publications = new CopyOnWriteArrayList<>();

  @Override
  public void onPublication(String channel, Publication publication) {
    publications.add(publication);
    received.add(channel + "=" + new String(publication.data(), StandardCharsets.UTF_8)
        + "@" + publication.offset());
  }

  @Override
  public void onJoin(String channel, ClientInfo info) {
    received.add("join:" + channel + ":" + info.client());
  }

  /** Control messages received, in arrival order. */
  public final List<ControlMessage> controls = new CopyOnWriteArrayList<>();

  @Override
  public void onControl(ControlMessage message) {
    controls.add(message);
  }

  /** {@code channel@offset:epoch} of every {@link #onPositionCheck}, in arrival order. */
  public final List<String> positionChecks = new CopyOnWriteArrayList<>();

  @Override
  public void onPositionCheck(String channel, StreamPosition position) {
    positionChecks.add(channel + "@" + position.offset() + ":" + position.epoch());
  }

  @Override
  public void onLeave(String channel, ClientInfo info) {
    received.add("leave:" + channel + ":" + info.client());
  }
}
