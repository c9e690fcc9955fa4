package org.peerstore.tool.export;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.peerstore.rocksdb.EncryptedSnapshot;

/**
 * Jazzer fuzz test of the tool's import lines ({@link SnapshotJson#fromLine}, one peer per JSON
 * line of an export file, which may come from anywhere): it may only throw
 * {@link SnapshotJson.BadLineException}, and a line it accepts writes back to a line that reads
 * back to the same text. The input's bytes are read as UTF-8. Regression inputs live in
 * {@code src/test/resources/org/peerstore/tool/export/ImportLineFuzzTestInputs/line/}; fuzz
 * with {@code JAZZER_FUZZ=1 mvn -pl store-tool -am test -Dtest='ImportLineFuzzTest#line'
 * -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration=10m}. {@link #banLine} does the
 * same for the ban lines of format version 3 ({@link BanJson}; inputs in {@code banLine/}).
 */
class ImportLineFuzzTest {

  @FuzzTest
  void line(byte[] data) {
    EncryptedSnapshot s;
    try {
      s = SnapshotJson.fromLine(new String(data, StandardCharsets.UTF_8));
    } catch (SnapshotJson.BadLineException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new AssertionError("bad line without a message", e);
      }
      return;
    }
    String line = SnapshotJson.toLine(s);
    String again;
    try {
      again = SnapshotJson.toLine(SnapshotJson.fromLine(line));
    } catch (SnapshotJson.BadLineException e) {
      throw new AssertionError("a written line does not read back: " + line, e);
    }
    if (!again.equals(line)) {
      throw new AssertionError("line not stable: " + line + " vs " + again);
    }
  }

  @FuzzTest
  void banLine(byte[] data) {
    org.peerstore.Ban ban;
    try {
      ban = BanJson.fromLine(new String(data, StandardCharsets.UTF_8));
    } catch (SnapshotJson.BadLineException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new AssertionError("bad ban line without a message", e);
      }
      return;
    }
    String line = BanJson.toLine(ban);
    org.peerstore.Ban again;
    try {
      again = BanJson.fromLine(line);
    } catch (SnapshotJson.BadLineException e) {
      throw new AssertionError("a written ban line does not read back: " + line, e);
    }
    if (!again.equals(ban) || !BanJson.toLine(again).equals(line)) {
      throw new AssertionError("ban line not stable: " + line + " vs " + BanJson.toLine(again));
    }
  }
}
