package io.herald.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DropHttpHandlersTest {

  @Test
  void aWebSocketKeepsOnlyTheHandlersItStillNeeds() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.pipeline()
        .addLast("idle", new HttpIdleTimeout(Duration.ofSeconds(5)))
        .addLast("badRequest", new BadRequestHandler())
        .addLast("origin", new ChannelInboundHandlerAdapter())
        .addLast("messages", new ChannelInboundHandlerAdapter())
        .addLast("session", new ChannelInboundHandlerAdapter())
        .addLast("router", new ChannelInboundHandlerAdapter());
    HeraldChannelInitializer.dropHttpHandlers(ch.pipeline());
    assertThat(ch.pipeline().names()).containsSubsequence("messages", "session")
        .doesNotContain("idle", "badRequest", "origin", "guard", "router");
    ch.finishAndReleaseAll();
  }
}
