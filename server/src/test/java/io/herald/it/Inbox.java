package io.herald.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The messages a test client received and not yet taken, oldest first. A test awaits the first
 * message matching a predicate and takes it; the others stay, so a publication that arrives while
 * a test waits for a response is not lost. Thread-safe.
 */
final class Inbox {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final List<JsonNode> messages = new ArrayList<>();

  /** Adds one received message and wakes the waiters. */
  void add(JsonNode message) {
    lock.lock();
    try {
      messages.add(message);
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Wakes the waiters without a message (the connection ended). */
  void wake() {
    lock.lock();
    try {
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits for the first message matching {@code matcher}, removes and returns it; fails after
   * {@code timeout} naming {@code what}, the inbox and {@code state} (who waits, how the
   * connection is).
   */
  JsonNode await(
      Predicate<JsonNode> matcher, Duration timeout, String what, Supplier<String> state) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        for (int i = 0; i < messages.size(); i++) {
          if (matcher.test(messages.get(i))) {
            return messages.remove(i);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(state.get() + ": timed out after " + timeout.toMillis()
              + " ms waiting for " + what + "; inbox " + clip(messages.toString()));
        }
        arrived.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      lock.unlock();
    }
  }

  /** Waits until {@code done} holds (checked at each message and wake); false after timeout. */
  boolean awaitUntil(java.util.function.BooleanSupplier done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (!done.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        arrived.awaitNanos(left);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      lock.unlock();
    }
  }

  /** The messages not yet taken, oldest first. */
  List<JsonNode> snapshot() {
    lock.lock();
    try {
      return List.copyOf(messages);
    } finally {
      lock.unlock();
    }
  }

  /** Removes and returns every message matching {@code matcher}, oldest first. */
  List<JsonNode> take(Predicate<JsonNode> matcher) {
    lock.lock();
    try {
      List<JsonNode> out = new ArrayList<>();
      messages.removeIf(m -> {
        if (matcher.test(m)) {
          out.add(m);
          return true;
        }
        return false;
      });
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** How many messages match {@code matcher}. */
  int count(Predicate<JsonNode> matcher) {
    lock.lock();
    try {
      return (int) messages.stream().filter(matcher).count();
    } finally {
      lock.unlock();
    }
  }

  /** {@code s} cut to 2,000 characters for a failure message. */
  static String clip(String s) {
    return s.length() <= 2000 ? s : s.substring(0, 2000) + "...(" + s.length() + " chars)";
  }
}
