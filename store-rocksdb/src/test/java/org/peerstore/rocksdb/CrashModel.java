package org.peerstore.rocksdb;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.peerstore.BanTarget;
import org.peerstore.DialBook;
import org.peerstore.PeerSnapshot;
import org.peerstore.Peerstore;
import org.peerstore.Snapshots;
import org.peerstore.conformance.MutableClock;
import org.peerstore.conformance.TestPeer;
import org.peerstore.memory.MemoryPeerstore;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;

/**
 * The crash test's reference: a {@link MemoryPeerstore} (same options, own test clock, no
 * background collection) to which the parent applies, in order, every operation the child
 * acknowledged and every clock move it announced, checking each acknowledged outcome. After a
 * kill, {@link #settle} compares what the reopened RocksDB store shows of every peer with the
 * model, allowing the one operation in flight at the kill to be applied wholly or not at all.
 *
 * <p>Not thread-safe (the parent's test thread only).
 */
final class CrashModel implements AutoCloseable {
  /** What {@link #settle} decided about the operation in flight at a kill. */
  enum InFlight { NONE, APPLIED, NOT_APPLIED }

  private final List<TestPeer> peers;
  private final MutableClock clock = new MutableClock(CrashSetup.START);
  private final MemoryPeerstore model;

  long operationsAcked;
  long outcomesChecked;
  long clockMoves;
  long peerViewsCompared;
  long explicitlyCollected;
  final Map<String, Long> ackedByKind = new TreeMap<>();
  /** Acknowledged outcomes other than {@code ok}, by kind and outcome. */
  final Map<String, Long> notableOutcomes = new TreeMap<>();

  CrashModel(List<TestPeer> peers) {
    this.peers = List.copyOf(peers);
    this.model = CrashSetup.configure(MemoryPeerstore.builder(), clock)
        .gcInterval(Duration.ZERO)
        .build();
  }

  /** The model's clock: at least as late as the child's ever was. */
  Instant now() {
    return clock.instant();
  }

  /**
   * Moves the clock to {@code next} and collects garbage, as the child does after every move
   * (the child announces a move before making it, so the model may be ahead of a killed child;
   * expiry depends only on the instant, so that shows the same state).
   */
  void moveClock(Instant next) {
    if (next.isBefore(clock.instant())) {
      throw new AssertionError("clock moved back from " + clock.instant() + " to " + next);
    }
    clock.set(next);
    model.collectGarbage();
    clockMoves++;
  }

  /** Applies an acknowledged operation and checks that the model's outcome is the child's. */
  void acknowledged(CrashOp op, String childOutcome, String where) {
    String outcome = op.apply(model, peers);
    operationsAcked++;
    ackedByKind.merge(op.kind(), 1L, Long::sum);
    if (op.outcomeComparable()) {
      outcomesChecked++;
      if (!childOutcome.equals("ok")) {
        notableOutcomes.merge(op.kind() + " " + childOutcome, 1L, Long::sum);
      }
      if (!outcome.equals(childOutcome)) {
        throw new AssertionError(where + ": outcome of acknowledged " + op.text() + " was "
            + childOutcome + " in RocksDB but " + outcome + " in the model");
      }
    } else {
      explicitlyCollected += Long.parseLong(childOutcome.substring(2));
    }
  }

  /**
   * Compares every peer of {@code store} (reopened after the kill) with the model; if they
   * differ and an operation was in flight, applies it to the model and compares again.
   *
   * @throws AssertionError naming the first peer that differs either way
   */
  InFlight settle(RocksPeerstore store, CrashOp inFlight, String where) {
    List<String> actual = views(store, store, store, store);
    List<String> expected = viewsAfterReopen();
    peerViewsCompared += peers.size();
    if (actual.equals(expected)) {
      releaseConnections(model);
      return inFlight == null ? InFlight.NONE : InFlight.NOT_APPLIED;
    }
    if (inFlight == null) {
      throw difference(where + ", no operation in flight", actual, expected);
    }
    inFlight.apply(model, peers);
    expected = viewsAfterReopen();
    peerViewsCompared += peers.size();
    if (!actual.equals(expected)) {
      throw difference(where + ", operation in flight (" + inFlight.text()
          + ") neither wholly applied nor absent; compared with it applied", actual, expected);
    }
    releaseConnections(model);
    return InFlight.APPLIED;
  }

  /** An operation the child acknowledged after its last returned flush (GROUPED). */
  record Unflushed(CrashOp op, String outcome, long ackNanos) {}

  /**
   * {@link #settle} for grouped durability: the reopened store must show the model after
   * every operation up to the child's last returned flush (already applied) and then some
   * prefix of {@code unflushed} (and, after all of them, maybe {@code inFlight}), each
   * operation whole. Applies that prefix to the model.
   *
   * @return how many of {@code unflushed} the store kept ({@code unflushed.size() + 1}: all,
   *     and the operation in flight too)
   * @throws AssertionError if no such prefix matches
   */
  int settlePrefix(RocksPeerstore store, List<Unflushed> unflushed, CrashOp inFlight,
      String where) {
    List<String> actual = views(store, store, store, store);
    for (int k = 0; ; k++) {
      List<String> expected = viewsAfterReopen();
      peerViewsCompared += peers.size();
      if (actual.equals(expected)) {
        releaseConnections(model);
        return k;
      }
      if (k < unflushed.size()) {
        Unflushed u = unflushed.get(k);
        acknowledged(u.op(), u.outcome(), where + ", unflushed operation " + (k + 1));
      } else if (k == unflushed.size() && inFlight != null) {
        inFlight.apply(model, peers);
      } else {
        throw difference(where + ": no prefix of the " + unflushed.size()
            + " operations acknowledged after the last flush (whole operations, in order)"
            + " matches; compared with all of them applied", actual, expected);
      }
    }
  }

  /**
   * The model's views as a reopened store shows them: connected addresses come back
   * disconnected (docs/CONTRACT.md §11), computed on a copy so that the in-flight operation can
   * still be applied before the rule.
   */
  private List<String> viewsAfterReopen() {
    try (MemoryPeerstore copy = CrashSetup.configure(MemoryPeerstore.builder(), clock)
        .gcInterval(Duration.ZERO).build()) {
      for (TestPeer p : peers) {
        model.snapshot(p.id()).ifPresent(copy::restore);
      }
      releaseConnections(copy);
      // Bans, tags and dial history are not part of a peer snapshot (docs/CONTRACT.md §14, §15,
      // §16) and a reopen keeps them as they are: read them from the model itself.
      return views(copy, copy, model, model);
    }
  }

  /** What a reopen does to connected addresses (docs/CONTRACT.md §11). */
  private void releaseConnections(MemoryPeerstore m) {
    for (TestPeer p : peers) {
      m.updateAddrs(p.id(), org.peerstore.AddrTtl.CONNECTED,
          org.peerstore.AddrTtl.RECENTLY_CONNECTED);
    }
  }

  private AssertionError difference(String where, List<String> actual, List<String> expected) {
    for (int i = 0; i < actual.size(); i++) {
      if (!actual.get(i).equals(expected.get(i))) {
        return new AssertionError(where + ": peer " + i + " differs from the model"
            + "\n  RocksDB: " + actual.get(i) + "\n  model:   " + expected.get(i));
      }
    }
    return new AssertionError(where + ": stores differ");
  }

  /** One line per peer: everything a caller could observe of it at the model's instant. */
  private List<String> views(Peerstore s, Snapshots snapshots, Peerstore bans, DialBook dials) {
    List<String> views = new ArrayList<>();
    for (TestPeer p : peers) {
      views.add(view(s, snapshots, bans, p.id()) + " dials=" + dials.dialHistory(p.id())
          .orElse(null) + " backoff=" + dials.backoffUntil(p.id()).orElse(null));
    }
    return views;
  }

  private String view(Peerstore s, Snapshots snapshots, Peerstore bans, PeerId p) {
    Instant now = clock.instant();
    StringBuilder b = new StringBuilder();
    // No snapshot and one whose addresses all expired (stored until collected: a collection
    // cut short by the kill, after a clock move the model collected at) look the same.
    PeerSnapshot v = snapshots.snapshot(p).orElseGet(
        () -> new PeerSnapshot(p, List.of(), null, null, null, Set.of(), Map.of()));
    List<PeerSnapshot.Addr> live = new ArrayList<>();
    for (PeerSnapshot.Addr a : v.addrs()) {
      if (!a.expiredAt(now)) {
        live.add(a);
      }
    }
    // A record left with no live address is invisible too.
    b.append("addrs=").append(live);
    b.append(" record=").append(live.isEmpty() ? null : record(v.record()));
    b.append(" pub=").append(v.pubKey() == null ? null : digest(v.pubKey().marshal()));
    b.append(" priv=").append(v.privKey() == null ? null : digest(v.privKey().marshal()));
    b.append(" protocols=").append(v.protocols());
    Map<String, String> metadata = new TreeMap<>();
    v.metadata().forEach((k, val) -> metadata.put(k, HexFormat.of().formatHex(val)));
    b.append(" metadata=").append(metadata);
    // The ordinary reads too (cache path).
    b.append(" | addrs()=").append(s.addrs(p));
    b.append(" peerRecord()=").append(s.peerRecord(p).map(CrashModel::record).orElse(null));
    b.append(" protocols()=").append(new TreeSet<>(s.protocols(p)));
    b.append(" privKey()=").append(s.privKey(p).map(k -> digest(k.marshal())).orElse(null));
    for (int k = 0; k < 4; k++) {
      b.append(" k").append(k).append('=').append(s.get(p, "k" + k).map(CrashModel::text)
          .orElse(null));
    }
    // The ban book: the peer's ban and the ban of its address 10.0.0.i, as stored and checked.
    int index = indexOf(p);
    b.append(" ban=").append(bans.banOf(BanTarget.peer(p)).orElse(null));
    b.append(" isBanned=").append(bans.isBanned(p));
    b.append(" ipBan=").append(bans.banOf(BanTarget.ip(CrashOp.ip(index))).orElse(null));
    b.append(" ipBanned=").append(bans.isBanned(CrashOp.ip(index)));
    // The tag book: the peer's tag state (first seen, values, protections) and its trim rank.
    b.append(" tags=").append(bans.tagInfo(p).orElse(null));
    b.append(" trim=").append(bans.trimCandidates(peers.size()).indexOf(p));
    return b.toString();
  }

  private int indexOf(PeerId p) {
    for (int i = 0; i < peers.size(); i++) {
      if (peers.get(i).id().equals(p)) {
        return i;
      }
    }
    throw new AssertionError("not a crash test peer: " + p);
  }

  private static String record(Envelope e) {
    return e == null ? null : "seq " + e.peerRecord().seq() + " " + digest(e.marshal());
  }

  private static String text(Object v) {
    return v instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : v.getClass()
        .getSimpleName() + ":" + v;
  }

  /** A short fingerprint of bytes (keys are not printed whole in assertion messages). */
  private static String digest(byte[] bytes) {
    return Integer.toHexString(Arrays.hashCode(bytes));
  }

  @Override
  public void close() {
    model.close();
  }
}
