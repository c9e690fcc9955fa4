package org.peerstore.conformance;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import org.peerstore.AddrInfo;
import org.peerstore.Ban;
import org.peerstore.BanTarget;
import org.peerstore.DecayingTag;
import org.peerstore.DialHistory;
import org.peerstore.Peerstore;
import org.peerstore.TagDecay;
import org.peerstore.StoredTags;
import org.peerstore.TagInfo;
import org.peerstore.PeerPage;
import org.peerstore.Peerstore;
import org.peerstore.PeerstoreEvent;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Peerstore} that forwards every call to another, for tests that change one behaviour
 * of a real store (e.g. a deliberately racy operation, to show a checker can fail). Thread-safe
 * as its delegate.
 */
public class ForwardingPeerstore implements Peerstore {

  /** The store calls go to. */
  protected final Peerstore delegate;

  /** Forwards to {@code delegate}. */
  public ForwardingPeerstore(Peerstore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public void addAddr(PeerId p, Multiaddr a, Duration ttl) {
    delegate.addAddr(p, a, ttl);
  }

  @Override
  public void addAddrs(PeerId p, Collection<Multiaddr> as, Duration ttl) {
    delegate.addAddrs(p, as, ttl);
  }

  @Override
  public void setAddr(PeerId p, Multiaddr a, Duration ttl) {
    delegate.setAddr(p, a, ttl);
  }

  @Override
  public void setAddrs(PeerId p, Collection<Multiaddr> as, Duration ttl) {
    delegate.setAddrs(p, as, ttl);
  }

  @Override
  public void updateAddrs(PeerId p, Duration oldTtl, Duration newTtl) {
    delegate.updateAddrs(p, oldTtl, newTtl);
  }

  @Override
  public List<Multiaddr> addrs(PeerId p) {
    return delegate.addrs(p);
  }

  @Override
  public Flow.Publisher<Multiaddr> addrStream(PeerId p) {
    return delegate.addrStream(p);
  }

  @Override
  public void clearAddrs(PeerId p) {
    delegate.clearAddrs(p);
  }

  @Override
  public Set<PeerId> peersWithAddrs() {
    return delegate.peersWithAddrs();
  }

  @Override
  public boolean consumePeerRecord(Envelope e, Duration ttl) {
    return delegate.consumePeerRecord(e, ttl);
  }

  @Override
  public Optional<Envelope> peerRecord(PeerId p) {
    return delegate.peerRecord(p);
  }

  @Override
  public Optional<PubKey> pubKey(PeerId p) {
    return delegate.pubKey(p);
  }

  @Override
  public void addPubKey(PeerId p, PubKey k) {
    delegate.addPubKey(p, k);
  }

  @Override
  public Optional<PrivKey> privKey(PeerId p) {
    return delegate.privKey(p);
  }

  @Override
  public void addPrivKey(PeerId p, PrivKey k) {
    delegate.addPrivKey(p, k);
  }

  @Override
  public Set<PeerId> peersWithKeys() {
    return delegate.peersWithKeys();
  }

  @Override
  public Set<String> protocols(PeerId p) {
    return delegate.protocols(p);
  }

  @Override
  public void addProtocols(PeerId p, Collection<String> ps) {
    delegate.addProtocols(p, ps);
  }

  @Override
  public void setProtocols(PeerId p, Collection<String> ps) {
    delegate.setProtocols(p, ps);
  }

  @Override
  public void removeProtocols(PeerId p, Collection<String> ps) {
    delegate.removeProtocols(p, ps);
  }

  @Override
  public List<String> supportsProtocols(PeerId p, Collection<String> ps) {
    return delegate.supportsProtocols(p, ps);
  }

  @Override
  public Optional<String> firstSupportedProtocol(PeerId p, Collection<String> ps) {
    return delegate.firstSupportedProtocol(p, ps);
  }

  @Override
  public Optional<Object> get(PeerId p, String key) {
    return delegate.get(p, key);
  }

  @Override
  public void put(PeerId p, String key, Object value) {
    delegate.put(p, key, value);
  }

  @Override
  public void recordLatency(PeerId p, Duration sample) {
    delegate.recordLatency(p, sample);
  }

  @Override
  public Duration latencyEwma(PeerId p) {
    return delegate.latencyEwma(p);
  }

  @Override
  public AddrInfo peerInfo(PeerId p) {
    return delegate.peerInfo(p);
  }

  @Override
  public Set<PeerId> peers() {
    return delegate.peers();
  }

  @Override
  public void removePeer(PeerId p) {
    delegate.removePeer(p);
  }

  @Override
  public long collectGarbage() {
    return delegate.collectGarbage();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public Ban ban(BanTarget target, String reason, Duration duration) {
    return delegate.ban(target, reason, duration);
  }

  @Override
  public boolean unban(BanTarget target) {
    return delegate.unban(target);
  }

  @Override
  public Optional<Ban> banOf(BanTarget target) {
    return delegate.banOf(target);
  }

  @Override
  public List<Ban> bans() {
    return delegate.bans();
  }

  @Override
  public boolean isBanned(PeerId peer) {
    return delegate.isBanned(peer);
  }

  @Override
  public boolean isBanned(InetAddress address) {
    return delegate.isBanned(address);
  }

  @Override
  public boolean isBanned(Multiaddr address) {
    return delegate.isBanned(address);
  }

  /**
   * {@inheritDoc} Forwards.
   */
  @Override
  public void tagPeer(PeerId peer, String tag, int value, Duration ttl) {
    delegate.tagPeer(peer, tag, value, ttl);
  }

  @Override
  public boolean untagPeer(PeerId peer, String tag) {
    return delegate.untagPeer(peer, tag);
  }

  @Override
  public int upsertTag(PeerId peer, String tag, IntUnaryOperator upsert) {
    return delegate.upsertTag(peer, tag, upsert);
  }

  @Override
  public Optional<TagInfo> tagInfo(PeerId peer) {
    return delegate.tagInfo(peer);
  }

  @Override
  public void protect(PeerId peer, String tag) {
    delegate.protect(peer, tag);
  }

  @Override
  public boolean unprotect(PeerId peer, String tag) {
    return delegate.unprotect(peer, tag);
  }

  @Override
  public boolean isProtected(PeerId peer, String tag) {
    return delegate.isProtected(peer, tag);
  }

  @Override
  public boolean isProtected(PeerId peer) {
    return delegate.isProtected(peer);
  }

  @Override
  public List<PeerId> trimCandidates(int n) {
    return delegate.trimCandidates(n);
  }

  @Override
  public DecayingTag registerDecayingTag(String name, Duration interval, TagDecay decay,
      IntBinaryOperator bump) {
    return delegate.registerDecayingTag(name, interval, decay, bump);
  }

  @Override
  public java.util.Set<PeerId> peersWithTags() {
    return delegate.peersWithTags();
  }

  @Override
  public Optional<StoredTags> storedTags(PeerId peer) {
    return delegate.storedTags(peer);
  }

  @Override
  public void restoreTags(StoredTags tags) {
    delegate.restoreTags(tags);
  }

  @Override
  public void recordDialAttempt(PeerId peer, Multiaddr addr) {
    delegate.recordDialAttempt(peer, addr);
  }

  @Override
  public void recordDialSuccess(PeerId peer, Multiaddr addr) {
    delegate.recordDialSuccess(peer, addr);
  }

  @Override
  public void recordDialFailure(PeerId peer, Multiaddr addr, String reason) {
    delegate.recordDialFailure(peer, addr, reason);
  }

  @Override
  public void recordConnected(PeerId peer) {
    delegate.recordConnected(peer);
  }

  @Override
  public void recordDisconnected(PeerId peer) {
    delegate.recordDisconnected(peer);
  }

  @Override
  public Optional<org.peerstore.DialHistory> dialHistory(PeerId peer) {
    return delegate.dialHistory(peer);
  }

  @Override
  public boolean inBackoff(PeerId peer) {
    return delegate.inBackoff(peer);
  }

  @Override
  public Optional<java.time.Instant> backoffUntil(PeerId peer) {
    return delegate.backoffUntil(peer);
  }

  @Override
  public Optional<java.time.Instant> backoffUntil(PeerId peer, Multiaddr addr) {
    return delegate.backoffUntil(peer, addr);
  }

  @Override
  public Set<PeerId> peersWithDialHistory() {
    return delegate.peersWithDialHistory();
  }

  @Override
  public void restoreDialHistory(DialHistory history) {
    delegate.restoreDialHistory(history);
  }

  @Override
  public List<AddrInfo> dialCandidates(int n, java.util.function.Predicate<? super PeerId> filter) {
    return delegate.dialCandidates(n, filter);
  }

  @Override
  public Set<PeerId> peersWithProtocol(String protocol) {
    return delegate.peersWithProtocol(protocol);
  }

  @Override
  public PeerPage peersWithProtocol(String protocol, @Nullable PeerId after, int limit) {
    return delegate.peersWithProtocol(protocol, after, limit);
  }

  @Override
  public PeerPage peers(@Nullable PeerId after, int limit) {
    return delegate.peers(after, limit);
  }

  @Override
  public Flow.Publisher<PeerstoreEvent> events() {
    return delegate.events();
  }
}
