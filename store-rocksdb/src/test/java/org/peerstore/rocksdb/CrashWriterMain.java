package org.peerstore.rocksdb;

import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.peerstore.AddrTtl;
import org.peerstore.conformance.MutableClock;
import org.peerstore.conformance.TestPeer;
import org.peerstore.multiaddr.Multiaddr;

/**
 * Child process of {@link CrashTest}: opens the store in {@code args[0]} and applies a random
 * mix of mutations ({@link CrashOp}) forever, with background garbage collection on and a
 * test clock that only this process moves. It appends to the file {@code args[5]}, one
 * written line each:
 *
 * <pre>
 * READY            the store is open
 * T nanos          the clock is about to be set to this instant (printed before it moves)
 * B n op           operation n is about to be called (op: a {@link CrashOp} line)
 * A n outcome      operation n returned this outcome (an acknowledged operation)
 * W count          background garbage collection has collected count addresses so far
 * C nanos          (GROUPED only, after each A) System.nanoTime() when it was acknowledged
 * F n              (GROUPED only) flush() returned after operation n was acknowledged
 * </pre>
 *
 * <p>With {@code GROUPED} durability the child flushes before every clock move (so every
 * operation not covered by a flush ran at the last instant announced) and after one operation
 * in twenty.
 *
 * <p>After every clock move it collects garbage explicitly (a {@code GC} operation), so that
 * when any other operation runs no expired address is stored: what a mutation does never
 * depends on when the background collector happened to run, and the parent's model, which
 * collects at the same points, stays exact. Sometimes it first gives the background collector
 * a few milliseconds to collect the newly expired addresses itself (a wait for that thread,
 * not for time: the clock does not move meanwhile). Every other run uses 64 KiB memtables, so
 * that memtable flushes and compactions run, and get killed, while it writes.
 *
 * <p>Arguments: {@code args[0]} the store directory, {@code args[1]} the peers file
 * ({@link CrashSetup#writePeers}), {@code args[2]} the seed of the operation mix,
 * {@code args[3]} the cycle number (makes record seqs grow across cycles), {@code args[4]}
 * the clock's start ({@link CrashSetup#text}), {@code args[5]} the file to append lines to,
 * {@code args[6]} (optional, default {@code WAL}) the durability mode, {@code SYNC},
 * {@code WAL} or {@code GROUPED} (10 ms window; docs/CONTRACT.md §18).
 * If a line cannot be written the process halts with status 3.
 */
public final class CrashWriterMain {
  /** Ttls given to addresses: some expire within a few clock moves, some never. */
  private static final List<Duration> TTLS = List.of(
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(7),
      Duration.ofSeconds(20), Duration.ofSeconds(90), AddrTtl.ADDRESS, AddrTtl.PERMANENT,
      AddrTtl.CONNECTED);
  /** Addresses per peer to choose from (more than the per-peer cap: evictions happen). */
  private static final int ADDR_POOL = 12;
  /** Protocols to choose from (more than the protocol cap: refusals happen). */
  private static final int PROTOCOL_POOL = 9;
  /** Interval of the background collector (real time). */
  private static final Duration GC_INTERVAL = Duration.ofMillis(3);

  private final RocksPeerstore store;
  private final MutableClock clock;
  private final List<TestPeer> peers;
  private final Random random;
  private final int cycle;
  private final PrintStream out;
  private long n;
  private long backgroundSeen;
  private final boolean grouped;

  private CrashWriterMain(RocksPeerstore store, MutableClock clock, List<TestPeer> peers,
      Random random, int cycle, PrintStream out) {
    this.store = store;
    this.clock = clock;
    this.peers = peers;
    this.random = random;
    this.cycle = cycle;
    this.out = out;
    this.grouped = store.durability().mode() == Durability.Mode.GROUPED;
  }

  /** Entry point; runs until killed. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    List<TestPeer> peers = CrashSetup.readPeers(Path.of(args[1]));
    Random random = new Random(Long.parseLong(args[2]));
    int cycle = Integer.parseInt(args[3]);
    MutableClock clock = new MutableClock(CrashSetup.instant(args[4]));
    // println of one String is one write(2) of line and newline on JDK 17 (lines are far
    // shorter than the encoder's buffer) to a file opened for appending: once written, a line
    // is in the page cache and survives the kill; the parent ignores a last line without its
    // newline.
    PrintStream out = new PrintStream(
        new FileOutputStream(args[5], true), true, StandardCharsets.UTF_8);
    RocksPeerstoreBuilder builder =
        CrashSetup.configure(RocksPeerstore.builder(dir), clock).gcInterval(GC_INTERVAL)
            .durability(durability(args.length > 6 ? args[6] : "WAL"));
    if (random.nextBoolean()) {
      // The smallest memtables: flushes (and compactions) run while the child writes, so
      // some kills land in them.
      builder.writeBufferSize(64L << 10);
    }
    try (RocksPeerstore store = builder.build()) {
      out.println("READY");
      new CrashWriterMain(store, clock, peers, random, cycle, out).run();
    }
  }

  private static Durability durability(String mode) {
    return switch (Durability.Mode.valueOf(mode)) {
      case SYNC -> Durability.SYNC;
      case WAL -> Durability.WAL;
      case GROUPED -> Durability.grouped();
    };
  }

  private void flush() {
    store.flush();
    print("F " + n);
  }

  private void run() {
    // Addresses that expired while no process ran (or a collection cut short by the kill).
    call(new CrashOp("GC"));
    while (true) {
      if (random.nextInt(100) < 8) {
        moveClock();
      } else {
        call(randomOp());
      }
    }
  }

  private void moveClock() {
    if (grouped) {
      flush();
    }
    Instant next = clock.instant().plusNanos(1 + (long) (random.nextDouble() * 4e9));
    print("T " + CrashSetup.text(next));
    clock.set(next);
    if (random.nextInt(4) == 0) {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
      while (store.parts().backgroundCollectedCount() == backgroundSeen
          && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
    }
    call(new CrashOp("GC"));
  }

  private void call(CrashOp op) {
    long id = ++n;
    print("B " + id + " " + op.text());
    String outcome = op.apply(store, peers);
    print("A " + id + " " + outcome);
    if (grouped) {
      print("C " + System.nanoTime());
      if (random.nextInt(20) == 0) {
        flush();
      }
    }
    long background = store.parts().backgroundCollectedCount();
    if (background != backgroundSeen) {
      backgroundSeen = background;
      print("W " + background);
    }
  }

  /** Writes one line; a line that could not be written ends the process (status 3). */
  private void print(String line) {
    out.println(line);
    if (out.checkError()) {
      Runtime.getRuntime().halt(3);
    }
  }

  private CrashOp randomOp() {
    int i = random.nextInt(peers.size());
    if (random.nextInt(8) == 0) {
      return new CrashOp(dialOp(i));
    }
    int r = random.nextInt(100);
    String text;
    if (r < 18) {
      text = "ADD " + i + " " + ttl(false) + " " + CrashOp.join(addrs(i, 1 + random.nextInt(3)));
    } else if (r < 28) {
      text = "SET " + i + " " + ttl(true) + " " + CrashOp.join(addrs(i, 1 + random.nextInt(3)));
    } else if (r < 34) {
      text = "UPD " + i + " " + ttl(false) + " " + ttl(true);
    } else if (r < 37) {
      text = "CLR " + i;
    } else if (r < 55) {
      text = record(i);
    } else if (r < 59) {
      text = (random.nextBoolean() ? "PUB " : "PRIV ") + i + " " + keyOwner(i);
    } else if (r < 69) {
      text = "PADD " + i + " " + CrashOp.join(protocols(1 + random.nextInt(3)));
    } else if (r < 73) {
      text = "PSET " + i + " " + CrashOp.join(protocols(random.nextInt(4)));
    } else if (r < 78) {
      text = "PREM " + i + " " + CrashOp.join(protocols(1 + random.nextInt(3)));
    } else if (r < 87) {
      text = "PUT " + i + " k" + random.nextInt(4) + " " + metadataValue();
    } else if (r < 89) {
      text = "TAG " + i + " t" + random.nextInt(3) + " " + (random.nextInt(21) - 10) + " "
          + (random.nextBoolean() ? "PT0S" : ttl(false));
    } else if (r < 90) {
      text = "UNTAG " + i + " t" + random.nextInt(3);
    } else if (r < 91) {
      text = (random.nextBoolean() ? "PROT " : "UNPROT ") + i + " g" + random.nextInt(2);
    } else if (r < 92) {
      text = "BAN " + i + " " + ttl(false) + " r" + random.nextInt(100);
    } else if (r < 93) {
      text = "BANIP " + i + " " + ttl(false);
    } else if (r < 94) {
      text = (random.nextBoolean() ? "UNBAN " : "UNBANIP ") + i;
    } else if (r < 96) {
      text = "RMP " + i;
    } else {
      text = "GC";
    }
    return new CrashOp(text);
  }

  /** A dial history event of peer i (docs/CONTRACT.md §16), at one of its pool's addresses. */
  private String dialOp(int i) {
    String a = addrs(i, 1).get(0).toString();
    return switch (random.nextInt(5)) {
      case 0, 1 -> "DATT " + i + " " + a;
      case 2 -> "DOK " + i + " " + a;
      case 3 -> "DFAIL " + i + " " + a + " f" + random.nextInt(10);
      default -> (random.nextBoolean() ? "DCON " : "DDIS ") + i;
    };
  }

  /** A record of peer i: usually a newer seq, sometimes an old one (stale) or no address. */
  private String record(int i) {
    long seq = ((long) cycle << 32) | (n & 0xffff_ffffL);
    if (random.nextInt(5) == 0) {
      seq = (long) (random.nextDouble() * seq); // most likely stale
    }
    List<Multiaddr> as = addrs(i, random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(4));
    String hex = CrashOp.hex(peers.get(i).record(seq, as).marshal());
    return "REC " + i + " " + ttl(false) + " " + hex;
  }

  private int keyOwner(int i) {
    return random.nextInt(8) == 0 ? (i + 1) % peers.size() : i; // the wrong key: refused
  }

  private String ttl(boolean zeroAllowed) {
    if (zeroAllowed && random.nextInt(6) == 0) {
      return Duration.ZERO.toString();
    }
    return TTLS.get(random.nextInt(TTLS.size())).toString();
  }

  private List<Multiaddr> addrs(int peer, int count) {
    List<Integer> pool = new ArrayList<>();
    for (int k = 0; k < ADDR_POOL; k++) {
      pool.add(k);
    }
    Collections.shuffle(pool, random);
    List<Multiaddr> as = new ArrayList<>();
    for (int k : pool.subList(0, count)) {
      as.add(Multiaddr.fromString("/ip4/10.0." + peer + "." + k + "/tcp/" + (4000 + k)));
    }
    return as;
  }

  private List<String> protocols(int count) {
    List<String> ps = new ArrayList<>();
    while (ps.size() < count) {
      String p = "/crash/" + random.nextInt(PROTOCOL_POOL) + "/1.0";
      if (!ps.contains(p)) {
        ps.add(p);
      }
    }
    return ps;
  }

  private String metadataValue() {
    return switch (random.nextInt(5)) {
      case 0 -> "s v" + n;
      case 1 -> "i " + random.nextInt();
      case 2 -> "l " + random.nextLong();
      case 3 -> "b " + random.nextBoolean();
      default -> {
        byte[] b = new byte[1 + random.nextInt(40)];
        random.nextBytes(b);
        yield "x " + CrashOp.hex(b);
      }
    };
  }
}
