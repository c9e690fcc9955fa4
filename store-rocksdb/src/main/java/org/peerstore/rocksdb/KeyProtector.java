package org.peerstore.rocksdb;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.peerstore.KeyProtectionException;
import org.peerstore.crypto.Keys;
import org.peerstore.crypto.PrivKey;
import org.peerstore.peer.PeerId;

/**
 * Encrypts and decrypts private keys with a store's passphrase (docs/STORAGE.md, "Encrypted
 * private keys"): a 256-bit key derived by Argon2id (Bouncy Castle) from the passphrase's UTF-8
 * bytes and a fresh 16-byte salt, then AES-256-GCM with a fresh 12-byte nonce over the libp2p
 * {@code PrivateKey} protobuf. The associated data is the value's header (format, parameters,
 * salt, nonce) followed by the peer id's bytes, so a value altered anywhere, or copied into
 * another peer's slot, does not decrypt.
 *
 * <p>Holds a copy of the passphrase until {@link #destroy()}; derived keys and plaintexts are
 * overwritten after use (best effort: the JVM may have copied them). Never puts key material or
 * the passphrase into an exception message. Thread-safe (each call uses its own cipher and
 * generator; {@link SecureRandom} is thread-safe).
 */
final class KeyProtector {
  private static final int KEY_BYTES = 32;

  private final char[] passphrase;
  private final Argon2Params params;
  private final SecureRandom random;
  /** Guarded by {@code passphrase}. */
  private boolean destroyed;
  private final LongAdder derivations = new LongAdder();

  /**
   * A protector with {@code passphrase} (copied) writing new values with {@code params}.
   *
   * @throws IllegalArgumentException if the passphrase is empty or not valid UTF-16 (an
   *     unpaired surrogate has no UTF-8 form)
   */
  KeyProtector(char[] passphrase, Argon2Params params, SecureRandom random) {
    Objects.requireNonNull(passphrase, "passphrase");
    checkPassphrase(passphrase);
    this.passphrase = passphrase.clone();
    this.params = Objects.requireNonNull(params, "params");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Checks that {@code passphrase} is usable: not empty and valid UTF-16.
   *
   * @throws IllegalArgumentException if it is not
   */
  static void checkPassphrase(char[] passphrase) {
    if (passphrase.length == 0) {
      throw new IllegalArgumentException("the private key passphrase must not be empty");
    }
    byte[] bytes = utf8(passphrase);
    Arrays.fill(bytes, (byte) 0);
  }

  /** The parameters new values are written with. */
  Argon2Params params() {
    return params;
  }

  /**
   * {@code key}, which is {@code p}'s, encrypted with a fresh salt and nonce.
   *
   * @throws IllegalStateException after {@link #destroy()}
   */
  EncryptedPrivKey seal(PeerId p, PrivKey key) {
    byte[] salt = new byte[EncryptedPrivKey.SALT_BYTES];
    byte[] nonce = new byte[EncryptedPrivKey.NONCE_BYTES];
    random.nextBytes(salt);
    random.nextBytes(nonce);
    byte[] plain = key.marshal();
    byte[] aesKey = derive(params, salt);
    try {
      GCMModeCipher gcm = cipher(true, aesKey, nonce,
          associatedData(EncryptedPrivKey.header(params, salt, nonce), p));
      byte[] out = new byte[gcm.getOutputSize(plain.length)];
      int n = gcm.processBytes(plain, 0, plain.length, out, 0);
      n += gcm.doFinal(out, n);
      return EncryptedPrivKey.of(params, salt, nonce, Arrays.copyOf(out, n));
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
      Arrays.fill(aesKey, (byte) 0);
    }
  }

  /**
   * The private key of {@code p} in {@code value}.
   *
   * @throws KeyProtectionException if it does not decrypt (another passphrase, an altered
   *     value, or another peer's value) or decrypts to something that is not {@code p}'s
   *     private key
   * @throws IllegalStateException after {@link #destroy()}
   */
  PrivKey open(PeerId p, EncryptedPrivKey value) {
    byte[] aesKey = derive(value.params(), value.salt());
    byte[] plain = null;
    try {
      byte[] v = value.bytes();
      GCMModeCipher gcm = cipher(false, aesKey, value.nonce(),
          associatedData(Arrays.copyOf(v, EncryptedPrivKey.HEADER_BYTES), p));
      byte[] ct = value.ciphertext();
      plain = new byte[gcm.getOutputSize(ct.length)];
      int n = gcm.processBytes(ct, 0, ct.length, plain, 0);
      n += gcm.doFinal(plain, n);
      PrivKey key;
      try {
        key = Keys.unmarshalPrivateKey(Arrays.copyOf(plain, n));
      } catch (RuntimeException e) {
        // The parser's message may quote key material: name only the failure's kind.
        throw new KeyProtectionException("private key of peer " + p + " decrypts, but not to a"
            + " valid private key (" + e.getClass().getSimpleName() + ")");
      }
      boolean matches;
      try {
        matches = p.matchesPublicKey(key.publicKey());
      } catch (RuntimeException e) {
        matches = false;
      }
      if (!matches) {
        throw new KeyProtectionException(
            "private key of peer " + p + " decrypts to another peer's key");
      }
      return key;
    } catch (InvalidCipherTextException e) {
      throw new KeyProtectionException("private key of peer " + p + " cannot be decrypted:"
          + " wrong passphrase, or the stored value was altered or belongs to another peer");
    } finally {
      Arrays.fill(aesKey, (byte) 0);
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  /** How many Argon2id derivations ran (for tests: a cached key is not derived again). */
  long derivationCount() {
    return derivations.sum();
  }

  /** Overwrites the passphrase; later calls throw {@link IllegalStateException}. */
  void destroy() {
    synchronized (passphrase) {
      Arrays.fill(passphrase, '\0');
      destroyed = true;
    }
  }

  private byte[] derive(Argon2Params p, byte[] salt) {
    byte[] password;
    synchronized (passphrase) {
      if (destroyed) {
        throw new IllegalStateException("the store is closed");
      }
      password = utf8(passphrase);
    }
    derivations.increment();
    try {
      Argon2BytesGenerator gen = new Argon2BytesGenerator();
      gen.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
          .withVersion(Argon2Parameters.ARGON2_VERSION_13)
          .withMemoryAsKB(p.memoryKiB())
          .withIterations(p.iterations())
          .withParallelism(p.parallelism())
          .withSalt(salt)
          .build());
      byte[] key = new byte[KEY_BYTES];
      gen.generateBytes(password, key);
      return key;
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }

  private static GCMModeCipher cipher(boolean encrypt, byte[] key, byte[] nonce, byte[] aad) {
    GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
    gcm.init(encrypt, new AEADParameters(new KeyParameter(key), 8 * EncryptedPrivKey.TAG_BYTES,
        nonce, aad));
    return gcm;
  }

  /** The GCM associated data: the value's header, then the peer id's bytes. */
  private static byte[] associatedData(byte[] header, PeerId p) {
    byte[] id = p.toBytes();
    byte[] aad = Arrays.copyOf(header, header.length + id.length);
    System.arraycopy(id, 0, aad, header.length, id.length);
    return aad;
  }

  private static byte[] utf8(char[] chars) {
    CharsetEncoder enc = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer b;
    try {
      b = enc.encode(CharBuffer.wrap(chars));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "the private key passphrase is not valid UTF-16 (it has an unpaired surrogate)");
    }
    byte[] out = new byte[b.remaining()];
    b.get(out);
    if (b.hasArray()) {
      Arrays.fill(b.array(), (byte) 0);
    }
    return out;
  }
}
