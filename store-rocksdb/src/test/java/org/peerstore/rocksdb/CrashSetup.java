package org.peerstore.rocksdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.peerstore.PeerstoreBuilder;
import org.peerstore.conformance.TestPeer;
import org.peerstore.crypto.Keys;
import org.peerstore.crypto.PrivKey;
import org.peerstore.peer.PeerId;

/**
 * What the crash test's child and parent must agree on: the options every store of the test
 * is built with (the RocksDB store under test and the in-memory model get the same ones, so
 * they must behave identically), the peers (written once to a file by the parent), and the
 * text form of clock instants.
 */
final class CrashSetup {
  /** Per-peer cap of unconnected addresses: small, so that evictions happen. */
  static final int MAX_ADDRS_PER_PEER = 8;
  /** Protocols per peer: small, so that {@code TooManyProtocolsException} happens. */
  static final int MAX_PROTOCOLS = 6;
  /** The instant the test clock starts at. */
  static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private CrashSetup() {}

  /** Applies the options shared by the store under test and the model to {@code b}. */
  static <B extends PeerstoreBuilder<B, ?>> B configure(B b, Clock clock) {
    return b.clock(clock).maxAddrsPerPeer(MAX_ADDRS_PER_PEER).maxProtocols(MAX_PROTOCOLS);
  }

  /** Writes the peers' private keys, one hex protobuf per line. */
  static void writePeers(Path file, List<TestPeer> peers) throws IOException {
    List<String> lines = new ArrayList<>();
    for (TestPeer p : peers) {
      lines.add(HexFormat.of().formatHex(p.privKey().marshal()));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** Reads what {@link #writePeers} wrote. */
  static List<TestPeer> readPeers(Path file) throws IOException {
    List<TestPeer> peers = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      PrivKey k = Keys.unmarshalPrivateKey(HexFormat.of().parseHex(line));
      peers.add(new TestPeer(k, PeerId.fromPublicKey(k.publicKey())));
    }
    return peers;
  }

  /** An instant as nanoseconds since the epoch, the form lines carry. */
  static String text(Instant i) {
    return Long.toString(i.getEpochSecond() * 1_000_000_000L + i.getNano());
  }

  /** The inverse of {@link #text}. */
  static Instant instant(String nanos) {
    return Instant.EPOCH.plus(Duration.ofNanos(Long.parseLong(nanos)));
  }
}
