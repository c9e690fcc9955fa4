package org.peerstore.rocksdb;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.peerstore.internal.AddrNormalizer;
import org.peerstore.internal.AddrChange;
import org.peerstore.internal.AddrState;
import org.peerstore.internal.InputLimits;
import org.peerstore.internal.Limits;
import org.peerstore.internal.RecordRules;
import org.peerstore.internal.Ttl;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.peerstore.record.PeerRecord;

/**
 * The certified address book of the RocksDB store (docs/CONTRACT.md §4): a signed record is
 * checked and verified before the peer's lock is taken, then stored with its addresses in one
 * {@link AddrMutation}. The rules are {@link RecordRules}'. Thread-safe.
 */
final class RocksRecordBook {
  private final UseGuard guard;
  private final PeerWrites writes;
  private final StoreDb db;
  private final Clock clock;
  private final Limits limits;
  private final InputLimits inputLimits;

  RocksRecordBook(UseGuard guard, PeerWrites writes, StoreDb db, Clock clock, Limits limits,
      InputLimits inputLimits) {
    this.guard = guard;
    this.writes = writes;
    this.db = db;
    this.clock = clock;
    this.limits = limits;
    this.inputLimits = inputLimits;
  }

  boolean consumePeerRecord(Envelope envelope, Duration ttl) {
    guard.checkOpen();
    Objects.requireNonNull(ttl, "ttl");
    inputLimits.checkRecord(envelope);
    PeerRecord rec = RecordRules.check(envelope);
    PeerId p = rec.peerId();
    List<Multiaddr> addrs = AddrNormalizer.normalize(p, rec.addrs());
    long ttlNanos = Ttl.toNanos(ttl);
    boolean[] accepted = {false};
    writes.write(p, new AddrMutation(db, p, "store a signed record", addrs.size(),
        PeerState.RECORD, (state, old, now, room) -> {
          boolean stored = old.record != null;
          if (RecordRules.visible(stored, state, now)
              && !RecordRules.accepts(old.record.peerRecord().seq(), rec.seq())) {
            return AddrChange.NONE;
          }
          accepted[0] = true;
          AddrChange c = RecordRules.apply(
              state, stored ? old.record.peerRecord() : null, addrs, ttlNanos, now, limits, room);
          // The envelope itself changes even when no address does.
          return new AddrChange(c.inserted(), c.removed(), true);
        }, envelope));
    return accepted[0];
  }

  Optional<Envelope> peerRecord(PeerId peer) {
    guard.checkOpen();
    Objects.requireNonNull(peer, "peer id");
    PeerState s = writes.states().read(peer, PeerState.ADDRS | PeerState.RECORD);
    boolean visible = RecordRules.visible(s.record != null, s.addrView, Ttl.nowNanos(clock));
    return visible ? Optional.of(s.record) : Optional.empty();
  }
}
