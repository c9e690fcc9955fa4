package org.peerstore.peermanager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.peerstore.Peerstore;
import org.peerstore.peer.PeerId;

/**
 * The manager (docs/PEER-MANAGER.md): pools by key, the discovered nodes' pool, waiters, the
 * cooling set and the bounded key blacklist, behind one lock. Futures are completed after the
 * lock is released.
 */
final class ShrexPeerManager implements PeerManager {
  static final String MISBEHAVED = "shrex: misbehaved";
  static final String INVALID_HASH = "shrex: announced an invalid data hash";

  /** Peers in round-robin order. Not thread-safe: the manager's lock guards it. */
  static final class Pool {
    final List<PeerId> order = new ArrayList<>();
    final Set<PeerId> members = new HashSet<>();
    final long height;
    final Instant created;
    boolean validated;
    int next;

    Pool(long height, Instant created) {
      this.height = height;
      this.created = created;
    }

    boolean add(PeerId p) {
      if (members.add(p)) {
        order.add(p);
        return true;
      }
      return false;
    }

    void remove(PeerId p) {
      if (members.remove(p)) {
        int i = order.indexOf(p);
        order.remove(i);
        if (i < next) {
          next--;
        }
      }
    }

    @Nullable PeerId take(Set<PeerId> cooling) {
      for (int k = 0; k < order.size(); k++) {
        int i = (next + k) % order.size();
        PeerId p = order.get(i);
        if (!cooling.contains(p)) {
          next = (i + 1) % order.size();
          return p;
        }
      }
      return null;
    }
  }

  private record Waiter(String key, CompletableFuture<PeerId> future) {}

  private final Peerstore store;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Duration cooldown;
  private final Duration validationTimeout;
  private final int storedPools;
  private final Duration banDuration;
  private final Map<String, Pool> pools = new HashMap<>();
  private final Pool nodes = new Pool(0, Instant.EPOCH);
  private final Set<PeerId> cooling = new HashSet<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private final LinkedHashMap<String, Boolean> blacklist;
  private long latestHeight;

  ShrexPeerManager(PeerManagerBuilder b, Scheduler scheduler) {
    this.store = b.store;
    this.clock = b.clock;
    this.scheduler = scheduler;
    this.cooldown = b.cooldown;
    this.validationTimeout = b.validationTimeout;
    this.storedPools = b.storedPools;
    this.banDuration = b.banDuration;
    int cap = b.blacklistCapacity;
    this.blacklist = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > cap;
      }
    };
    scheduleGc();
  }

  private void scheduleGc() {
    scheduler.schedule(() -> {
      gc();
      scheduleGc();
    }, validationTimeout);
  }

  private boolean tooOld(long height) {
    return latestHeight - height >= storedPools;
  }

  @Override
  public void announced(String key, long height, PeerId peer) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(peer, "peer");
    if (store.isBanned(peer)) {
      return;
    }
    List<Runnable> done = new ArrayList<>();
    synchronized (this) {
      if (blacklist.containsKey(key)) {
        return;
      }
      latestHeight = Math.max(latestHeight, height);
      Pool pool = pools.get(key);
      if (pool == null) {
        if (tooOld(height)) {
          return;
        }
        pool = new Pool(height, clock.instant());
        pools.put(key, pool);
      }
      if (pool.add(peer)) {
        serve(key, pool, done);
      }
    }
    done.forEach(Runnable::run);
  }

  /** Hands available peers of {@code pool} to waiters of {@code key} (null: any key). */
  private void serve(@Nullable String key, Pool pool, List<Runnable> done) {
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (w.future().isDone()) {
        it.remove();
        continue;
      }
      if (key != null && !key.equals(w.key())) {
        continue;
      }
      PeerId p = pool.take(cooling);
      if (p == null) {
        return;
      }
      it.remove();
      done.add(() -> w.future().complete(p));
    }
  }

  @Override
  public void validate(String key, boolean valid) {
    List<PeerId> ban = List.of();
    synchronized (this) {
      Pool pool = pools.get(key);
      if (valid) {
        if (pool != null) {
          pool.validated = true;
        }
        return;
      }
      blacklist.put(key, Boolean.TRUE);
      if (pool != null) {
        pools.remove(key);
        ban = new ArrayList<>(pool.order);
      }
    }
    for (PeerId p : ban) {
      blacklistPeer(p, INVALID_HASH);
    }
  }

  @Override
  public void discovered(PeerId peer) {
    if (store.isBanned(peer)) {
      return;
    }
    List<Runnable> done = new ArrayList<>();
    synchronized (this) {
      if (nodes.add(peer)) {
        serve(null, nodes, done);
      }
    }
    done.forEach(Runnable::run);
  }

  @Override
  public synchronized void lost(PeerId peer) {
    nodes.remove(peer);
    for (Pool p : pools.values()) {
      p.remove(peer);
    }
  }

  @Override
  public CompletableFuture<PeerId> peer(String key, Duration timeout) {
    Objects.requireNonNull(key, "key");
    CompletableFuture<PeerId> f = new CompletableFuture<>();
    synchronized (this) {
      if (blacklist.containsKey(key)) {
        f.completeExceptionally(new BlacklistedKeyException(key));
        return f;
      }
      Pool pool = pools.get(key);
      PeerId p = pool == null ? null : pool.take(cooling);
      if (p == null) {
        p = nodes.take(cooling);
      }
      if (p != null) {
        f.complete(p);
        return f;
      }
      waiters.add(new Waiter(key, f));
    }
    scheduler.schedule(() -> {
      if (f.completeExceptionally(new TimeoutException("no peer for " + key + " in " + timeout))) {
        synchronized (this) {
          waiters.removeIf(w -> w.future() == f);
        }
      }
    }, timeout);
    return f;
  }

  @Override
  public void release(PeerId peer, Result result) {
    Objects.requireNonNull(result, "result");
    switch (result) {
      case NONE -> { }
      case COOLDOWN -> {
        synchronized (this) {
          cooling.add(peer);
        }
        scheduler.schedule(() -> endCooldown(peer), cooldown);
      }
      case BLACKLIST -> blacklistPeer(peer, MISBEHAVED);
      default -> throw new AssertionError(result);
    }
  }

  private void endCooldown(PeerId peer) {
    List<Runnable> done = new ArrayList<>();
    synchronized (this) {
      if (!cooling.remove(peer)) {
        return;
      }
      for (Map.Entry<String, Pool> e : pools.entrySet()) {
        if (e.getValue().members.contains(peer)) {
          serve(e.getKey(), e.getValue(), done);
        }
      }
      if (nodes.members.contains(peer)) {
        serve(null, nodes, done);
      }
    }
    done.forEach(Runnable::run);
  }

  private void blacklistPeer(PeerId peer, String reason) {
    store.banPeer(peer, reason, banDuration);
    lost(peer);
  }

  @Override
  public void gc() {
    Instant now = clock.instant();
    synchronized (this) {
      for (Iterator<Map.Entry<String, Pool>> it = pools.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, Pool> e = it.next();
        Pool p = e.getValue();
        if (p.validated) {
          if (tooOld(p.height)) {
            it.remove();
          }
        } else if (!now.isBefore(p.created.plus(validationTimeout))) {
          it.remove();
          blacklist.put(e.getKey(), Boolean.TRUE);
        }
      }
    }
  }

  @Override
  public synchronized boolean isBlacklisted(String key) {
    return blacklist.containsKey(key);
  }

  @Override
  public synchronized int poolSize(String key) {
    Pool p = pools.get(key);
    return p == null ? 0 : p.members.size();
  }

  @Override
  public synchronized int poolCount() {
    return pools.size();
  }

  synchronized int blacklistSize() {
    return blacklist.size();
  }
}
