import io.herald.client.Events;
import io.herald.client.HeraldClient;
import io.herald.client.Publication;
import io.herald.client.SubscriptionListener;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the SDK on the JVM that launches this file (java's source-file mode), so that a test can
 * prove it works on Java 17: connects, subscribes, prints "subscribed", then prints the first
 * publication's data and "java.specification.version=N", and exits 0; exits 1 after 60 s.
 * Arguments: WebSocket URL, connection token, channel.
 */
public final class Jdk17Smoke {
  public static void main(String[] args) throws Exception {
    CountDownLatch got = new CountDownLatch(1);
    try (HeraldClient client = HeraldClient.builder(args[0]).token(args[1]).build()) {
      client.subscribe(args[2], new SubscriptionListener() {
        @Override
        public void onSubscribed(Events.Subscribed event) {
          System.out.println("subscribed");
          System.out.flush();
        }

        @Override
        public void onPublication(Publication p) {
          System.out.println("publication " + p.dataJson());
          got.countDown();
        }
      });
      client.connect();
      boolean ok = got.await(60, TimeUnit.SECONDS);
      System.out.println("java.specification.version=" + System.getProperty("java.specification.version"));
      System.exit(ok ? 0 : 1);
    }
  }
}
