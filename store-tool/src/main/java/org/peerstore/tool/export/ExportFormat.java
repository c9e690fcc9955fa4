package org.peerstore.tool.export;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Constants of the export format (docs/EXPORT-FORMAT.md): a header line, then one JSON object
 * per peer per line. Stateless and thread-safe.
 */
public final class ExportFormat {
  private ExportFormat() {}

  /** The {@code format} field of the header line. */
  public static final String FORMAT = "peerstore-export";

  /**
   * The format version this build writes and the newest it reads. Version 2 added the trailer
   * line ({@link ExportTrailer}), version 3 the ban lines and the trailer's ban count; version 1
   * and 2 files are still read.
   */
  public static final int VERSION = 3;

  /**
   * The longest line import reads, in characters (16 MiB): a line is refused as soon as it
   * grows beyond this, before it is read whole, so a hostile or broken file cannot exhaust the
   * heap (a default 256 MiB heap reads a line of this size). Export refuses to write a longer
   * one.
   */
  public static final int MAX_LINE_CHARS = 16 << 20;

  /**
   * The JSON mapper of the format: non-ASCII characters are written as {@code \\uXXXX} escapes
   * (so files are ASCII and any Java string, even with an unpaired surrogate, survives), and
   * reading rejects duplicate keys and trailing tokens.
   */
  static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
}
