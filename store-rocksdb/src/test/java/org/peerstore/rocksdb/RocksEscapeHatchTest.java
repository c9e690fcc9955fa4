package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.AddrTtl;
import org.peerstore.conformance.Addrs;
import org.peerstore.conformance.TestPeer;
import org.peerstore.peer.PeerId;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.WriteBufferManager;

/**
 * The builder's options for nodes that already run RocksDB: a shared block cache, a shared write
 * buffer manager (both stay the caller's), and the options callback.
 */
class RocksEscapeHatchTest {
  @TempDir Path dir;

  @Test
  void aSharedBlockCacheHoldsTheStoresBlocksAndOutlivesTheStore() throws Exception {
    try (LRUCache shared = new LRUCache(8L << 20, -1, false, 0.5)) {
      long before = shared.getUsage();
      try (RocksPeerstore store =
          RocksPeerstore.builder(dir).cacheSizeBytes(0).blockCache(shared).build()) {
        PeerId peer = TestPeer.generate().id();
        store.addAddr(peer, Addrs.addr(1), AddrTtl.ADDRESS);
        flushAll(store);
        assertThat(store.addrs(peer)).hasSize(1); // read from the SST: its blocks are cached
        assertThat(shared.getUsage()).isGreaterThan(before);
        assertThat(store.stats().rocksdb().blockCacheUsageBytes()).isEqualTo(shared.getUsage());
      }
      assertThat(shared.isOwningHandle()).as("not closed by the store").isTrue();
      // Still usable by the caller (and by a second store) after the first one closed.
      try (RocksPeerstore again = RocksPeerstore.builder(dir).blockCache(shared).build()) {
        assertThat(again.peers()).hasSize(1);
      }
      assertThat(shared.getUsage()).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void aSharedWriteBufferManagerChargesTheMemtablesToItsCache() {
    try (LRUCache charged = new LRUCache(64L << 20);
        WriteBufferManager manager = new WriteBufferManager(32L << 20, charged)) {
      try (RocksPeerstore store =
          RocksPeerstore.builder(dir).writeBufferManager(manager).build()) {
        long before = charged.getUsage();
        for (int i = 0; i < 2000; i++) {
          store.addAddr(TestPeer.generate().id(), Addrs.addr(i + 1), AddrTtl.ADDRESS);
        }
        // Nothing is ever read into this cache: what it holds is the manager's memtable charge.
        assertThat(charged.getUsage()).isGreaterThan(before);
      }
      assertThat(manager.isOwningHandle()).as("not closed by the store").isTrue();
      assertThat(charged.isOwningHandle()).isTrue();
    }
  }

  @Test
  void theOptionsCallbackRunsBeforeOpenAndItsChangesTakeEffect() throws IOException {
    int[] calls = {0};
    try (RocksPeerstore store = RocksPeerstore.builder(dir)
        .rocksOptions(o -> {
          calls[0]++;
          o.dbOptions().setMaxBackgroundJobs(3);
          o.lookupColumnFamilies().setMaxWriteBufferNumber(5);
          o.expiryIndex().setMaxWriteBufferNumber(6);
        })
        .build()) {
      store.addAddr(TestPeer.generate().id(), Addrs.addr(1), AddrTtl.ADDRESS);
    }
    assertThat(calls[0]).isEqualTo(1);
    String options = latestOptionsFile();
    assertThat(options).contains("max_background_jobs=3");
    assertThat(options).contains("max_write_buffer_number=5");
    assertThat(options).contains("max_write_buffer_number=6");
    assertThat(options).doesNotContain("max_write_buffer_number=2"); // the store's own setting
  }

  @Test
  void anExceptionOfTheOptionsCallbackFailsBuildAndLeavesNothingOpen() {
    IllegalStateException boom = new IllegalStateException("boom");
    assertThatThrownBy(() -> RocksPeerstore.builder(dir).rocksOptions(o -> {
      throw boom;
    }).build()).isSameAs(boom);
    // The directory is not locked: nothing of the failed open is left.
    try (RocksPeerstore store = RocksPeerstore.builder(dir).build()) {
      assertThat(store.peers()).isEmpty();
    }
  }

  @Test
  void nullsAreRefused() {
    RocksPeerstoreBuilder b = RocksPeerstore.builder(dir);
    assertThatThrownBy(() -> b.blockCache(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("cache");
    assertThatThrownBy(() -> b.writeBufferManager(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("manager");
    assertThatThrownBy(() -> b.rocksOptions(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("callback");
    assertThatThrownBy(() -> b.rocksLogLevel(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("level");
  }

  static void flushAll(RocksPeerstore store) throws Exception {
    StoreDb db = store.parts().db;
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      for (ColumnFamily cf : ColumnFamily.values()) {
        db.rocks().flush(flush, db.handle(cf));
      }
    }
  }

  private String latestOptionsFile() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      Path latest = files.filter(p -> p.getFileName().toString().startsWith("OPTIONS-"))
          .max((a, b) -> Long.compare(number(a), number(b))).orElseThrow();
      return Files.readString(latest);
    }
  }

  private static long number(Path optionsFile) {
    return Long.parseLong(optionsFile.getFileName().toString().substring("OPTIONS-".length()));
  }
}
