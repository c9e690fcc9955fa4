package org.peerstore.tool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Option;

/**
 * The {@code --passphrase-file FILE} option of the commands that open a store whose private
 * keys are (or are to be) encrypted (a picocli mixin). The passphrase is read from a file, never
 * taken on the command line (where other users could see it in the process list): the file's
 * UTF-8 text without one trailing line break ({@code \n} or {@code \r\n}).
 */
final class PassphraseOption {
  @Option(names = "--passphrase-file", paramLabel = "FILE",
      description = "Read the private key passphrase (privateKeyProtection) from FILE: its"
          + " UTF-8 text without a trailing line break. Keep the file readable by you only.")
  Path file;

  /**
   * The passphrase, or null when the option was not given. The caller overwrites the array
   * when done.
   *
   * @throws ToolException if the file cannot be read, is not UTF-8, or holds an empty
   *     passphrase
   */
  char[] read() {
    if (file == null) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ToolException("cannot read passphrase file " + file + ": " + e.getMessage(), e);
    }
    try {
      int n = bytes.length;
      if (n > 0 && bytes[n - 1] == '\n') {
        n--;
        if (n > 0 && bytes[n - 1] == '\r') {
          n--;
        }
      }
      if (n == 0) {
        throw new ToolException("passphrase file " + file + " holds an empty passphrase");
      }
      CharBuffer chars;
      try {
        chars = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes, 0, n));
      } catch (CharacterCodingException e) {
        throw new ToolException("passphrase file " + file + " is not UTF-8 text", e);
      }
      char[] out = new char[chars.remaining()];
      chars.get(out);
      if (chars.hasArray()) {
        Arrays.fill(chars.array(), '\0');
      }
      return out;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
