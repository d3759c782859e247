package io.herald.engine.nats;

import io.herald.config.NatsConfig;
import java.util.concurrent.ThreadLocalRandom;

/** What the NATS engine tests share: the machine's NATS and a subject prefix per test. */
final class NatsTests {

  /** The shared NATS server of the machine (CI starts one when absent). */
  static final String URL = "nats://127.0.0.1:4222";

  private NatsTests() {}

  /** The config of a test: the shared server, a prefix no other test run uses. */
  static NatsConfig config() {
    return NatsConfig.defaults().withUrl(URL).withPrefix(
        "herald-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
  }
}
