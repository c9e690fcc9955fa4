package org.peerstore.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.peerstore.internal.AddrNormalizer;
import org.peerstore.internal.InputLimits;
import org.peerstore.internal.Limits;
import org.peerstore.internal.RecordRules;
import org.peerstore.internal.Ttl;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.peerstore.record.PeerRecord;

/**
 * The certified address book of the memory store (docs/CONTRACT.md §4): checks the envelope; then the seq check, stale-address removal, address
 * insertion and record storage happen as one {@link PeerWrites#writeRecord} step. Thread-safe.
 */
final class RecordBook {
  private final PeerWrites writes;
  private final Clock clock;
  private final Limits limits;
  private final InputLimits inputLimits;

  RecordBook(PeerWrites writes, Clock clock, Limits limits, InputLimits inputLimits) {
    this.writes = writes;
    this.clock = clock;
    this.limits = limits;
    this.inputLimits = inputLimits;
  }

  boolean consumePeerRecord(Envelope envelope, Duration ttl) {
    writes.checkOpen();
    inputLimits.checkRecord(envelope);
    PeerRecord record = RecordRules.check(envelope);
    long ttlNanos = Ttl.toNanos(ttl);
    PeerId peer = record.peerId();
    List<Multiaddr> normalized = AddrNormalizer.normalize(peer, record.addrs());
    long now = Ttl.nowNanos(clock);
    return writes.writeRecord(peer, envelope, normalized.size(),
        state -> !RecordRules.visible(state.envelope != null, state.addrs, now)
            || RecordRules.accepts(state.record.seq(), record.seq()),
        (state, room) -> RecordRules.apply(
            state.addrs, state.record, normalized, ttlNanos, now, limits, room));
  }

  Optional<Envelope> peerRecord(PeerId peer) {
    writes.checkOpen();
    MemoryPeer state = writes.get(peer);
    if (state == null) {
      return Optional.empty();
    }
    MemoryPeer.PublishedView view = state.view;
    return RecordRules.visible(view.record() != null, view.addrs(), Ttl.nowNanos(clock))
        ? Optional.of(view.record())
        : Optional.empty();
  }
}
