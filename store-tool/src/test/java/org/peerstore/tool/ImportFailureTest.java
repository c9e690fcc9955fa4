package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.Ban;
import org.peerstore.PeerSnapshot;
import org.peerstore.Snapshots;
import org.peerstore.StorageException;
import org.peerstore.memory.MemoryPeerstore;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.MaintenanceProgress;
import org.peerstore.rocksdb.RocksPeerstore;
import org.peerstore.tool.export.Importer;

/**
 * An import whose target stops writing part-way (a full disk) used to say nothing about the
 * peers already imported. Now the failure says how far it got.
 */
class ImportFailureTest {
  private final Fixture fx = new Fixture();

  @TempDir
  Path tmp;

  /** A target that fails like a full disk after {@code ok} restores. */
  private static final class FullDisk implements Snapshots {
    private final MemoryPeerstore store;
    private int left;

    FullDisk(MemoryPeerstore store, int ok) {
      this.store = store;
      this.left = ok;
    }

    @Override
    public Optional<PeerSnapshot> snapshot(PeerId peer) {
      return store.snapshot(peer);
    }

    @Override
    public void checkRestore(PeerSnapshot snapshot) {
      store.checkRestore(snapshot);
    }

    @Override
    public void restore(PeerSnapshot snapshot) {
      if (left-- == 0) {
        throw new StorageException("RocksDB failed to restore a peer: IOError (No space left on"
            + " device)");
      }
      store.restore(snapshot);
    }

    @Override
    public boolean restoreBan(Ban ban) {
      return store.restoreBan(ban);
    }
  }

  @Test
  void aFailurePartWaySaysHowFarItGot() throws Exception {
    Path src = tmp.resolve("src");
    try (RocksPeerstore ps = fx.open(src)) {
      fx.populate(ps, 10);
    }
    Path file = tmp.resolve("e.jsonl");
    assertThat(Tool.run(fx.clock, "export", "--db", src.toString(), "--out", file.toString())
        .code()).isZero();
    try (MemoryPeerstore mem = MemoryPeerstore.builder().clock(fx.clock)
        .gcInterval(Duration.ZERO).build()) {
      FullDisk target = new FullDisk(mem, 4);
      assertThatThrownBy(() -> Importer.importInto(target, file, false, MaintenanceProgress.NONE))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("import stopped at line 6 of " + file)
          .hasMessageContaining("after importing 4 of 10 peers")
          .hasMessageContaining("No space left on device")
          .hasMessageContaining("the 4 peers before it are in the store");
      assertThat(Fixture.snapshots(mem)).hasSize(4);
    }
  }
}
