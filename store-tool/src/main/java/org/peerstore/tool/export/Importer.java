package org.peerstore.tool.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.peerstore.Ban;
import org.peerstore.BanTarget;
import org.peerstore.PeerSnapshot;
import org.peerstore.PeerstoreException;
import org.peerstore.StorageException;
import org.peerstore.Snapshots;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.EncryptedSnapshot;
import org.peerstore.rocksdb.MaintenanceProgress;
import org.peerstore.rocksdb.RocksPeerstore;

/**
 * Reads an export file into a store (docs/EXPORT-FORMAT.md) in two passes: the first decodes
 * and checks every line (JSON, fields, base64, multiaddrs, keys, record signatures, and what
 * the target store would refuse, through {@link Snapshots#checkRestore}) without writing
 * anything; the second restores each good peer line with {@link Snapshots#restore}, one atomic
 * write per peer, and each good ban line (format version 3) with {@link Snapshots#restoreBan}
 * (a ban that has ended by the target's clock is skipped and counted). If any line is bad,
 * nothing is imported unless {@code skipBad} is set, in which case the good lines are.
 *
 * <p>Private keys: an encrypted one ({@code privateKeyEncrypted}) is stored as it is, and only
 * a {@link RocksPeerstore} can hold it; if that store was opened with a passphrase, the key
 * must decrypt with it (else the line is bad: {@link org.peerstore.KeyProtectionException}).
 * An unencrypted one ({@code privateKey}) is stored the way the target stores keys (encrypted
 * when it has {@code privateKeyProtection}).
 *
 * <p>Stateless and thread-safe.
 */
public final class Importer {
  private Importer() {}

  /**
   * A line that was refused.
   *
   * @param line its line number in the file (the header is line 1)
   * @param message what is wrong with it
   */
  public record BadLine(long line, String message) {
    /** Checks the message. */
    public BadLine {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * What an import did.
   *
   * @param imported peers restored into the store
   * @param badLines the refused lines, in file order
   * @param aborted whether nothing was imported because of bad lines or an incomplete file
   *     (no {@code skipBad})
   * @param incomplete why the file is incomplete (cut short, lines missing), or null if it is
   *     complete
   * @param bans bans restored into the store
   * @param expiredBans ban lines not restored because the ban had ended by the store's clock
   */
  public record Result(long imported, List<BadLine> badLines, boolean aborted,
      String incomplete, long bans, long expiredBans) {
    /** Copies the list. */
    public Result {
      badLines = List.copyOf(badLines);
    }
  }

  /**
   * Imports {@code in} into {@code target}. A peer already in the target is replaced by its
   * line (every book).
   *
   * <p>A file that is incomplete (format version 2 on: no trailer line, or a trailer whose
   * count disagrees with the peer lines; version 1: fewer peer lines than the header announces)
   * is refused like a file with bad lines: nothing is imported unless {@code skipBad}.
   *
   * @param skipBad whether to import the good lines when some are bad or the file is
   *     incomplete
   * @param progress told about each line checked and each line imported (two passes)
   * @throws ExportFileException if the file cannot be read, is not UTF-8, has no valid header
   *     line, or has a newer format version
   * @throws org.peerstore.StorageException if the target cannot write (the peers before the
   *     failing one are imported)
   */
  public static Result importInto(Snapshots target, Path in, boolean skipBad,
      MaintenanceProgress progress) throws ExportFileException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(progress, "progress");
    List<BadLine> bad = new ArrayList<>();
    Set<Long> badNumbers = new HashSet<>();
    long announced;
    long trailerLine = -1;
    long good = 0;
    Set<Long> banNumbers = new HashSet<>();
    String incomplete;
    try (LineReader r = open(in)) {
      Header header = readHeader(in, r.readLine());
      announced = header.peers();
      long work = announced < 0 ? -1 : 2 * announced;
      Map<PeerId, Long> seen = new HashMap<>();
      Map<BanTarget, Long> seenBans = new HashMap<>();
      long lineNo = 1;
      long done = 0;
      long peerLines = 0;
      long banLines = 0;
      ExportTrailer.Counts trailerCounts = null;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNo++;
        String problem;
        if (trailerLine >= 0) {
          problem = "a line after the trailer on line " + trailerLine + " (files were joined,"
              + " or the file was appended to)";
        } else {
          ExportTrailer.Counts trailer = null;
          problem = null;
          if (header.version() >= 2) {
            try {
              trailer = ExportTrailer.of(line, header.version());
            } catch (SnapshotJson.BadLineException e) {
              problem = e.getMessage();
            }
          }
          if (trailer != null) {
            trailerLine = lineNo;
            trailerCounts = trailer;
          } else if (problem == null && header.version() >= 3 && BanJson.isBanLine(line)) {
            banLines++;
            banNumbers.add(lineNo);
            problem = checkBan(line, lineNo, seenBans);
          } else if (problem == null) {
            peerLines++;
            problem = check(target, line, lineNo, seen, header.created());
            if (problem == null) {
              good++;
            }
          }
        }
        if (problem != null) {
          bad.add(new BadLine(lineNo, problem));
          badNumbers.add(lineNo);
        }
        progress.update(++done, work);
      }
      incomplete = ExportTrailer.incomplete(header.version(), announced, peerLines, banLines,
          trailerCounts, lineNo);
    } catch (IOException | UncheckedIOException e) {
      throw unreadable(in, e);
    }
    if ((!bad.isEmpty() || incomplete != null) && !skipBad) {
      return new Result(0, bad, true, incomplete, 0, 0);
    }
    long imported = 0;
    long bans = 0;
    long expiredBans = 0;
    try (LineReader r = open(in)) {
      readHeader(in, r.readLine());
      long work = announced < 0 ? -1 : 2 * announced;
      long lineNo = 1;
      long done = announced < 0 ? 0 : announced;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNo++;
        if (!badNumbers.contains(lineNo) && banNumbers.contains(lineNo)) {
          Ban ban;
          try {
            ban = BanJson.fromLine(line);
          } catch (SnapshotJson.BadLineException e) {
            throw changed(in, lineNo, e, imported);
          }
          boolean kept;
          try {
            kept = target.restoreBan(ban);
          } catch (StorageException e) {
            throw new StorageException("import stopped at line " + lineNo + " of " + in
                + " (a ban) after importing " + imported + " of " + good + " peers and " + bans
                + " bans: " + e.getMessage() + "; what was imported before it stays", e);
          }
          if (kept) {
            bans++;
          } else {
            expiredBans++;
          }
        } else if (!badNumbers.contains(lineNo) && lineNo != trailerLine) {
          EncryptedSnapshot s;
          java.util.Optional<org.peerstore.DialHistory> dials;
          java.util.Optional<org.peerstore.StoredTags> tags;
          try {
            s = SnapshotJson.fromLine(line);
            dials = DialJson.of(line);
            tags = TagJson.of(line);
          } catch (SnapshotJson.BadLineException e) {
            throw changed(in, lineNo, e, imported);
          }
          try {
            if (target instanceof RocksPeerstore rocks) {
              rocks.restore(s);
            } else {
              target.restore(s.books());
            }
            if (dials.isPresent()) {
              // check() refused dials for a target without a dial book.
              ((org.peerstore.DialBook) target).restoreDialHistory(dials.get());
            }
            if (tags.isPresent()) {
              // check() refused tags for a target without a tag book.
              ((org.peerstore.TagBook) target).restoreTags(tags.get());
            }
          } catch (StorageException e) {
            // E.g. a full disk: say how far it got (each peer before is imported, atomically).
            throw new StorageException("import stopped at line " + lineNo + " of " + in
                + " after importing " + imported + " of " + good + " peers: "
                + e.getMessage() + "; the " + imported + " peers before it are in the store"
                + " (each complete); importing the file again replaces them", e);
          }
          imported++;
        }
        progress.update(++done, work);
      }
    } catch (IOException | UncheckedIOException e) {
      throw unreadable(in, e);
    }
    return new Result(imported, bad, false, incomplete, bans, expiredBans);
  }

  /** A line checked good in the first pass is bad in the second: the file changed. */
  private static ExportFileException changed(Path in, long lineNo,
      SnapshotJson.BadLineException e, long imported) {
    return new ExportFileException(in + " changed while it was imported (line " + lineNo
        + " is now bad: " + e.getMessage() + "); " + imported + " peers were imported");
  }

  /** What is wrong with one ban line, or null when it can be restored. */
  private static String checkBan(String line, long lineNo, Map<BanTarget, Long> seen) {
    Ban ban;
    try {
      ban = BanJson.fromLine(line);
    } catch (SnapshotJson.BadLineException e) {
      return e.getMessage();
    }
    Long first = seen.putIfAbsent(ban.target(), lineNo);
    return first == null ? null : ban.target() + " is already banned on line " + first;
  }

  /** What is wrong with one peer line, or null when it can be restored. */
  private static String check(Snapshots target, String line, long lineNo, Map<PeerId, Long> seen,
      Instant created) {
    EncryptedSnapshot es;
    try {
      es = SnapshotJson.fromLine(line);
      if (DialJson.of(line).isPresent() && !(target instanceof org.peerstore.DialBook)) {
        return "dials: the target store keeps no dial history";
      }
      if (TagJson.of(line).isPresent() && !(target instanceof org.peerstore.TagBook)) {
        return "tags: the target store keeps no tags";
      }
    } catch (SnapshotJson.BadLineException e) {
      return e.getMessage();
    }
    PeerSnapshot s = es.books();
    String expiry = ExpiryAgreement.problem(s, created);
    if (expiry != null) {
      return expiry;
    }
    Long first = seen.putIfAbsent(s.peer(), lineNo);
    if (first != null) {
      return "peer " + s.peer() + " is already on line " + first;
    }
    try {
      if (target instanceof RocksPeerstore rocks) {
        rocks.checkRestore(es);
      } else if (es.encryptedPrivKey() != null) {
        return "peer " + s.peer() + ": privateKeyEncrypted: this store cannot hold an encrypted"
            + " private key (only a RocksDB store can)";
      } else {
        target.checkRestore(s);
      }
    } catch (PeerstoreException | IllegalArgumentException e) {
      return "peer " + s.peer() + ": " + e.getMessage();
    }
    return null;
  }

  private static LineReader open(Path in) throws ExportFileException {
    if ("-".equals(in.toString()) && !Files.exists(in)) {
      throw new ExportFileException("cannot import from standard input: import reads the file"
          + " twice, checking every line before importing any, so save the stream to a file"
          + " first");
    }
    if (Files.isDirectory(in)) {
      throw new ExportFileException("cannot read export file " + in + ": it is a directory");
    }
    if (Files.exists(in) && !Files.isRegularFile(in)) {
      // A pipe or device cannot be read twice (checked first, then imported).
      throw new ExportFileException("cannot read export file " + in + ": it is not a regular"
          + " file (a pipe or device); import reads the file twice, checking every line before"
          + " importing any, so save the stream to a file first");
    }
    try {
      return LineReader.open(in, ExportFormat.MAX_LINE_CHARS);
    } catch (IOException e) {
      throw unreadable(in, e);
    }
  }

  /**
   * What the header line says.
   *
   * @param version the format version
   * @param peers the number of peers it announces, or -1 if it does not say
   * @param created the instant the export was made, or null if it does not say
   */
  private record Header(long version, long peers, Instant created) {}

  /** Checks the header line. */
  private static Header readHeader(Path in, String line) throws ExportFileException {
    if (line == null) {
      throw new ExportFileException("export file " + in + " is empty (no header line)");
    }
    JsonNode h;
    try {
      h = ExportFormat.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      h = null;
    }
    if (h == null || !h.isObject() || !ExportFormat.FORMAT.equals(h.path("format").textValue())) {
      throw new ExportFileException(in + " is not a peerstore export file (line 1 is not a"
          + " header with \"format\": \"" + ExportFormat.FORMAT + "\")");
    }
    JsonNode version = h.get("version");
    if (version == null || !version.isIntegralNumber() || version.asLong() < 1) {
      throw new ExportFileException("export file " + in + " has no valid format version");
    }
    if (version.asLong() > ExportFormat.VERSION) {
      throw new ExportFileException("export file " + in + " has format version "
          + version.asLong() + "; this tool reads version " + ExportFormat.VERSION
          + " (use a newer peerstore-tool)");
    }
    JsonNode peers = h.get("peers");
    Instant created = null;
    if (h.path("created").isTextual()) {
      try {
        created = Instant.parse(h.get("created").textValue());
      } catch (DateTimeParseException e) {
        created = null;
      }
    }
    return new Header(version.asLong(),
        peers != null && peers.canConvertToLong() && peers.asLong() >= 0 ? peers.asLong() : -1,
        created);
  }

  private static ExportFileException unreadable(Path in, Exception e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    String why;
    if (cause instanceof NoSuchFileException) {
      why = "no such file";
    } else if (cause instanceof LineReader.LineTooLongException) {
      why = cause.getMessage() + ", the export format's limit (docs/EXPORT-FORMAT.md); nothing"
          + " was imported";
    } else if (cause instanceof CharacterCodingException) {
      why = "it is not UTF-8 text";
    } else {
      why = String.valueOf(cause.getMessage());
    }
    return new ExportFileException("cannot read export file " + in + ": " + why, e);
  }
}
