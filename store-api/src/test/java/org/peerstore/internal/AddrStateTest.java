package org.peerstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerstore.multiaddr.Multiaddr;

class AddrStateTest {
  private static final long MIN = 60_000_000_000L;
  private static final long HOUR = 60 * MIN;
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final Limits NO_CAP = Limits.unlimited(128);

  private static Multiaddr ma(int port) {
    return Multiaddr.fromString("/ip4/1.2.3.4/tcp/" + port);
  }

  private static Limits cap(int perPeer) {
    return new Limits(perPeer, 0, 0, 128);
  }

  @Test
  void addInsertsWithTtlAndExpiry() {
    AddrState s = new AddrState();
    AddrChange c = s.add(List.of(ma(1), ma(2)), HOUR, T0, NO_CAP);
    assertThat(c.inserted()).containsExactly(ma(1), ma(2));
    assertThat(c.removed()).isEmpty();
    assertThat(c.modified()).isTrue();
    assertThat(s.entries()).containsExactly(
        new AddrEntry(ma(1), HOUR, T0 + HOUR), new AddrEntry(ma(2), HOUR, T0 + HOUR));
    assertThat(s.unconnectedCount()).isEqualTo(2);
  }

  @Test
  void addWithNonPositiveTtlDoesNothing() {
    AddrState s = new AddrState();
    assertThat(s.add(List.of(ma(1)), 0, T0, NO_CAP)).isEqualTo(AddrChange.NONE);
    assertThat(s.add(List.of(ma(1)), -5, T0, NO_CAP).modified()).isFalse();
    assertThat(s.isEmpty()).isTrue();
  }

  @Test
  void addOnlyExtendsTtlAndExpiryIndependently() {
    AddrState s = new AddrState();
    s.add(List.of(ma(1)), HOUR, T0, NO_CAP);
    // Shorter ttl at the same time: nothing changes.
    AddrChange c = s.add(List.of(ma(1)), 30 * MIN, T0, NO_CAP);
    assertThat(c.modified()).isFalse();
    assertThat(c.inserted()).isEmpty();
    // Shorter ttl later: ttl stays, expiry grows.
    s.add(List.of(ma(1)), 20 * MIN, T0 + 50 * MIN, NO_CAP);
    assertThat(s.find(ma(1))).isEqualTo(new AddrEntry(ma(1), HOUR, T0 + 70 * MIN));
    // Longer ttl given earlier than it would matter: ttl grows, expiry stays.
    s.add(List.of(ma(1)), 2 * HOUR, T0 - 60 * MIN, NO_CAP);
    assertThat(s.find(ma(1))).isEqualTo(new AddrEntry(ma(1), 2 * HOUR, T0 + 70 * MIN));
  }

  @Test
  void addingConnectedToAStoredAddressMakesItConnected() {
    AddrState s = new AddrState();
    s.add(List.of(ma(1)), MIN, T0, NO_CAP);
    s.add(List.of(ma(1)), Ttl.CONNECTED, T0, NO_CAP);
    assertThat(s.find(ma(1))).isEqualTo(new AddrEntry(ma(1), Ttl.CONNECTED, Ttl.NEVER));
    assertThat(s.unconnectedCount()).isZero();
    assertThat(s.nextExpiry()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void setOverridesEvenWithAShorterTtl() {
    AddrState s = new AddrState();
    s.add(List.of(ma(1), ma(2)), HOUR, T0, NO_CAP);
    AddrChange c = s.set(List.of(ma(1), ma(3)), MIN, T0 + MIN, NO_CAP);
    assertThat(c.inserted()).containsExactly(ma(3));
    assertThat(s.find(ma(1))).isEqualTo(new AddrEntry(ma(1), MIN, T0 + 2 * MIN));
    assertThat(s.find(ma(2))).isEqualTo(new AddrEntry(ma(2), HOUR, T0 + HOUR));
    assertThat(s.find(ma(3))).isEqualTo(new AddrEntry(ma(3), MIN, T0 + 2 * MIN));
  }

  @Test
  void setWithNonPositiveTtlDeletesOnlyTheListed() {
    AddrState s = new AddrState();
    s.add(List.of(ma(1), ma(2), ma(3)), Ttl.CONNECTED, T0, NO_CAP);
    AddrChange c = s.set(List.of(ma(3), ma(1), ma(9)), 0, T0, NO_CAP);
    assertThat(c.removed()).containsExactlyInAnyOrder(ma(1), ma(3));
    assertThat(c.inserted()).isEmpty();
    assertThat(s.live(T0)).containsExactly(ma(2));
    assertThat(s.set(List.of(ma(9)), -1, T0, NO_CAP).modified()).isFalse();
  }

  @Test
  void updateTouchesOnlyTheExactTtl() {
    AddrState s = new AddrState();
    s.add(List.of(ma(1)), Ttl.CONNECTED, T0, NO_CAP);
    s.add(List.of(ma(2)), Ttl.PERMANENT, T0, NO_CAP);
    s.add(List.of(ma(3)), HOUR, T0, NO_CAP);
    s.update(Ttl.CONNECTED, 2 * MIN, T0 + MIN, NO_CAP);
    assertThat(s.find(ma(1))).isEqualTo(new AddrEntry(ma(1), 2 * MIN, T0 + 3 * MIN));
    assertThat(s.find(ma(2))).isEqualTo(new AddrEntry(ma(2), Ttl.PERMANENT, Ttl.NEVER));
    assertThat(s.find(ma(3))).isEqualTo(new AddrEntry(ma(3), HOUR, T0 + HOUR));
    assertThat(s.unconnectedCount()).isEqualTo(2);
    assertThat(s.update(12345, MIN, T0, NO_CAP)).isEqualTo(AddrChange.NONE);
  }

  @Test
  void updateToNonPositiveDeletes() {
    AddrState s = new AddrState();
    s.add(List.of(ma(1), ma(2)), HOUR, T0, NO_CAP);
    s.add(List.of(ma(3)), MIN, T0, NO_CAP);
    AddrChange c = s.update(HOUR, 0, T0, NO_CAP);
    assertThat(c.removed()).containsExactly(ma(1), ma(2));
    assertThat(s.entries()).extracting(AddrEntry::addr).containsExactly(ma(3));
  }

  @Test
  void downgradedConnectedAddressesExpireAndAreCollected() {
    AddrState s = new AddrState();
    s.add(List.of(ma(1)), Ttl.CONNECTED, T0, NO_CAP);
    assertThat(s.nextExpiry()).isEqualTo(Long.MAX_VALUE);
    s.update(Ttl.CONNECTED, 2 * MIN, T0, NO_CAP);
    assertThat(s.nextExpiry()).isEqualTo(T0 + 2 * MIN);
    assertThat(s.live(T0 + 2 * MIN - 1)).containsExactly(ma(1));
    assertThat(s.removeExpired(T0 + 2 * MIN - 1)).isZero();
    assertThat(s.live(T0 + 2 * MIN)).isEmpty();
    assertThat(s.removeExpired(T0 + 2 * MIN)).isEqualTo(1);
    assertThat(s.isEmpty()).isTrue();
    assertThat(s.unconnectedCount()).isZero();
  }

  @Test
  void expiryIsExclusive() {
    AddrState s = new AddrState();
    s.add(List.of(ma(1)), 1, T0, NO_CAP);
    assertThat(s.hasLive(T0)).isTrue();
    assertThat(s.hasLive(T0 + 1)).isFalse();
    assertThat(s.view().hasLive(T0 + 1)).isFalse();
    assertThat(s.live(T0 + 1)).isEmpty();
  }

  @Test
  void removeExpiredKeepsOrderAndCounts() {
    AddrState s = new AddrState();
    s.add(List.of(ma(1)), MIN, T0, NO_CAP);
    s.add(List.of(ma(2)), HOUR, T0, NO_CAP);
    s.add(List.of(ma(3)), MIN, T0, NO_CAP);
    s.add(List.of(ma(4)), Ttl.CONNECTED, T0, NO_CAP);
    assertThat(s.nextExpiry()).isEqualTo(T0 + MIN);
    assertThat(s.removeExpired(T0 + MIN)).isEqualTo(2);
    assertThat(s.live(T0 + MIN)).containsExactly(ma(2), ma(4));
    assertThat(s.unconnectedCount()).isEqualTo(1);
    assertThat(s.nextExpiry()).isEqualTo(T0 + HOUR);
  }

  @Test
  void removeAndClear() {
    AddrState s = new AddrState();
    s.add(List.of(ma(1), ma(2)), HOUR, T0, NO_CAP);
    s.add(List.of(ma(3)), Ttl.CONNECTED, T0, NO_CAP);
    assertThat(s.remove(List.of(ma(2), ma(7))).removed()).containsExactly(ma(2));
    assertThat(s.size()).isEqualTo(2);
    assertThat(s.clear()).isEqualTo(2);
    assertThat(s.isEmpty()).isTrue();
    assertThat(s.unconnectedCount()).isZero();
    assertThat(s.live(T0)).isEmpty();
  }

  @Test
  void perPeerCapEvictsTheNearestExpiry() {
    AddrState s = new AddrState();
    s.add(List.of(ma(1)), HOUR, T0, cap(3));
    s.add(List.of(ma(2)), 30 * MIN, T0, cap(3));
    s.add(List.of(ma(3)), 10 * MIN, T0, cap(3));
    AddrChange c = s.add(List.of(ma(4)), 45 * MIN, T0, cap(3));
    assertThat(c.inserted()).containsExactly(ma(4));
    assertThat(c.removed()).containsExactly(ma(3));
    assertThat(s.live(T0)).containsExactlyInAnyOrder(ma(1), ma(2), ma(4));
  }

  @Test
  void perPeerCapAppliesToSet() {
    AddrState s = new AddrState();
    s.add(List.of(ma(1)), HOUR, T0, cap(2));
    s.add(List.of(ma(2)), 10 * MIN, T0, cap(2));
    s.set(List.of(ma(3)), 30 * MIN, T0, cap(2));
    assertThat(s.live(T0)).containsExactlyInAnyOrder(ma(1), ma(3));
  }

  @Test
  void perPeerCapNeverCountsOrEvictsConnected() {
    AddrState s = new AddrState();
    s.add(List.of(ma(0)), Ttl.CONNECTED, T0, cap(2));
    s.add(List.of(ma(1)), 10 * MIN, T0, cap(2));
    s.add(List.of(ma(2)), 20 * MIN, T0, cap(2));
    s.add(List.of(ma(3)), 30 * MIN, T0, cap(2));
    assertThat(s.live(T0)).containsExactlyInAnyOrder(ma(0), ma(2), ma(3));
    s.add(List.of(ma(4), ma(5)), Ttl.CONNECTED, T0, cap(2));
    assertThat(s.size()).isEqualTo(5);
    assertThat(s.unconnectedCount()).isEqualTo(2);
  }

  @Test
  void perPeerCapTiesEvictTheOldestAndInBatchEvictionsAreNotPublished() {
    AddrState s = new AddrState();
    AddrChange c = s.add(List.of(ma(1), ma(2), ma(3), ma(4), ma(5)), HOUR, T0, cap(3));
    assertThat(s.live(T0)).containsExactly(ma(3), ma(4), ma(5));
    assertThat(c.inserted()).containsExactly(ma(3), ma(4), ma(5));
    assertThat(c.removed()).isEmpty();
  }

  @Test
  void downgradeBeyondThePerPeerCapEvictsAnotherAddress() {
    AddrState s = new AddrState();
    s.add(List.of(ma(1)), 5 * MIN, T0, cap(2));
    s.add(List.of(ma(2)), HOUR, T0, cap(2));
    s.add(List.of(ma(3)), Ttl.CONNECTED, T0, cap(2));
    AddrChange c = s.update(Ttl.CONNECTED, 15 * MIN, T0, cap(2));
    assertThat(c.removed()).containsExactly(ma(1));
    assertThat(s.live(T0)).containsExactly(ma(2), ma(3));
    assertThat(s.unconnectedCount()).isEqualTo(2);
  }

  @Test
  void globalRoomDropsNewAddressesBeyondIt() {
    AddrState s = new AddrState();
    AddrChange c = s.add(List.of(ma(1), ma(2), ma(3)), HOUR, T0, NO_CAP, 2);
    assertThat(c.inserted()).containsExactly(ma(1), ma(2));
    assertThat(s.size()).isEqualTo(2);
    // Extending a stored address needs no room.
    assertThat(s.add(List.of(ma(1)), 2 * HOUR, T0, NO_CAP, 0).modified()).isTrue();
    // Connected addresses need no room.
    assertThat(s.add(List.of(ma(4)), Ttl.CONNECTED, T0, NO_CAP, 0).inserted())
        .containsExactly(ma(4));
    assertThat(s.set(List.of(ma(5)), HOUR, T0, NO_CAP, 0).modified()).isFalse();
  }

  @Test
  void downgradeWithoutGlobalRoomDeletesTheAddress() {
    AddrState s = new AddrState();
    s.add(List.of(ma(1), ma(2)), Ttl.CONNECTED, T0, NO_CAP);
    AddrChange c = s.update(Ttl.CONNECTED, HOUR, T0, NO_CAP, 1);
    assertThat(c.removed()).containsExactly(ma(2));
    assertThat(s.entries()).containsExactly(new AddrEntry(ma(1), HOUR, T0 + HOUR));
    AddrState t = new AddrState();
    t.add(List.of(ma(1)), Ttl.CONNECTED, T0, NO_CAP);
    assertThat(t.set(List.of(ma(1)), HOUR, T0, NO_CAP, 0).removed()).containsExactly(ma(1));
    assertThat(t.isEmpty()).isTrue();
  }

  @Test
  void perPeerEvictionNeedsNoGlobalRoom() {
    AddrState s = new AddrState();
    s.add(List.of(ma(1), ma(2)), HOUR, T0, cap(2));
    AddrChange c = s.add(List.of(ma(3)), 2 * HOUR, T0, cap(2), 0);
    assertThat(c.inserted()).containsExactly(ma(3));
    assertThat(c.removed()).containsExactly(ma(1));
    assertThat(s.unconnectedCount()).isEqualTo(2);
  }

  @Test
  void snapshotIsImmutableAndAllocatesNothingWhileNothingExpired() {
    AddrState s = new AddrState();
    s.add(List.of(ma(1), ma(2)), HOUR, T0, NO_CAP);
    AddrView view = s.view();
    assertThat(s.view()).isSameAs(view);
    List<Multiaddr> first = view.live(T0);
    assertThat(view.live(T0 + MIN)).isSameAs(first);
    assertThatThrownBy(() -> first.add(ma(9))).isInstanceOf(UnsupportedOperationException.class);
    s.add(List.of(ma(3)), HOUR, T0, NO_CAP);
    assertThat(view.live(T0)).containsExactly(ma(1), ma(2));
    assertThat(s.view()).isNotSameAs(view);
    assertThat(s.view().live(T0)).containsExactly(ma(1), ma(2), ma(3));
    assertThat(AddrView.EMPTY.live(T0)).isEmpty();
  }

  @Test
  void entriesRoundTripThroughTheConstructor() {
    AddrState s = new AddrState();
    s.add(List.of(ma(1)), HOUR, T0, NO_CAP);
    s.add(List.of(ma(2)), Ttl.CONNECTED, T0, NO_CAP);
    AddrState back = new AddrState(s.entries());
    assertThat(back.entries()).isEqualTo(s.entries());
    assertThat(back.unconnectedCount()).isEqualTo(1);
    assertThat(back.nextExpiry()).isEqualTo(T0 + HOUR);
    assertThatThrownBy(() -> new AddrState(List.of(
        new AddrEntry(ma(1), 1, 1), new AddrEntry(ma(1), 2, 2))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void copyIsIndependent() {
    AddrState s = new AddrState();
    s.add(List.of(ma(1)), HOUR, T0, NO_CAP);
    AddrState c = s.copy();
    c.add(List.of(ma(2)), HOUR, T0, NO_CAP);
    assertThat(s.size()).isEqualTo(1);
    assertThat(c.size()).isEqualTo(2);
  }

  @Test
  void manyAddressesUseTheIndexCorrectly() {
    AddrState s = new AddrState();
    List<Multiaddr> all = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      all.add(ma(1000 + i));
    }
    assertThat(s.add(all, HOUR, T0, NO_CAP).inserted()).hasSize(200);
    assertThat(s.add(all, HOUR, T0, NO_CAP).modified()).isFalse();
    s.set(all.subList(0, 100), 0, T0, NO_CAP);
    assertThat(s.size()).isEqualTo(100);
    assertThat(s.find(ma(1000))).isNull();
    assertThat(s.find(ma(1150))).isNotNull();
    s.add(List.of(ma(1000)), MIN, T0, NO_CAP);
    assertThat(s.find(ma(1000))).isEqualTo(new AddrEntry(ma(1000), MIN, T0 + MIN));
    assertThat(s.live(T0)).hasSize(101);
  }

  @Test
  void changesCompose() {
    AddrState s = new AddrState();
    s.add(List.of(ma(1)), HOUR, T0, NO_CAP);
    AddrChange a = s.add(List.of(ma(2)), HOUR, T0, NO_CAP);
    AddrChange b = s.remove(List.of(ma(1), ma(2)));
    AddrChange both = a.then(b);
    assertThat(both.inserted()).isEmpty();
    assertThat(both.removed()).containsExactly(ma(1));
    assertThat(AddrChange.NONE.then(a)).isSameAs(a);
    assertThat(a.then(AddrChange.NONE)).isSameAs(a);
  }

  @Test
  void replaceAllInstallsEntriesExactlyAndReportsTheDifference() {
    AddrState state = new AddrState();
    Limits limits = Limits.unlimited(128);
    List<Multiaddr> three = List.of(Multiaddr.fromString("/ip4/1.2.3.4/tcp/1"),
        Multiaddr.fromString("/ip4/1.2.3.4/tcp/2"), Multiaddr.fromString("/ip4/1.2.3.4/tcp/3"));
    state.add(three.subList(0, 2), 1_000, 0, limits);
    AddrChange c = state.replaceAll(List.of(
        new AddrEntry(three.get(1), Ttl.CONNECTED, Ttl.NEVER),
        new AddrEntry(three.get(2), 50, 7)));
    assertThat(c.modified()).isTrue();
    assertThat(c.inserted()).containsExactly(three.get(2));
    assertThat(c.removed()).containsExactly(three.get(0));
    assertThat(state.entries()).containsExactly(
        new AddrEntry(three.get(1), Ttl.CONNECTED, Ttl.NEVER),
        new AddrEntry(three.get(2), 50, 7));
    assertThat(state.unconnectedCount()).isEqualTo(1);
    assertThat(state.nextExpiry()).isEqualTo(7);
    assertThat(state.live(6)).containsExactly(three.get(1), three.get(2));
    assertThat(state.live(7)).containsExactly(three.get(1));
    assertThat(state.replaceAll(state.entries())).isEqualTo(AddrChange.NONE);
    assertThatThrownBy(() -> state.replaceAll(List.of(
        new AddrEntry(three.get(0), 1, 1), new AddrEntry(three.get(0), 2, 2))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(state.size()).isEqualTo(2);
    assertThat(state.replaceAll(List.of()).removed()).containsExactly(three.get(1), three.get(2));
    assertThat(state.isEmpty()).isTrue();
  }
}
