package org.peerstore.tool.export;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the lines of an export file with a bound on each line's length, checked while reading
 * (docs/EXPORT-FORMAT.md, "Layout"): a line of gigabytes is refused after
 * {@link ExportFormat#MAX_LINE_CHARS} characters instead of being read whole into memory. Lines
 * end at {@code \n}; one {@code \r} before it is dropped. The text must be UTF-8. Not
 * thread-safe.
 */
final class LineReader implements Closeable {
  /** Thrown when a line is longer than the bound. */
  static final class LineTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    LineTooLongException(String message) {
      super(message);
    }
  }

  private final Reader in;
  private final int max;
  private final char[] buf = new char[8192];
  private int pos;
  private int end;
  private long lineNo;

  private LineReader(Reader in, int max) {
    this.in = in;
    this.max = max;
  }

  /** Opens {@code file} for reading, lines at most {@code max} characters. */
  static LineReader open(Path file, int max) throws IOException {
    return new LineReader(new InputStreamReader(Files.newInputStream(file),
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)), max);
  }

  /**
   * The next line without its terminator, or null at the end of the file.
   *
   * @throws LineTooLongException if the line is longer than the bound (nothing more of it is
   *     read)
   * @throws IOException if reading fails or the text is not UTF-8
   */
  String readLine() throws IOException {
    StringBuilder line = null;
    while (true) {
      if (pos == end) {
        end = in.read(buf, 0, buf.length);
        pos = 0;
        if (end <= 0) {
          end = 0;
          if (line == null) {
            return null;
          }
          lineNo++;
          return strip(line);
        }
      }
      if (line == null) {
        line = new StringBuilder();
      }
      int start = pos;
      while (pos < end && buf[pos] != '\n') {
        pos++;
      }
      if (line.length() + (pos - start) > max + 1) { // + 1: a '\r' before the '\n'
        throw new LineTooLongException("line " + (lineNo + 1) + " is longer than " + max
            + " characters");
      }
      line.append(buf, start, pos - start);
      if (pos < end) {
        pos++; // the '\n'
        lineNo++;
        return strip(line);
      }
    }
  }

  private String strip(StringBuilder line) throws LineTooLongException {
    int n = line.length();
    if (n > 0 && line.charAt(n - 1) == '\r') {
      n--;
    }
    if (n > max) {
      throw new LineTooLongException("line " + lineNo + " is longer than " + max + " characters");
    }
    return line.substring(0, n);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
