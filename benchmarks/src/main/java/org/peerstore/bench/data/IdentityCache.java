package org.peerstore.bench.data;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.peerstore.crypto.KeyType;
import org.peerstore.crypto.Keys;
import org.peerstore.crypto.PubKey;

/**
 * Remembers the public keys of a family of {@link Identities} on disk, so that the hundred-odd
 * JVMs JMH forks in one run derive each Ed25519 key once instead of once per fork. The file
 * holds the raw 32-byte public keys in index order; on every load the first and the last are
 * derived again and compared, so a stale or damaged file is regenerated, never trusted.
 *
 * <p>Location: the directory named by the system property {@value #DIR_PROPERTY} (default
 * {@code java.io.tmpdir/peerstore-bench-cache}); {@code none} turns the cache off. Writes are
 * atomic (temporary file, then rename), so concurrent JVMs at worst generate twice. A cache
 * that cannot be read or written is ignored.
 *
 * <p>Stateless and thread-safe.
 */
final class IdentityCache {
  /** System property naming the cache directory, or {@code none}. */
  static final String DIR_PROPERTY = "peerstore.bench.cache";

  private static final int RAW = 32;
  private static final String VERSION = "v1";

  private IdentityCache() {}

  /** The public keys of identities {@code 0 .. size-1} of family {@code seed}. */
  static PubKey[] publicKeys(long seed, int size) {
    Path file = file(seed, size);
    if (file != null) {
      PubKey[] cached = load(file, seed, size);
      if (cached != null) {
        return cached;
      }
    }
    PubKey[] keys = new PubKey[size];
    IntStream.range(0, size).parallel().forEach(i -> keys[i] = Identities.key(seed, i).publicKey());
    if (file != null) {
      store(file, keys);
    }
    return keys;
  }

  private static Path file(long seed, int size) {
    String dir = System.getProperty(DIR_PROPERTY);
    if ("none".equals(dir)) {
      return null;
    }
    Path d = dir != null ? Path.of(dir) : Path.of(System.getProperty("java.io.tmpdir"), "peerstore-bench-cache");
    return d.resolve("ed25519-" + VERSION + "-" + Long.toHexString(seed) + "-" + size + ".bin");
  }

  private static PubKey[] load(Path file, long seed, int size) {
    byte[] bytes;
    try {
      if (!Files.isRegularFile(file) || Files.size(file) != (long) size * RAW) {
        return null;
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return null;
    }
    if (bytes.length != size * RAW) {
      return null;
    }
    PubKey[] keys = new PubKey[size];
    for (int i = 0; i < size; i++) {
      keys[i] = Keys.unmarshalPublicKey(KeyType.ED25519, Arrays.copyOfRange(bytes, i * RAW, (i + 1) * RAW));
    }
    for (int i : new int[] {0, size - 1}) {
      if (!Arrays.equals(keys[i].raw(), Identities.key(seed, i).publicKey().raw())) {
        return null;
      }
    }
    return keys;
  }

  private static void store(Path file, PubKey[] keys) {
    byte[] bytes = new byte[keys.length * RAW];
    for (int i = 0; i < keys.length; i++) {
      System.arraycopy(keys[i].raw(), 0, bytes, i * RAW, RAW);
    }
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // A cache that cannot be written only costs the next JVM the generation again.
    }
  }
}
