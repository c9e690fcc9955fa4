package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.conformance.MutableClock;
import org.peerstore.conformance.TestPeer;
import org.peerstore.multiaddr.Multiaddr;

/**
 * Shows that the crash test's checks can fail: {@link CrashModel#settle} tells an operation in
 * flight that was applied from one that was not, and rejects one applied by half, a lost
 * acknowledged write and a wrong outcome; {@link StoreInvariants} rejects a dangling index
 * entry, an orphaned record and an empty protocol set.
 */
class CrashModelTest {
  @TempDir Path dir;

  private final List<TestPeer> peers = new ArrayList<>();

  @BeforeEach
  void peers() {
    for (int i = 0; i < 2; i++) {
      peers.add(TestPeer.generate());
    }
  }

  private RocksPeerstore open() {
    return CrashSetup.configure(RocksPeerstore.builder(dir), new MutableClock(CrashSetup.START))
        .gcInterval(Duration.ZERO)
        .build();
  }

  private CrashOp record(int peer, long seq) {
    List<Multiaddr> as = List.of(Multiaddr.fromString("/ip4/10.0.0." + seq + "/tcp/1"));
    return new CrashOp("REC " + peer + " PT1H " + CrashOp.hex(peers.get(peer).record(seq, as)
        .marshal()));
  }

  /** Applies {@code op} to the store and, as acknowledged, to the model. */
  private void both(CrashModel model, RocksPeerstore store, CrashOp op) {
    model.acknowledged(op, op.apply(store, peers), "test");
  }

  @Test
  void anOperationInFlightMayBeAppliedOrNot() {
    try (CrashModel model = new CrashModel(peers); RocksPeerstore store = open()) {
      both(model, store, new CrashOp("ADD 0 PT10S /ip4/1.2.3.4/tcp/1"));
      both(model, store, new CrashOp("PUT 1 k0 i 7"));
      assertThat(model.settle(store, null, "test")).isEqualTo(CrashModel.InFlight.NONE);
      CrashOp inFlight = record(1, 5);
      assertThat(model.settle(store, inFlight, "test"))
          .isEqualTo(CrashModel.InFlight.NOT_APPLIED);
      inFlight.apply(store, peers);
      assertThat(model.settle(store, inFlight, "test")).isEqualTo(CrashModel.InFlight.APPLIED);
      assertThat(model.outcomesChecked).isEqualTo(2);
    }
  }

  @Test
  void aHalfAppliedOperationInFlightFails() throws Exception {
    CrashOp inFlight = record(0, 3);
    try (CrashModel model = new CrashModel(peers)) {
      try (RocksPeerstore store = open()) {
        inFlight.apply(store, peers);
      }
      // The record's batch without its record: addresses and index entry only.
      try (RawRocks raw = RawRocks.open(dir)) {
        raw.delete(ColumnFamily.RECORDS, StoreKeys.peer(peers.get(0).id().toBytes()));
      }
      try (RocksPeerstore store = open()) {
        assertThatThrownBy(() -> model.settle(store, inFlight, "test"))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("neither wholly applied nor absent");
      }
    }
  }

  @Test
  void aLostAcknowledgedWriteFails() {
    try (CrashModel model = new CrashModel(peers); RocksPeerstore store = open()) {
      model.acknowledged(new CrashOp("PADD 1 /a,/b"), "ok", "test"); // never reached the store
      assertThatThrownBy(() -> model.settle(store, null, "test"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("peer 1 differs");
    }
  }

  @Test
  void aWrongOutcomeFails() {
    try (CrashModel model = new CrashModel(peers)) {
      assertThatThrownBy(() -> model.acknowledged(new CrashOp("PUB 0 1"), "ok", "test"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("ex:KeyMismatchException in the model");
    }
  }

  @Test
  void invariantsRejectDanglingIndexOrphanedRecordAndEmptyProtocols() throws Exception {
    byte[] id = peers.get(0).id().toBytes();
    try (RocksPeerstore store = open()) {
      record(0, 1).apply(store, peers);
      new CrashOp("PADD 0 /a").apply(store, peers);
    }
    StoreInvariants.check(dir, true);

    byte[] addrs;
    List<byte[]> index;
    try (RawRocks raw = RawRocks.open(dir)) {
      addrs = raw.get(ColumnFamily.ADDRS, StoreKeys.peer(id));
      index = raw.keys(ColumnFamily.EXPIRY);
      raw.delete(ColumnFamily.ADDRS, StoreKeys.peer(id));
    }
    assertThatThrownBy(() -> StoreInvariants.check(dir, false))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expiry index");
    try (RawRocks raw = RawRocks.open(dir)) {
      for (byte[] k : index) {
        raw.delete(ColumnFamily.EXPIRY, k);
      }
    }
    assertThatThrownBy(() -> StoreInvariants.check(dir, false))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("addresses of the peer of a stored record");
    try (RawRocks raw = RawRocks.open(dir)) {
      raw.put(ColumnFamily.ADDRS, StoreKeys.peer(id), addrs);
      for (byte[] k : index) {
        raw.put(ColumnFamily.EXPIRY, k, new byte[0]);
      }
    }
    StoreInvariants.check(dir, true);
    try (RawRocks raw = RawRocks.open(dir)) {
      raw.put(ColumnFamily.PROTOCOLS, StoreKeys.peer(id), new byte[0]);
    }
    assertThatThrownBy(() -> StoreInvariants.check(dir, false))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("protocol set");
  }
}
