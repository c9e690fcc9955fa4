package org.peerstore.peermanager;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.peerstore.Peerstore;

/** Builds a {@link PeerManager}. Not thread-safe; the manager is. */
public final class PeerManagerBuilder {
  final Peerstore store;
  Clock clock = Clock.systemUTC();
  Scheduler scheduler;
  Duration cooldown = Duration.ofSeconds(3);
  Duration validationTimeout = Duration.ofMinutes(2);
  int storedPools = 10;
  int blacklistCapacity = 10_000;
  Duration banDuration = Duration.ofHours(1);

  PeerManagerBuilder(Peerstore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** The clock (default system UTC). */
  public PeerManagerBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Runs cooldown ends and timeouts (default: one daemon thread). */
  public PeerManagerBuilder scheduler(Scheduler scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    return this;
  }

  /** How long a peer reported {@link Result#COOLDOWN} stays out (default 3 s, as Celestia). */
  public PeerManagerBuilder cooldown(Duration d) {
    this.cooldown = positive(d);
    return this;
  }

  /** How long a pool may stay unvalidated (default 2 min). */
  public PeerManagerBuilder validationTimeout(Duration d) {
    this.validationTimeout = positive(d);
    return this;
  }

  /** How many latest heights keep their validated pools (default 10, as Celestia). */
  public PeerManagerBuilder storedPools(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("storedPools must be at least 1: " + n);
    }
    this.storedPools = n;
    return this;
  }

  /** Most blacklisted keys remembered (default 10,000; least recently used dropped first). */
  public PeerManagerBuilder blacklistCapacity(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("blacklistCapacity must be at least 1: " + n);
    }
    this.blacklistCapacity = n;
    return this;
  }

  /** How long a blacklisted peer is banned (default 1 h; {@code BanBook.PERMANENT} allowed). */
  public PeerManagerBuilder banDuration(Duration d) {
    this.banDuration = positive(d);
    return this;
  }

  private static Duration positive(Duration d) {
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("duration must be positive: " + d);
    }
    return d;
  }

  /** The manager. */
  public PeerManager build() {
    Scheduler s = scheduler;
    if (s == null) {
      ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "peerstore-peer-manager");
        t.setDaemon(true);
        return t;
      });
      s = (task, delay) -> ex.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
    return new ShrexPeerManager(this, s);
  }
}
