package io.herald.protocol.jsonrpc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.engine.Publication;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The direct publication encoder writes exactly what the Jackson path writes, or leaves it to it. */
class PublicationBytesTest {

  private final JsonRpcEncoder encoder = new JsonRpcEncoder();

  /** The Jackson path's bytes. */
  private static String viaJackson(String channel, long offset, String event, byte[] data) {
    return new String(JsonRpcEncoder.jacksonPublication(channel,
        new Publication(offset, data, null, "", event)), UTF_8);
  }

  @Test
  void sameBytesAsJacksonForEveryShape() {
    String[] channels = {"c", "chat:room", "tasks#42", "$private:x", "a b~!@#$%^&*()_+{}[]|;'<>,.?/"};
    String[] events = {null, "message", "typing.start", "ev nt"};
    String[] data = {"{}", "[1,2]", "null", "\"caf\u00e9 \ud83d\ude00\"", "{\"ts\":123,\"pad\":\"xxxx\"}",
        "1E+400", "\"\\u0000\\\"\""};
    for (String channel : channels) {
      for (String event : events) {
        for (long offset : new long[] {0, 1, 17, Long.MAX_VALUE}) {
          for (String d : data) {
            byte[] bytes = d.getBytes(UTF_8);
            byte[] direct = PublicationBytes.encode(channel, offset, event, bytes);
            assertThat(direct).as(channel + " " + event + " " + offset + " " + d).isNotNull();
            assertThat(new String(direct, UTF_8))
                .isEqualTo(viaJackson(channel, offset, event, bytes))
                .isEqualTo(encoder.publication(channel,
                    new Publication(offset, bytes, null, "", event)).toString());
          }
        }
      }
    }
  }

  @Test
  void namesThatNeedEscapingAndMalformedDataGoToJackson() {
    byte[] data = "{}".getBytes(UTF_8);
    assertThat(PublicationBytes.encode("caf\u00e9", 0, null, data)).isNull();
    assertThat(PublicationBytes.encode("a\"b", 0, null, data)).isNull();
    assertThat(PublicationBytes.encode("a\\b", 0, null, data)).isNull();
    assertThat(PublicationBytes.encode("c", 0, "line\n", data)).isNull();
    assertThat(PublicationBytes.encode("c", 0, null, new byte[] {'"', (byte) 0xc3, '"'})).isNull();
    // The Jackson path replaces a malformed byte; both paths still agree on the frame.
    byte[] bad = {'"', (byte) 0xff, '"'};
    assertThat(encoder.publication("c", new Publication(0, bad, null)).toString())
        .isEqualTo(viaJackson("c", 0, null, bad));
  }

  @Test
  void utf8CheckAgreesWithTheJdkDecoder() {
    Random random = new Random(0);
    for (int i = 0; i < 50_000; i++) {
      byte[] b = new byte[random.nextInt(8)];
      for (int k = 0; k < b.length; k++) {
        b[k] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(0x100));
      }
      assertThat(PublicationBytes.wellFormedUtf8(b)).as(java.util.HexFormat.of().formatHex(b))
          .isEqualTo(jdkAccepts(b));
    }
    assertThat(PublicationBytes.wellFormedUtf8("\ud83d\ude00 caf\u00e9".getBytes(UTF_8))).isTrue();
    assertThat(PublicationBytes.wellFormedUtf8(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})).isFalse();
    assertThat(PublicationBytes.wellFormedUtf8(new byte[] {(byte) 0xc0, (byte) 0x80})).isFalse();
  }

  private static boolean jdkAccepts(byte[] b) {
    try {
      UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
