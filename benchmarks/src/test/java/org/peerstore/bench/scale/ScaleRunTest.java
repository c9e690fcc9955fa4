package org.peerstore.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleRunTest {
  @TempDir Path dir;

  @Test
  void smallRunMeasuresEveryPhaseAndLeavesNoData() throws Exception {
    Path db = dir.resolve("db");
    Path out = dir.resolve("scale.md");
    ScaleRun.main(new String[] {"--peers", "1500", "--addrs", "4", "--sample", "100",
        "--dir", db.toString(), "--out", out.toString()});
    String md = Files.readString(out);
    assertThat(md)
        .contains("1,500 peers × 4 addresses")
        .contains("| load (store calls only) |")
        .contains("| reopen (build) |")
        .contains("cold (100 peers)")
        .contains("| GC of all 6,000 expired addresses |")
        .contains("(removed 6,000)")
        .contains("bytes on disk before / after full compaction")
        .contains("Heap after load:");
    // A directory given with --dir is the caller's: kept.
    assertThat(db).isDirectory();
  }
}
