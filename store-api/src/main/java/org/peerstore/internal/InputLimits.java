package org.peerstore.internal;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.peerstore.LimitExceededException;
import org.peerstore.PeerSnapshot;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.record.Envelope;

/**
 * The bounds on single inputs a store was built with (options of
 * {@code org.peerstore.PeerstoreBuilder}), and the checks both stores run with them. A store
 * calls the check of a mutation first, before it normalises, locks or changes anything, so a
 * call that exceeds a bound throws {@link LimitExceededException} and stores nothing:
 *
 * <pre>{@code
 * addAddrs/setAddrs(p, as, ttl):  inputLimits.checkAddrs(as);          // any ttl
 * consumePeerRecord(e, ttl):      inputLimits.checkRecord(e);
 * addProtocols/setProtocols(p, ps): inputLimits.checkProtocols(ps);    // before ProtocolRules
 * put(p, key, value):             inputLimits.checkMetadataKey(key);
 *                                 byte[] v = metadataValues.encode(value);
 *                                 inputLimits.checkMetadataValue(v);
 * checkRestore/restore(snapshot): inputLimits.checkSnapshot(snapshot);
 * }</pre>
 *
 * <p>Reads ({@code addrs}, {@code protocols}, {@code supportsProtocols}, {@code get}...) and
 * removals are never checked: an oversized argument simply matches nothing. The protocol
 * <em>count</em> is {@link Limits#maxProtocols()}, checked by {@link ProtocolRules}.
 *
 * <p>Every bound is positive. Immutable and thread-safe.
 *
 * @param maxEnvelopeBytes largest accepted signed envelope, in marshalled bytes
 * @param maxAddrsPerRecord most addresses a signed peer record may list
 * @param maxMultiaddrBytes longest accepted multiaddr, in binary-form bytes
 * @param maxProtocolBytes longest accepted protocol string, in UTF-8 bytes
 * @param maxMetadataKeyBytes longest accepted metadata key, in UTF-8 bytes
 * @param maxMetadataValueBytes largest accepted metadata value, in bytes of its
 *     {@link MetadataValues} encoding
 */
public record InputLimits(
    int maxEnvelopeBytes,
    int maxAddrsPerRecord,
    int maxMultiaddrBytes,
    int maxProtocolBytes,
    int maxMetadataKeyBytes,
    int maxMetadataValueBytes) {

  /** Default largest envelope: 8 KiB, what libp2p identify allows for a signed record. */
  public static final int DEFAULT_MAX_ENVELOPE_BYTES = 8 * 1024;
  /** Default most addresses per signed record (the per-peer address cap's default). */
  public static final int DEFAULT_MAX_ADDRS_PER_RECORD = 64;
  /** Default longest multiaddr: 1 KiB (a DNS name is at most 255 bytes). */
  public static final int DEFAULT_MAX_MULTIADDR_BYTES = 1024;
  /** Default longest protocol: 1 KiB (a multistream-select message is at most 1 KiB). */
  public static final int DEFAULT_MAX_PROTOCOL_BYTES = 1024;
  /** Default longest metadata key: 256 bytes. */
  public static final int DEFAULT_MAX_METADATA_KEY_BYTES = 256;
  /** Default largest metadata value: 64 KiB of encoding. */
  public static final int DEFAULT_MAX_METADATA_VALUE_BYTES = 64 * 1024;

  /** The defaults above. */
  public static final InputLimits DEFAULTS = new InputLimits(
      DEFAULT_MAX_ENVELOPE_BYTES,
      DEFAULT_MAX_ADDRS_PER_RECORD,
      DEFAULT_MAX_MULTIADDR_BYTES,
      DEFAULT_MAX_PROTOCOL_BYTES,
      DEFAULT_MAX_METADATA_KEY_BYTES,
      DEFAULT_MAX_METADATA_VALUE_BYTES);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if a bound is not positive
   */
  public InputLimits {
    positive(maxEnvelopeBytes, "maxEnvelopeBytes");
    positive(maxAddrsPerRecord, "maxAddrsPerRecord");
    positive(maxMultiaddrBytes, "maxMultiaddrBytes");
    positive(maxProtocolBytes, "maxProtocolBytes");
    positive(maxMetadataKeyBytes, "maxMetadataKeyBytes");
    positive(maxMetadataValueBytes, "maxMetadataValueBytes");
  }

  /**
   * Checks every address of an {@code addAddrs}/{@code setAddrs} call.
   *
   * @throws LimitExceededException if an address is longer than {@code maxMultiaddrBytes}
   * @throws NullPointerException if {@code as} or an address is null
   */
  public void checkAddrs(Collection<Multiaddr> as) {
    Objects.requireNonNull(as, "addresses");
    for (Multiaddr a : as) {
      checkAddr(Objects.requireNonNull(a, "address"));
    }
  }

  /**
   * Checks a signed peer record before it is consumed: its size, its address count and each
   * address.
   *
   * @throws LimitExceededException if the envelope is larger than {@code maxEnvelopeBytes},
   *     the record lists more than {@code maxAddrsPerRecord} addresses, or one of them is longer
   *     than {@code maxMultiaddrBytes}
   * @throws org.peerstore.InvalidRecordException if the envelope carries no peer record
   * @throws NullPointerException if {@code e} is null
   */
  public void checkRecord(Envelope e) {
    Objects.requireNonNull(e, "envelope");
    int size = e.size();
    if (size > maxEnvelopeBytes) {
      throw exceeded("envelope of " + size + " bytes", "maxEnvelopeBytes", maxEnvelopeBytes);
    }
    Collection<Multiaddr> addrs = e.peerRecord().addrs();
    if (addrs.size() > maxAddrsPerRecord) {
      throw exceeded("peer record with " + addrs.size() + " addresses", "maxAddrsPerRecord",
          maxAddrsPerRecord);
    }
    for (Multiaddr a : addrs) {
      checkAddr(a);
    }
  }

  /**
   * Checks the protocols of an {@code addProtocols}/{@code setProtocols} call; null elements are
   * skipped (the protocol rules reject them).
   *
   * @throws LimitExceededException if a protocol is longer than {@code maxProtocolBytes} in
   *     UTF-8
   * @throws NullPointerException if {@code ps} is null
   */
  public void checkProtocols(Collection<? extends @Nullable String> ps) {
    Objects.requireNonNull(ps, "protocols");
    for (String p : ps) {
      if (p != null) {
        long len = utf8Length(p);
        if (len > maxProtocolBytes) {
          throw exceeded("protocol of " + len + " bytes", "maxProtocolBytes", maxProtocolBytes);
        }
      }
    }
  }

  /**
   * Checks a metadata key of a {@code put}.
   *
   * @throws LimitExceededException if it is longer than {@code maxMetadataKeyBytes} in UTF-8
   * @throws NullPointerException if {@code key} is null
   */
  public void checkMetadataKey(String key) {
    long len = utf8Length(Objects.requireNonNull(key, "key"));
    if (len > maxMetadataKeyBytes) {
      throw exceeded("metadata key of " + len + " bytes", "maxMetadataKeyBytes",
          maxMetadataKeyBytes);
    }
  }

  /**
   * Checks an encoded metadata value of a {@code put} ({@link MetadataValues#encode}: one tag
   * byte plus the payload for built-in types).
   *
   * @throws LimitExceededException if it is larger than {@code maxMetadataValueBytes}
   * @throws NullPointerException if {@code encoded} is null
   */
  public void checkMetadataValue(byte[] encoded) {
    int len = Objects.requireNonNull(encoded, "encoded value").length;
    if (len > maxMetadataValueBytes) {
      throw exceeded("metadata value of " + len + " bytes", "maxMetadataValueBytes",
          maxMetadataValueBytes);
    }
  }

  /**
   * Checks a snapshot before a restore (an import is foreign input too): every address, the
   * signed record, every protocol, and every metadata key and stored value encoding.
   *
   * @throws LimitExceededException if any part exceeds its bound
   * @throws NullPointerException if {@code s} is null
   */
  public void checkSnapshot(PeerSnapshot s) {
    Objects.requireNonNull(s, "snapshot");
    for (PeerSnapshot.Addr a : s.addrs()) {
      checkAddr(a.addr());
    }
    if (s.record() != null) {
      checkRecord(s.record());
    }
    checkProtocols(s.protocols());
    for (Map.Entry<String, byte[]> e : s.metadata().entrySet()) {
      checkMetadataKey(e.getKey());
      checkMetadataValue(e.getValue());
    }
  }

  private void checkAddr(Multiaddr a) {
    int len = a.byteLength();
    if (len > maxMultiaddrBytes) {
      throw exceeded("multiaddr of " + len + " bytes", "maxMultiaddrBytes", maxMultiaddrBytes);
    }
  }

  /**
   * The UTF-8 length of {@code s} without encoding it; an unpaired surrogate counts as the
   * three bytes of its replacement character.
   */
  static long utf8Length(String s) {
    long n = 0;
    int len = s.length();
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < len
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private static LimitExceededException exceeded(String what, String option, int max) {
    return new LimitExceededException(what + " exceeds " + option + " (" + max + ")");
  }

  private static void positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
