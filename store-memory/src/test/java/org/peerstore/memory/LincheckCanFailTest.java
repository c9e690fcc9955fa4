package org.peerstore.memory;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.peerstore.BanTarget;
import org.peerstore.Peerstore;
import org.peerstore.conformance.BanBookLinearizability;
import org.peerstore.conformance.ForwardingPeerstore;
import org.peerstore.conformance.Linearizability;
import org.peerstore.conformance.ProtoBookLinearizability;
import org.peerstore.peer.PeerId;

/**
 * The linearizability tests can fail: on a store whose {@code addProtocols} is a racy
 * read-modify-write (read the set, then {@code setProtocols} of the union), Lincheck's model
 * checker finds the lost update; on one whose {@code unban} checks then lifts, it finds two
 * unbans that both report lifting the same ban. Guards against a Lincheck set-up that checks
 * nothing.
 */
class LincheckCanFailTest {

  /** A memory store whose addProtocols reads and then writes without holding any lock. */
  static Peerstore racy(Peerstore real) {
    return new ForwardingPeerstore(real) {
      @Override
      public void addProtocols(PeerId p, Collection<String> ps) {
        Set<String> next = new LinkedHashSet<>(delegate.protocols(p));
        next.addAll(ps);
        delegate.setProtocols(p, next);
      }
    };
  }

  /** The protocol book linearizability test on the racy store. */
  public static class RacyProtoBook extends ProtoBookLinearizability {
    /** A fresh racy store per invocation. */
    public RacyProtoBook() {
      super(racy(Linearizability.configure(MemoryPeerstore.builder()).build()));
    }
  }

  /** A memory store whose unban checks and then lifts without holding any lock. */
  static Peerstore racyUnban(Peerstore real) {
    return new ForwardingPeerstore(real) {
      @Override
      public boolean unban(BanTarget target) {
        boolean inForce = delegate.banOf(target).isPresent();
        delegate.unban(target);
        return inForce;
      }
    };
  }

  /** The ban book linearizability test on the store with the racy unban. */
  public static class RacyBanBook extends BanBookLinearizability {
    /** A fresh racy store per invocation. */
    public RacyBanBook() {
      super(racyUnban(Linearizability.configure(MemoryPeerstore.builder()).build()));
    }
  }

  @Test
  void modelCheckingFindsTheDoubleUnban() {
    assertThatThrownBy(() -> BanBookLinearizability.modelChecking(RacyBanBook.class, 10, 100))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Invalid execution results");
  }

  @Test
  void modelCheckingFindsTheLostUpdate() {
    assertThatThrownBy(() -> Linearizability.modelChecking(RacyProtoBook.class, false, 4, 60))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Invalid execution results");
  }
}
