package org.peerstore.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.peerstore.AddrTtl;
import org.peerstore.bench.data.Dataset;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.record.Envelope;

/** Every target does each operation's work (or refuses it) on a small dataset. */
class TargetsTest {
  private static final int PEERS = 6;
  private static final int ADDRS = 10;
  private static Dataset data;

  @TempDir static Path scratch;

  @BeforeAll
  static void generate() {
    System.setProperty(BenchDirs.DIR_PROPERTY, scratch.toString());
    data = Dataset.generate(PEERS, 42);
  }

  @AfterAll
  static void restore() {
    System.clearProperty(BenchDirs.DIR_PROPERTY);
  }

  @ParameterizedTest
  @EnumSource(Impl.class)
  void addressOperations(Impl impl) throws Exception {
    try (Target t = Targets.open(impl, data, ADDRS, EnumSet.of(Need.UNKNOWN_PEERS))) {
      assertThat(sizeOf(t.addrs(0))).isZero();
      t.addAddrs(0, AddrTtl.ADDRESS);
      t.addAddrs(1, AddrTtl.ADDRESS);
      assertThat(sizeOf(t.addrs(0))).isEqualTo(expectedSize(impl));
      t.addAddrs(0, AddrTtl.ADDRESS);
      t.setAddrs(0, AddrTtl.ADDRESS);
      assertThat(sizeOf(t.addrs(0))).isEqualTo(expectedSize(impl));
      assertThat(sizeOf(t.addrsOfUnknown(0))).isZero();
      assertThat(sizeOf(t.peersWithAddrs())).isEqualTo(2);
      t.clearAddrs(0);
      assertThat(sizeOf(t.addrs(0))).isZero();
      assertThat(sizeOf(t.peersWithAddrs())).isEqualTo(1);
      if (impl.isBaseline()) {
        assertThatThrownBy(() -> t.updateAddrs(1, AddrTtl.ADDRESS, AddrTtl.TEMP))
            .isInstanceOf(UnsupportedOperationException.class);
      } else {
        t.updateAddrs(1, AddrTtl.ADDRESS, Duration.ZERO);
        assertThat(sizeOf(t.addrs(1))).isZero();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Impl.class)
  void recordKeyProtocolMetadataLatency(Impl impl) throws Exception {
    try (Target t = Targets.open(impl, data, Dataset.RECORD_ADDRS, EnumSet.of(Need.RECORDS))) {
      assertThat(present(t.peerRecord(2))).isFalse();
      assertThat(t.consumePeerRecord(2, AddrTtl.ADDRESS)).isTrue();
      Object record = t.peerRecord(2);
      assertThat(present(record)).isTrue();
      if (!impl.isBaseline()) {
        assertThat(record).isEqualTo(Optional.of(data.envelope(2)));
      } else if (impl == Impl.BASELINE_ROCKSDB) {
        assertThat(Envelope.open((byte[]) record).peerRecord()).isEqualTo(data.envelope(2).peerRecord());
      }
      assertThat(sizeOf(t.addrs(2))).isEqualTo(impl == Impl.BASELINE_ROCKSDB ? -1 : Dataset.RECORD_ADDRS);

      assertThat(present(t.pubKey(3))).isEqualTo(!impl.isBaseline()); // stores: inlined in the id
      t.addPubKey(3);
      assertThat(present(t.pubKey(3))).isTrue();

      t.addProtocols(4);
      assertThat(sizeOf(t.protocols(4))).isEqualTo(impl == Impl.BASELINE_ROCKSDB ? -1 : 8);
      Object supported = t.supportsProtocols(4, Dataset.protocolQuery());
      if (impl != Impl.BASELINE_ROCKSDB) {
        assertThat(supported).isEqualTo(List.of("/meshsub/1.2.0", "/ipfs/kad/1.0.0"));
      } else {
        assertThat(supported).isInstanceOf(byte[].class);
      }

      t.putMetadata(5, Dataset.AGENT_KEY, Dataset.AGENT_VALUES.get(0));
      t.putMetadata(5, Dataset.AGENT_KEY, Dataset.AGENT_VALUES.get(1));
      Object value = t.metadata(5, Dataset.AGENT_KEY);
      if (impl == Impl.BASELINE_ROCKSDB) {
        assertThat(value).isInstanceOf(byte[].class);
      } else if (impl == Impl.BASELINE_MAP) {
        assertThat(value).isEqualTo(Dataset.AGENT_VALUES.get(1));
      } else {
        assertThat(value).isEqualTo(Optional.of(Dataset.AGENT_VALUES.get(1)));
      }

      if (impl == Impl.BASELINE_ROCKSDB) {
        assertThatThrownBy(() -> t.recordLatency(5, Duration.ofMillis(3)))
            .isInstanceOf(UnsupportedOperationException.class);
      } else {
        t.recordLatency(5, Duration.ofMillis(3));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Impl.class, names = {"ROCKSDB", "ROCKSDB_NOCACHE", "BASELINE_ROCKSDB"})
  void closingDeletesTheScratchDirectory(Impl impl) throws Exception {
    long before = countDirs();
    Target t = Targets.open(impl, data, 1, EnumSet.noneOf(Need.class));
    assertThat(countDirs()).isEqualTo(before + 1);
    t.addAddrs(0, AddrTtl.ADDRESS);
    t.close();
    assertThat(countDirs()).isEqualTo(before);
  }

  private static long countDirs() throws Exception {
    try (var s = Files.list(scratch)) {
      return s.count();
    }
  }

  /** What addrs returns for a stored peer: raw bytes for the RocksDB baseline (-1). */
  private static int expectedSize(Impl impl) {
    return impl == Impl.BASELINE_ROCKSDB ? -1 : ADDRS;
  }

  /** Size of a collection; 0 for null or an empty Optional; -1 for non-empty raw bytes. */
  private static int sizeOf(Object o) {
    if (o == null) {
      return 0;
    }
    if (o instanceof Collection<?> c) {
      if (!c.isEmpty() && c.iterator().next() instanceof Multiaddr) {
        assertThat(c).doesNotHaveDuplicates();
      }
      return c.size();
    }
    if (o instanceof byte[] b) {
      assertThat(b).isNotEmpty();
      return -1;
    }
    throw new AssertionError("unexpected result type " + o.getClass());
  }

  private static boolean present(Object o) {
    if (o instanceof Optional<?> opt) {
      return opt.isPresent();
    }
    return o != null;
  }
}
