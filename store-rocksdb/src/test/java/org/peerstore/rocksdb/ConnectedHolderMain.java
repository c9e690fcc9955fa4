package org.peerstore.rocksdb;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.peerstore.AddrTtl;
import org.peerstore.conformance.Addrs;
import org.peerstore.peer.PeerId;

/**
 * Child process for {@link ConnectedAfterCrashTest}: opens the store in {@code args[0]} on a
 * clock fixed at {@code args[1]}, stores each peer id of {@code args[2..]} with one address at
 * {@link AddrTtl#CONNECTED} and one at {@link AddrTtl#PERMANENT}, prints {@code READY} and
 * holds the store until it is killed.
 */
public final class ConnectedHolderMain {
  private ConnectedHolderMain() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    Clock clock = Clock.fixed(Instant.parse(args[1]), ZoneOffset.UTC);
    RocksPeerstore store = RocksPeerstore.builder(Path.of(args[0])).clock(clock)
        .gcInterval(Duration.ZERO).build();
    for (int i = 2; i < args.length; i++) {
      PeerId p = PeerId.fromString(args[i]);
      store.addAddr(p, Addrs.addr(1), AddrTtl.CONNECTED);
      store.addAddr(p, Addrs.addr(2), AddrTtl.PERMANENT);
    }
    System.out.println("READY");
    System.out.flush();
    while (System.in.read() >= 0) {
      // held until killed
    }
    store.close();
  }
}
