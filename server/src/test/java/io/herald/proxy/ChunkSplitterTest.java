package io.herald.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.node.protocol.RpcError;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** NDJSON and server-sent events cut into chunks, whatever pieces the body arrives in. */
class ChunkSplitterTest {

  private static List<String> split(ChunkSplitter splitter, String body, int piece) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    List<byte[]> out = new ArrayList<>();
    for (int at = 0; at < bytes.length; at += piece) {
      RpcError error = splitter.feed(
          ByteBuffer.wrap(bytes, at, Math.min(piece, bytes.length - at)), out);
      assertThat(error).isNull();
    }
    assertThat(splitter.finish(out)).isNull();
    return out.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }

  @Property(tries = 50)
  void ndjsonLinesWhateverThePieces(@ForAll @IntRange(min = 1, max = 40) int piece) {
    String body = "{\"n\":0}\n\n  \r\n[1,2]\r\n\"caf\u00e9\"\n42";
    assertThat(split(new NdjsonSplitter(1024), body, piece))
        .containsExactly("{\"n\":0}", "[1,2]", "\"caf\u00e9\"", "42");
  }

  @Property(tries = 50)
  void sseEventsWhateverThePieces(@ForAll @IntRange(min = 1, max = 40) int piece) {
    String body = ": hello\nid: 1\ndata: {\"n\":0}\n\nevent: message\ndata: [1,\ndata: 2]\n\n"
        + "retry: 100\ndata:{\"n\":2}\r\n\r\nevent: end\ndata: {}\n\ndata: {\"after\":\"end\"}\n\n";
    assertThat(split(new SseSplitter(1024), body, piece))
        .containsExactly("{\"n\":0}", "[1,\n2]", "{\"n\":2}");
  }

  @Test
  void ndjsonLineThatIsNotJsonOrTooLongEndsTheStream() {
    List<byte[]> out = new ArrayList<>();
    RpcError error = new NdjsonSplitter(1024).feed(bytes("{\"n\":0}\n{oops\n"), out);
    assertThat(out).hasSize(1);
    assertThat(error.code()).isEqualTo(116);
    RpcError tooLong = new NdjsonSplitter(8).feed(bytes("\"0123456789\"\n"), new ArrayList<>());
    assertThat(tooLong.code()).isEqualTo(116);
    assertThat(tooLong.message()).contains("larger than 8 bytes");
    RpcError twoValues = new NdjsonSplitter(64).feed(bytes("1 2\n"), new ArrayList<>());
    assertThat(twoValues.code()).isEqualTo(116);
  }

  @Test
  void sseErrorEventCarriesTheBackendsError() {
    RpcError error = new SseSplitter(1024).feed(
        bytes("event: error\ndata: {\"code\":4100,\"message\":\"overloaded\"}\n\n"),
        new ArrayList<>());
    assertThat(error).isEqualTo(new RpcError(4100, "overloaded"));
    RpcError wrapped = new SseSplitter(1024).feed(
        bytes("event: error\ndata: {\"error\":{\"code\":4101,\"message\":\"x\"}}\n\n"),
        new ArrayList<>());
    assertThat(wrapped.code()).isEqualTo(4101);
    RpcError bad = new SseSplitter(1024).feed(bytes("event: error\ndata: {}\n\n"),
        new ArrayList<>());
    assertThat(bad.code()).isEqualTo(116);
  }

  @Test
  void contentTypes() {
    assertThat(ChunkSplitter.forContentType("application/x-ndjson; charset=utf-8", 10))
        .isInstanceOf(NdjsonSplitter.class);
    assertThat(ChunkSplitter.forContentType("Text/Event-Stream", 10))
        .isInstanceOf(SseSplitter.class);
    assertThat(ChunkSplitter.forContentType("application/json", 10)).isNull();
    assertThat(ChunkSplitter.forContentType(null, 10)).isNull();
  }

  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }
}
