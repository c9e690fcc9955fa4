package org.peerstore.conformance;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.peerstore.crypto.PrivKey;
import org.peerstore.internal.pb.CryptoProto;

/**
 * The secret material of a private key in the textual forms a careless message or log line
 * would show it in, so that tests can assert that no text contains any of them. Stateless and
 * thread-safe.
 *
 * <p>The secret parts are: the Ed25519 seed, the secp256k1 and ECDSA scalar, and RSA's private
 * exponent, primes and CRT values. Each is rendered as hex (lower and upper case) of every
 * 6-byte window, Base64 (standard and URL-safe) of 9-byte windows at three alignments, the
 * decimal number (its first 18 digits), and the start of {@link Arrays#toString(byte[])}.
 */
public final class KeySecrets {
  private KeySecrets() {}

  private static final int WINDOW = 6;

  /** The secret byte strings of {@code key} (never its public half). */
  public static List<byte[]> secretParts(PrivKey key) {
    byte[] data;
    try {
      data = CryptoProto.PrivateKey.parseFrom(key.marshal()).getData().toByteArray();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError("a private key marshalled to an invalid protobuf", e);
    }
    List<byte[]> out = new ArrayList<>();
    switch (key.type()) {
      case ED25519 -> out.add(Arrays.copyOfRange(data, 0, 32));
      case SECP256K1 -> out.add(data);
      case ECDSA -> out.add(Arrays.copyOfRange(data, 7, 39)); // SEC1: 30 77 02 01 01 04 20 <d>
      case RSA -> {
        RSAPrivateKey k = RSAPrivateKey.getInstance(data);
        for (BigInteger v : List.of(k.getPrivateExponent(), k.getPrime1(), k.getPrime2(),
            k.getExponent1(), k.getExponent2(), k.getCoefficient())) {
          out.add(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(v));
        }
      }
      default -> throw new AssertionError("unknown key type " + key.type());
    }
    return out;
  }

  /** Every textual form of every secret part of {@code key} that a text must not contain. */
  public static Set<String> forms(PrivKey key) {
    Set<String> out = new LinkedHashSet<>();
    for (byte[] s : secretParts(key)) {
      for (int i = 0; i + WINDOW <= s.length; i++) {
        String hex = HexFormat.of().formatHex(s, i, i + WINDOW);
        out.add(hex);
        out.add(hex.toUpperCase(Locale.ROOT));
      }
      for (int i = 0; i < 3 && i + 9 <= s.length; i++) {
        byte[] w = Arrays.copyOfRange(s, i, i + 9);
        out.add(Base64.getEncoder().encodeToString(w));
        out.add(Base64.getUrlEncoder().encodeToString(w));
      }
      String dec = new BigInteger(1, s).toString();
      if (dec.length() >= 18) {
        out.add(dec.substring(0, 18));
      }
      String arr = Arrays.toString(Arrays.copyOf(s, WINDOW));
      out.add(arr.substring(0, arr.length() - 1));
    }
    return out;
  }

  /** The first form of {@code key}'s secrets found in {@code text}, if any. */
  public static Optional<String> leakIn(String text, PrivKey key) {
    return leakIn(text, forms(key));
  }

  /** The first of {@code forms} (from {@link #forms}) found in {@code text}, if any. */
  public static Optional<String> leakIn(String text, Set<String> forms) {
    for (String f : forms) {
      if (text.contains(f)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** Everything {@code t} would print: its stack trace with every cause and suppressed one. */
  public static String fullText(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
