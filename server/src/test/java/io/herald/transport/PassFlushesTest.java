package io.herald.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A loop's pass flushes every member added in the pass with one task queued behind the tasks
 * already waiting; a member added while the flushes run waits for the next pass; one member's
 * failing flush keeps no other from its own.
 */
class PassFlushesTest {

  private final EventLoop loop = new DefaultEventLoop();

  @AfterEach
  void stop() {
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private <T> T onLoop(java.util.concurrent.Callable<T> task) throws Exception {
    return loop.submit(task).get(5, TimeUnit.SECONDS);
  }

  @Test
  void oneLoopHasOneInstance() {
    assertThat(PassFlushes.of(loop)).isSameAs(PassFlushes.of(loop));
    EventLoop other = new DefaultEventLoop();
    try {
      assertThat(PassFlushes.of(other)).isNotSameAs(PassFlushes.of(loop));
    } finally {
      other.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  @Test
  void membersAddedInOnePassAreFlushedTogetherAfterTheTasksQueuedBeforeThem() throws Exception {
    List<String> order = new ArrayList<>();
    PassFlushes flushes = PassFlushes.of(loop);
    onLoop(() -> {
      loop.execute(() -> order.add("task queued before"));
      for (int i = 0; i < 3; i++) {
        int n = i;
        flushes.add(() -> order.add("flush " + n), loop);
      }
      loop.execute(() -> order.add("task queued after"));
      return null;
    });
    onLoop(() -> null); // behind everything above
    assertThat(order).containsExactly(
        "task queued before", "flush 0", "flush 1", "flush 2", "task queued after");
  }

  @Test
  void aMemberAddedWhileFlushingIsFlushedInTheNextPass() throws Exception {
    List<String> order = new ArrayList<>();
    PassFlushes flushes = PassFlushes.of(loop);
    onLoop(() -> {
      flushes.add(() -> {
        order.add("first");
        flushes.add(() -> order.add("added while flushing"), loop);
        loop.execute(() -> order.add("task queued while flushing"));
      }, loop);
      return null;
    });
    onLoop(() -> null);
    onLoop(() -> null);
    assertThat(order).containsExactly("first", "added while flushing", "task queued while flushing");
  }

  @Test
  void aFailingFlushKeepsNoOtherMemberFromItsFlush() throws Exception {
    List<String> flushed = new ArrayList<>();
    PassFlushes flushes = PassFlushes.of(loop);
    onLoop(() -> {
      flushes.add(() -> flushed.add("before"), loop);
      flushes.add(() -> {
        throw new IllegalStateException("a broken connection");
      }, loop);
      flushes.add(() -> flushed.add("after"), loop);
      return null;
    });
    onLoop(() -> null);
    onLoop(() -> {
      flushes.add(() -> flushed.add("next pass"), loop);
      return null;
    });
    onLoop(() -> null);
    assertThat(flushed).containsExactly("before", "after", "next pass");
  }
}
