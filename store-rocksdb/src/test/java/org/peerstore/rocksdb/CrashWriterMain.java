package org.peerstore.rocksdb;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.peerstore.AddrTtl;
import org.peerstore.conformance.TestPeer;
import org.peerstore.multiaddr.Multiaddr;

/**
 * Child process of {@link CrashTest}: opens the store in {@code args[0]} and writes forever,
 * printing one line per call <em>after</em> the call returned (an acknowledged write):
 *
 * <pre>
 * K peer               private and public key stored
 * READY                keys done, the random writes start
 * A peer addr          addAddr(peer, addr, 1 h)
 * R peer seq addr addr consumePeerRecord(record(seq, [addr, addr]), 1 h) returned true
 * M peer n             put(peer, "n", n) with n increasing per process
 * P peer proto         addProtocols(peer, [proto])
 * </pre>
 *
 * <p>{@code args[1]} seeds the choice of operations, {@code args[2]} is the cycle number (it
 * makes addresses and protocols unique across cycles).
 */
public final class CrashWriterMain {
  private CrashWriterMain() {}

  /** Entry point. */
  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    Random random = new Random(Long.parseLong(args[1]));
    int cycle = Integer.parseInt(args[2]);
    // One write(2) per line: once printed, a line reaches the parent even if we are killed.
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    // No per-peer address cap (every acknowledged address must still be there after the
    // crash) and room for every protocol the loop adds.
    try (RocksPeerstore store =
        RocksPeerstore.builder(dir).maxAddrsPerPeer(0).maxProtocols(Integer.MAX_VALUE).build()) {
      List<TestPeer> peers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        TestPeer peer = TestPeer.generate();
        store.addPrivKey(peer.id(), peer.privKey());
        store.addPubKey(peer.id(), peer.pubKey());
        peers.add(peer);
        out.println("K " + peer.id());
      }
      out.println("READY");
      long[] seqs = new long[peers.size()];
      for (int n = 0; ; n++) {
        int which = random.nextInt(peers.size());
        TestPeer peer = peers.get(which);
        switch (random.nextInt(4)) {
          case 0 -> {
            Multiaddr a = addr(cycle, n, 0);
            store.addAddr(peer.id(), a, AddrTtl.ADDRESS);
            out.println("A " + peer.id() + " " + a);
          }
          case 1 -> {
            long seq = ++seqs[which];
            Multiaddr a = addr(cycle, n, 1);
            Multiaddr b = addr(cycle, n, 2);
            if (store.consumePeerRecord(peer.record(seq, List.of(a, b)), AddrTtl.ADDRESS)) {
              out.println("R " + peer.id() + " " + seq + " " + a + " " + b);
            }
          }
          case 2 -> {
            store.put(peer.id(), "n", n);
            out.println("M " + peer.id() + " " + n);
          }
          default -> {
            String proto = "/crash/" + cycle + "/" + n;
            store.addProtocols(peer.id(), List.of(proto));
            out.println("P " + peer.id() + " " + proto);
          }
        }
      }
    }
  }

  private static Multiaddr addr(int cycle, int n, int k) {
    return Multiaddr.fromString(
        "/ip4/10." + cycle + "." + ((n >> 8) & 0xff) + "." + (n & 0xff) + "/tcp/" + (1000 + k));
  }
}
