package io.herald.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.node.protocol.Frame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundLogTest {

  private long now;

  private OutboundLog log(long maxBytes) {
    return new OutboundLog(maxBytes, Duration.ofSeconds(10), () -> now);
  }

  private static Frame frame(int size) {
    return Frame.wrap("x".repeat(size).getBytes(StandardCharsets.UTF_8));
  }

  private static List<Long> seqs(List<OutboundLog.Entry> entries) {
    return entries.stream().map(OutboundLog.Entry::seq).toList();
  }

  @Test
  void messagesAreNumberedFromOneAndAckedUpToTheCursor() {
    OutboundLog log = log(1000);
    log.append(frame(10));
    log.append(frame(10));
    log.append(frame(10));
    assertThat(log.last()).isEqualTo(3);
    assertThat(seqs(log.after(0))).containsExactly(1L, 2L, 3L);
    log.ack(2);
    assertThat(seqs(log.after(0))).containsExactly(3L);
    assertThat(log.covers(2)).isTrue();
    assertThat(log.covers(1)).isFalse();
    assertThat(log.covers(4)).isFalse();
  }

  @Test
  void sentMessagesMakeRoomUnsentOnesOverTheBoundAreSlow() {
    OutboundLog log = log(100);
    log.append(frame(60));
    assertThat(seqs(log.unsent())).containsExactly(1L);
    log.append(frame(60));
    assertThat(log.overBound()).isFalse();
    assertThat(log.covers(0)).isFalse();
    assertThat(log.covers(1)).isTrue();
    log.append(frame(60));
    assertThat(log.overBound()).isTrue();
  }

  @Test
  void sentMessagesOlderThanKeepSentAreDroppedUnsentOnesStay() {
    OutboundLog log = log(1_000_000);
    log.append(frame(1));
    log.append(frame(1));
    log.unsent();
    now += Duration.ofSeconds(11).toNanos();
    log.append(frame(1));
    now += Duration.ofSeconds(11).toNanos();
    log.append(frame(1));
    assertThat(log.covers(0)).isFalse();
    assertThat(log.covers(2)).isTrue();
    assertThat(seqs(log.after(2))).containsExactly(3L, 4L);
  }

  @Test
  void unsentIsWhatNoSinkTookYet() {
    OutboundLog log = log(1000);
    log.append(frame(1));
    log.append(frame(1));
    assertThat(seqs(log.unsent())).containsExactly(1L, 2L);
    assertThat(log.unsent()).isEmpty();
    log.append(frame(1));
    assertThat(seqs(log.unsent())).containsExactly(3L);
    assertThat(seqs(log.after(1))).containsExactly(2L, 3L);
  }

  @Test
  void anSseEventSplitsLineBreaksIntoDataLines() {
    OutboundLog.Entry entry = new OutboundLog.Entry(7,
        Frame.wrap("{\"a\":\r\n1,\n\"b\":2}".getBytes(StandardCharsets.UTF_8)));
    String event = SseStream.event("s", entry).toString(StandardCharsets.UTF_8);
    assertThat(event).isEqualTo("id: s/7\ndata: {\"a\":\ndata: 1,\ndata: \"b\":2}\n\n");
    OutboundLog.Entry plain = new OutboundLog.Entry(8, Frame.wrap("{}".getBytes()));
    assertThat(SseStream.event("s", plain).toString(StandardCharsets.UTF_8))
        .isEqualTo("id: s/8\ndata: {}\n\n");
  }
}
