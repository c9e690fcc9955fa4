package org.peerstore.tool.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.peerstore.Ban;
import org.peerstore.DialHistory;
import org.peerstore.PeerSnapshot;
import org.peerstore.Peerstore;
import org.peerstore.Snapshots;
import org.peerstore.StorageException;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.EncryptedSnapshot;
import org.peerstore.rocksdb.MaintenanceProgress;
import org.peerstore.rocksdb.RocksPeerstore;

/**
 * Writes a store to an export file (docs/EXPORT-FORMAT.md): the header line, then one line
 * per peer in peer id order, each the peer's {@link PeerSnapshot}, then one line per ban in
 * force, then the trailer line. The
 * file is written to an owner-only temporary file next to its final name and renamed into place
 * when complete ({@link ExportTarget}), so a failed export never leaves a partial file, under
 * that name or any other; a target that is a symbolic link, FIFO, device or directory is
 * refused.
 *
 * <p>Stateless and thread-safe; the store is read peer by peer while others may write to it
 * (each line is one consistent moment of its peer).
 */
public final class Exporter {
  private Exporter() {}

  /**
   * Exports every peer of {@code store} to {@code out} as {@link #export(Peerstore, Path,
   * Instant, MaintenanceProgress, boolean)} does without skipping unreadable entries.
   *
   * @return how many peers were written
   * @throws IOException if the file cannot be written (it is left unchanged)
   * @throws org.peerstore.StorageException if the store cannot be read, or some of its entries
   *     could not be read (nothing is written)
   */
  public static <S extends Peerstore & Snapshots> long export(
      S store, Path out, Instant created, MaintenanceProgress progress) throws IOException {
    return export(store, out, created, progress, false).written();
  }

  /**
   * Exports every peer of {@code store} (every peer with anything stored, also one whose
   * addresses have all expired but are not collected yet) to {@code out}, replacing it.
   *
   * <p>Private keys are written as stored: a {@link RocksPeerstore}'s keys stored encrypted
   * ({@code privateKeyProtection}) as their encrypted bytes ({@code privateKeyEncrypted}),
   * never decrypted, so no passphrase is needed; keys stored unencrypted as
   * {@code privateKey}.
   *
   * <p>An entry a {@link RocksPeerstore} could not read while exporting (a corrupt value, or
   * one in a block that fails its checksum: the store counts it and reads it as absent) would
   * be missing from the file; unless {@code skipUnreadable}, the export then fails and leaves
   * {@code out} unchanged. With {@code skipUnreadable} the rest is exported and the report
   * counts what was skipped.
   *
   * @param created the instant written into the header
   * @param progress told about each peer written
   * @param skipUnreadable whether to export the rest when some entries cannot be read
   * @return how many peers were written, and what could not be read
   * @throws IOException if the file cannot be written, or {@code out} is a symbolic link, a
   *     directory, a FIFO or a device (it is left unchanged; no temporary file is left behind)
   * @throws org.peerstore.StorageException if the store cannot be read, or (unless
   *     {@code skipUnreadable}) some of its entries could not be read; the message names them
   */
  public static <S extends Peerstore & Snapshots> ExportReport export(S store, Path out,
      Instant created, MaintenanceProgress progress, boolean skipUnreadable) throws IOException {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(progress, "progress");
    Path target = out.toAbsolutePath();
    ExportTarget.check(target);
    Path tmp = ExportTarget.createTemp(target);
    try {
      ExportReport report;
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        report = write(store, w, created, progress, skipUnreadable, out.toString());
      }
      ExportTarget.moveIntoPlace(tmp, target);
      return report;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Exports every peer of {@code store} to {@code out} (e.g. standard output) as
   * {@link #export(Peerstore, Path, Instant, MaintenanceProgress, boolean)} does; {@code out}
   * is flushed, not closed. When the export fails part-way, what was written ends without the
   * trailer line, so an import refuses it as incomplete.
   *
   * @throws IOException if {@code out} fails
   * @throws org.peerstore.StorageException as for the file variant
   */
  public static <S extends Peerstore & Snapshots> ExportReport export(S store, Writer out,
      Instant created, MaintenanceProgress progress, boolean skipUnreadable) throws IOException {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(progress, "progress");
    BufferedWriter w = new BufferedWriter(Objects.requireNonNull(out, "out"));
    ExportReport report = write(store, w, created, progress, skipUnreadable, "the output");
    w.flush();
    return report;
  }

  private static <S extends Peerstore & Snapshots> ExportReport write(S store, BufferedWriter w,
      Instant created, MaintenanceProgress progress, boolean skipUnreadable, String name)
      throws IOException {
    UnreadableTally tally = UnreadableTally.of(store);
    TreeSet<PeerId> peers = new TreeSet<>(store.peers());
    peers.addAll(store.peersWithAddrs());
    peers.addAll(store.peersWithDialHistory());
    peers.addAll(store.peersWithTags());
    long written = 0;
    w.write(header(created, peers.size()));
    w.newLine();
    List<PeerId> order = new ArrayList<>(peers);
    for (PeerId p : order) {
      Optional<EncryptedSnapshot> s = store instanceof RocksPeerstore rocks
          ? rocks.snapshotEncrypted(p)
          : store.snapshot(p).map(b -> new EncryptedSnapshot(b, null));
      tally.afterPeer(p);
      Optional<DialHistory> dials = store.dialHistory(p);
      Optional<org.peerstore.StoredTags> tags = store.storedTags(p);
      if (s.isEmpty() && (dials.isPresent() || tags.isPresent())) {
        s = Optional.of(new EncryptedSnapshot(new PeerSnapshot(p, List.of(), null, null, null,
            java.util.Set.of(), java.util.Map.of()), null));
      }
      if (s.isPresent()) {
        String line = SnapshotJson.toLine(s.get(), dials.orElse(null), tags.orElse(null));
        if (line.length() > ExportFormat.MAX_LINE_CHARS) {
          throw new StorageException("peer " + p + " needs a line of " + line.length()
              + " characters, more than an import reads (" + ExportFormat.MAX_LINE_CHARS
              + "); the export to " + name + " was not kept");
        }
        w.write(line);
        w.newLine();
        written++;
      }
      progress.update(written, order.size());
    }
    ExportReport report = new ExportReport(written, tally.byColumnFamily(), tally.namedPeers(), 0);
    if (report.unreadableTotal() > 0 && !skipUnreadable) {
      w.flush();
      throw new StorageException("could not read " + report.unreadableTotal()
          + " stored entries (" + report.unreadableSummary() + "), first "
          + String.join(", ", report.namedPeers()) + "; the export to " + name
          + " is incomplete and was not kept (--skip-unreadable exports the rest and counts"
          + " what it skips; verify names every damaged entry)");
    }
    // The ban book is not per peer: its bans follow the peers, in the order bans() lists them.
    long bans = 0;
    for (Ban b : store.bans()) {
      w.write(BanJson.toLine(b));
      w.newLine();
      bans++;
    }
    w.write(ExportTrailer.line(written, bans));
    w.newLine();
    return report.withBans(bans);
  }

  /** The header line: format, version, creation instant, and the number of peers announced. */
  static String header(Instant created, long peers) {
    ObjectNode h = ExportFormat.MAPPER.createObjectNode();
    h.put("format", ExportFormat.FORMAT);
    h.put("version", ExportFormat.VERSION);
    h.put("created", created.toString());
    h.put("peers", peers);
    try {
      return ExportFormat.MAPPER.writeValueAsString(h);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree: " + e.getMessage(), e);
    }
  }
}
