package io.herald.bench.peer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bare broadcaster's subscriptions: channel name to subscribers grouped by event loop. Each
 * loop's list is only touched on that loop (subscribe, unsubscribe and delivery all run there),
 * so it needs no lock.
 */
final class Topics {

  private final Map<String, Map<EventLoop, ArrayList<Channel>>> topics = new ConcurrentHashMap<>();

  /** Adds {@code ch} to {@code topic}; call on {@code ch}'s loop. */
  void subscribe(String topic, Channel ch) {
    topics
        .computeIfAbsent(topic, t -> new ConcurrentHashMap<>())
        .computeIfAbsent(ch.eventLoop(), l -> new ArrayList<>())
        .add(ch);
  }

  /** Removes {@code ch} from {@code topic}; call on {@code ch}'s loop. */
  void unsubscribe(String topic, Channel ch) {
    Map<EventLoop, ArrayList<Channel>> loops = topics.get(topic);
    if (loops != null) {
      ArrayList<Channel> members = loops.get(ch.eventLoop());
      if (members != null) {
        members.remove(ch);
      }
    }
  }

  /**
   * Writes {@code payload} as one unmasked WebSocket text frame to every subscriber of {@code
   * topic}: encoded once, one task per event loop. Returns the number of loops reached.
   */
  int publish(String topic, ByteBuf payload) {
    Map<EventLoop, ArrayList<Channel>> loops = topics.get(topic);
    if (loops == null || loops.isEmpty()) {
      return 0;
    }
    ByteBuf frame = frame(payload);
    int n = 0;
    try {
      for (Map.Entry<EventLoop, ArrayList<Channel>> e : loops.entrySet()) {
        ArrayList<Channel> members = e.getValue();
        ByteBuf shared = frame.retain();
        n++;
        e.getKey()
            .execute(
                () -> {
                  try {
                    for (int i = 0, size = members.size(); i < size; i++) {
                      members.get(i).write(shared.retainedDuplicate(), members.get(i).voidPromise());
                    }
                    for (int i = 0, size = members.size(); i < size; i++) {
                      members.get(i).flush();
                    }
                  } finally {
                    shared.release();
                  }
                });
      }
    } finally {
      frame.release();
    }
    return n;
  }

  /** A complete server-to-client text frame (FIN, opcode 1, no mask) around {@code payload}. */
  static ByteBuf frame(ByteBuf payload) {
    int len = payload.readableBytes();
    ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer(len + 10);
    out.writeByte(0x81);
    if (len < 126) {
      out.writeByte(len);
    } else if (len < 65536) {
      out.writeByte(126).writeShort(len);
    } else {
      out.writeByte(127).writeLong(len);
    }
    out.writeBytes(payload, payload.readerIndex(), len);
    return out;
  }
}
