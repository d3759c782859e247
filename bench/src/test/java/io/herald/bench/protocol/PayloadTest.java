package io.herald.bench.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadTest {

  @Test
  void hasTheRequestedSizeAndRoundTrips() {
    long ts = 123_456_789_012_345L;
    byte[] json = Payload.json(ts, 128);
    assertThat(json).hasSize(128);
    String text = new String(json, StandardCharsets.US_ASCII);
    assertThat(text).startsWith("{\"ts\":123456789012345,\"pad\":\"x").endsWith("x\"}");
    assertThat(Payload.timestamp(Unpooled.wrappedBuffer(json))).isEqualTo(ts);
  }

  @Test
  void neverShorterThanItsContent() {
    assertThat(new String(Payload.json(42, 1), StandardCharsets.US_ASCII))
        .isEqualTo("{\"ts\":42,\"pad\":\"\"}");
  }

  @Test
  void findsTheTimestampInsideAnEnvelopeAndWithinRanges() {
    ByteBuf buf =
        Unpooled.copiedBuffer(
            "{\"jsonrpc\":\"2.0\",\"method\":\"publication\",\"params\":{\"channel\":\"bench:x\","
                + "\"data\":{\"ts\":-17,\"pad\":\"\"}}}",
            StandardCharsets.US_ASCII);
    assertThat(Payload.timestamp(buf)).isEqualTo(-17);
    assertThat(Payload.timestamp(buf, 0, 20)).isEqualTo(Payload.NONE);
    assertThat(Payload.timestamp(Unpooled.copiedBuffer("{\"ts\":}", StandardCharsets.US_ASCII)))
        .isEqualTo(Payload.NONE);
  }
}
