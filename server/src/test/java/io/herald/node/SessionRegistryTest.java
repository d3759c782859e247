package io.herald.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.node.protocol.Disconnect;
import org.junit.jupiter.api.Test;

/**
 * The registry keeps a user's only session without a set and makes one from the second: counts
 * and per-user actions are the same either way, and going back to one session keeps them right.
 */
class SessionRegistryTest {

  private final SessionHarness h = new SessionHarness();

  @Test
  void countsAndDisconnectsEverySessionOfAUserWhateverTheirNumber() {
    SessionHarness.Client ann1 = h.client();
    SessionHarness.Client ann2 = h.client();
    SessionHarness.Client ann3 = h.client();
    SessionHarness.Client bob = h.client();
    ann1.connect("ann");
    bob.connect("bob");
    assertThat(h.node.info().numClients()).isEqualTo(2);
    ann2.connect("ann");
    ann3.connect("ann");
    assertThat(h.node.info().numClients()).isEqualTo(4);
    assertThat(h.node.info().numUsers()).isEqualTo(2);
    assertThat(h.node.sessions()).containsExactlyInAnyOrder(
        ann1.session, ann2.session, ann3.session, bob.session);

    ann2.session.disconnect(Disconnect.FORCE_NO_RECONNECT);
    ann3.session.disconnect(Disconnect.FORCE_NO_RECONNECT); // ann is back to one session
    assertThat(h.node.info().numClients()).isEqualTo(2);

    ann2 = h.client();
    ann2.connect("ann"); // and to two
    h.node.disconnectUser("ann", null, Disconnect.FORCE_NO_RECONNECT);
    h.loop.runPending();
    assertThat(ann1.session.closed()).isTrue();
    assertThat(ann2.session.closed()).isTrue();
    assertThat(bob.session.closed()).isFalse();
    assertThat(h.node.info().numClients()).isEqualTo(1);
    assertThat(h.node.info().numUsers()).isEqualTo(1);
  }

  @Test
  void disconnectsOnlyTheNamedClientOfAUser() {
    SessionHarness.Client one = h.client();
    SessionHarness.Client two = h.client();
    one.connect("ann");
    two.connect("ann");
    h.node.disconnectUser("ann", two.session.id(), Disconnect.FORCE_NO_RECONNECT);
    h.loop.runPending();
    assertThat(one.session.closed()).isFalse();
    assertThat(two.session.closed()).isTrue();
    h.node.disconnectUser("ann", one.session.id(), Disconnect.FORCE_NO_RECONNECT);
    h.loop.runPending();
    assertThat(one.session.closed()).isTrue();
    assertThat(h.node.info().numUsers()).isZero();
  }
}
