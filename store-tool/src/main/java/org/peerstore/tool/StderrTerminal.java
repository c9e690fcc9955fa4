package org.peerstore.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the process's standard error is an interactive terminal. Java cannot ask isatty(2);
 * {@code System.console()} says only whether standard input and output are a terminal, so
 * {@code 2>file} on a terminal would still look like one. On Linux the answer is where
 * {@code /proc/self/fd/2} points ({@code /dev/pts/N}, {@code /dev/ttyN}: a terminal; a file or
 * a pipe: not). Where {@code /proc} is missing (macOS, Windows) it falls back to
 * {@code System.console() != null}; {@code TERM=dumb} is never a terminal. Operators override
 * the guess with {@code --progress=plain}. Stateless and thread-safe.
 */
final class StderrTerminal {
  private StderrTerminal() {}

  /** The guess for this process. */
  static boolean detect() {
    return decide(fd2Target(), System.console() != null, System.getenv("TERM"));
  }

  /**
   * The guess from its inputs.
   *
   * @param fd2 where file descriptor 2 points, empty if unknown
   * @param console whether {@code System.console()} is not null
   * @param term the {@code TERM} environment variable, or null
   */
  static boolean decide(Optional<String> fd2, boolean console, String term) {
    if ("dumb".equals(term)) {
      return false;
    }
    if (fd2.isPresent()) {
      String t = fd2.get().toLowerCase(Locale.ROOT);
      return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty") || t.equals("/dev/console");
    }
    return console;
  }

  private static Optional<String> fd2Target() {
    Path link = Path.of("/proc/self/fd/2");
    try {
      return Files.isSymbolicLink(link)
          ? Optional.of(Files.readSymbolicLink(link).toString()) : Optional.empty();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
  }
}
