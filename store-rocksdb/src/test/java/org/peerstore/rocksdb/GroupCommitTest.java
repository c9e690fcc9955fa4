package org.peerstore.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.peerstore.StorageException;

/** {@link GroupCommit} on its own, with a sink that records (or blocks, or fails) each cut. */
class GroupCommitTest {
  private static final Duration LONG = Duration.ofMinutes(1);

  /** What one cut wrote: key text to value text ("-" for a delete). */
  private final List<Map<String, String>> written = new CopyOnWriteArrayList<>();

  private void record(GroupCommit.Layer layer) {
    Map<String, String> m = new HashMap<>();
    layer.forEach((cf, k, v) -> m.put(cf + "/" + new String(k, UTF_8),
        v == null ? "-" : new String(v, UTF_8)));
    written.add(m);
  }

  private static Batch put(String key, String value) {
    Batch b = new Batch();
    b.put(ColumnFamily.ADDRS, key.getBytes(UTF_8), value.getBytes(UTF_8));
    return b;
  }

  private static String text(byte[] v) {
    return v == GroupCommit.DELETED ? "-" : v == null ? null : new String(v, UTF_8);
  }

  @Test
  void theLastChangeOfAKeyWinsAndAFlushWritesOneBatch() {
    try (GroupCommit g = new GroupCommit(this::record, LONG, 1 << 20, "test-commit")) {
      g.add(put("k1", "a"));
      g.add(put("k1", "b"));
      Batch del = new Batch();
      del.delete(ColumnFamily.ADDRS, "k2".getBytes(UTF_8));
      del.put(ColumnFamily.KEYS, "k1".getBytes(UTF_8), "key".getBytes(UTF_8));
      g.add(del);
      assertThat(text(g.lookup(ColumnFamily.ADDRS, "k1".getBytes(UTF_8)))).isEqualTo("b");
      assertThat(text(g.lookup(ColumnFamily.ADDRS, "k2".getBytes(UTF_8)))).isEqualTo("-");
      assertThat(text(g.lookup(ColumnFamily.KEYS, "k1".getBytes(UTF_8)))).isEqualTo("key");
      assertThat(g.lookup(ColumnFamily.KEYS, "k2".getBytes(UTF_8))).isNull();
      assertThat(written).isEmpty(); // a one minute window: nothing written yet
      g.flush();
      assertThat(written).containsExactly(
          Map.of("ADDRS/k1", "b", "ADDRS/k2", "-", "KEYS/k1", "key"));
      assertThat(g.lookup(ColumnFamily.ADDRS, "k1".getBytes(UTF_8))).isNull();
      assertThat(g.pendingBytes()).isZero();
      g.flush(); // nothing pending: no empty batch
      assertThat(written).hasSize(1);
    }
  }

  @Test
  void pendingRangeMergesNewestFirstWithinBounds() {
    try (GroupCommit g = new GroupCommit(this::record, LONG, 1 << 20, "test-commit")) {
      g.add(put("a", "1"));
      g.add(put("b", "2"));
      g.add(put("c", "3"));
      g.add(put("b", "4"));
      boolean[] ran = {false};
      var range = g.pendingRange(ColumnFamily.ADDRS, "b".getBytes(UTF_8), "c".getBytes(UTF_8),
          () -> ran[0] = true);
      assertThat(ran[0]).isTrue();
      assertThat(range).hasSize(1);
      assertThat(text(range.firstEntry().getValue())).isEqualTo("4");
      assertThat(g.pendingRange(ColumnFamily.ADDRS, null, null, () -> { })).hasSize(3);
      assertThat(g.pendingRange(ColumnFamily.KEYS, null, null, () -> { })).isEmpty();
    }
  }

  /**
   * Random changes to a hashed and a sorted family, half of them in the layer being committed
   * (its sink blocked) and half in the active one: every lookup and every range answers what a
   * sorted reference map of the newest changes answers, in key order.
   */
  @Test
  void lookupsAndRangesMatchAReferenceInHashedAndSortedFamilies() throws Exception {
    ColumnFamily[] families = {ColumnFamily.ADDRS, ColumnFamily.METADATA};
    assertThat(GroupCommit.sorted(ColumnFamily.ADDRS)).isFalse();
    assertThat(GroupCommit.sorted(ColumnFamily.METADATA)).isTrue();
    Random random = new Random(16);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Map<ColumnFamily, TreeMap<byte[], String>> reference = new HashMap<>();
    for (ColumnFamily cf : families) {
      reference.put(cf, new TreeMap<>(GroupCommit.KEY_ORDER));
    }
    try (GroupCommit g = new GroupCommit(layer -> {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, LONG, 1 << 24, "test-commit")) {
      try {
        checkAgainstReference(g, families, reference, random, entered);
      } finally {
        release.countDown(); // a failed check must not leave close() waiting on the sink
      }
      g.flush();
    }
  }

  private static void checkAgainstReference(GroupCommit g, ColumnFamily[] families,
      Map<ColumnFamily, TreeMap<byte[], String>> reference, Random random,
      CountDownLatch entered) throws InterruptedException {
    {
      for (int phase = 0; phase < 2; phase++) {
        for (int i = 0; i < 400; i++) {
          ColumnFamily cf = families[random.nextInt(families.length)];
          byte[] key = new byte[1 + random.nextInt(3)];
          for (int j = 0; j < key.length; j++) {
            key[j] = (byte) (random.nextInt(4) * 0x55); // 0x00, 0x55, 0xaa, 0xff: unsigned order
          }
          Batch b = new Batch();
          if (random.nextInt(4) == 0) {
            b.delete(cf, key);
            reference.get(cf).put(key, "-");
          } else {
            String v = phase + "." + i;
            b.put(cf, key, v.getBytes(UTF_8));
            reference.get(cf).put(key, v);
          }
          g.add(b);
        }
        if (phase == 0) {
          Thread flusher = new Thread(g::flush);
          flusher.setDaemon(true);
          flusher.start();
          assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue(); // phase 0 is committing
        }
      }
      for (ColumnFamily cf : families) {
        TreeMap<byte[], String> ref = reference.get(cf);
        for (byte[] key : ref.keySet()) {
          assertThat(text(g.lookup(cf, key))).isEqualTo(ref.get(key));
        }
        assertThat(g.lookup(cf, new byte[] {1})).isNull();
        for (int q = 0; q < 200; q++) {
          byte[] from = random.nextInt(5) == 0 ? null : new byte[] {(byte) random.nextInt(256)};
          byte[] to = random.nextInt(5) == 0 ? null : new byte[] {(byte) random.nextInt(256)};
          if (from != null && to != null && GroupCommit.KEY_ORDER.compare(from, to) > 0) {
            byte[] t = from;
            from = to;
            to = t;
          }
          var range = g.pendingRange(cf, from, to, () -> { });
          NavigableMap<byte[], String> expected = ref;
          if (from != null) {
            expected = expected.tailMap(from, true);
          }
          if (to != null) {
            expected = expected.headMap(to, false);
          }
          List<String> got = new ArrayList<>();
          range.forEach((k, v) -> got.add(HexFormat.of().formatHex(k) + "=" + text(v)));
          List<String> want = new ArrayList<>();
          expected.forEach((k, v) -> want.add(HexFormat.of().formatHex(k) + "=" + v));
          assertThat(got).as("%s [%s, %s)", cf, from, to).containsExactlyElementsOf(want);
        }
      }
    }
  }

  @Test
  void everyOperationIsCommittedWholeInOneCut() throws Exception {
    int perThread = 3000;
    try (GroupCommit g = new GroupCommit(layer -> {
      record(layer);
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(300)); // let cuts fall mid-stream
    }, Duration.ofMillis(1), 2048, "test-commit")) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int thread = t;
        threads.add(new Thread(() -> {
          for (int i = 0; i < perThread; i++) {
            Batch b = new Batch();
            String id = thread + "-" + i;
            b.put(ColumnFamily.ADDRS, ("a" + id).getBytes(UTF_8), "x".getBytes(UTF_8));
            b.put(ColumnFamily.EXPIRY, ("b" + id).getBytes(UTF_8), "y".getBytes(UTF_8));
            g.add(b);
          }
        }));
      }
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join();
      }
      g.flush();
    }
    assertThat(written.size()).as("cuts").isGreaterThan(1);
    Set<String> seen = new HashSet<>();
    for (Map<String, String> cut : written) {
      for (String k : cut.keySet()) {
        if (k.startsWith("ADDRS/a")) {
          String id = k.substring("ADDRS/a".length());
          assertThat(cut).as("operation %s split across cuts", id).containsKey("EXPIRY/b" + id);
          seen.add(id);
        }
      }
      assertThat(cut.size()).isEven();
    }
    assertThat(seen).hasSize(2 * perThread);
  }

  @Test
  void aWriterAtTheBoundWaitsForTheCommitInsteadOfQueueing() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (GroupCommit g = new GroupCommit(layer -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      record(layer);
    }, LONG, 16, "test-commit")) {
      g.add(put("first", "0123456789abcdef")); // at the bound: the writer cuts it and blocks
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (g.activeBytes() > 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait(); // until the writer has cut "first"
      }
      assertThat(g.activeBytes()).isZero();
      assertThat(text(g.lookup(ColumnFamily.ADDRS, "first".getBytes(UTF_8))))
          .as("readable while it is being committed").isEqualTo("0123456789abcdef");
      g.add(put("second", "0123456789abcdef")); // fills the fresh active layer to the bound
      Thread third = new Thread(() -> g.add(put("third", "x")));
      third.start();
      while (third.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(third.getState()).as("the third writer waits").isEqualTo(Thread.State.WAITING);
      assertThat(g.lookup(ColumnFamily.ADDRS, "third".getBytes(UTF_8))).isNull();
      release.countDown();
      third.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(third.isAlive()).isFalse();
      g.flush();
    }
    Set<String> keys = new HashSet<>();
    written.forEach(m -> keys.addAll(m.keySet()));
    assertThat(keys).containsExactlyInAnyOrder("ADDRS/first", "ADDRS/second", "ADDRS/third");
  }

  @Test
  void aFailedCommitFailsLaterWritesAndFlushesButKeepsTheChangesReadable() {
    GroupCommit g = new GroupCommit(layer -> {
      throw new StorageException("disk gone");
    }, LONG, 1 << 20, "test-commit");
    g.add(put("k", "v"));
    assertThatThrownBy(g::flush).isInstanceOf(StorageException.class)
        .hasMessageContaining("disk gone");
    assertThat(g.failure()).isNotNull();
    assertThat(text(g.lookup(ColumnFamily.ADDRS, "k".getBytes(UTF_8)))).isEqualTo("v");
    assertThatThrownBy(() -> g.add(put("k2", "v"))).isInstanceOf(StorageException.class)
        .hasMessageContaining("disk gone");
    assertThat(g.lookup(ColumnFamily.ADDRS, "k2".getBytes(UTF_8))).isNull();
    assertThatThrownBy(g::close).isInstanceOf(StorageException.class);
  }

  @Test
  void theWindowCommitsWithoutAFlush() {
    try (GroupCommit g = new GroupCommit(this::record, Duration.ofMillis(5), 1 << 20,
        "test-commit")) {
      g.add(put("k", "v"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (written.isEmpty() && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // waiting for the writer
      }
      assertThat(written).containsExactly(Map.of("ADDRS/k", "v"));
    }
  }

  @Test
  void closeCommitsWhatIsPendingAndStopsTheWriter() throws Exception {
    GroupCommit g = new GroupCommit(this::record, LONG, 1 << 20, "test-commit");
    g.add(put("k", "v"));
    g.close();
    assertThat(written).containsExactly(Map.of("ADDRS/k", "v"));
    assertThat(g.awaitStopped(1, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> g.add(put("k", "w"))).isInstanceOf(IllegalStateException.class);
  }
}
