package org.peerstore.record;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.peerstore.InvalidKeyDataException;
import org.peerstore.InvalidRecordException;
import org.peerstore.KeyMismatchException;
import org.peerstore.crypto.Keys;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;
import org.peerstore.internal.codec.Varint;
import org.peerstore.internal.pb.CryptoProto;
import org.peerstore.internal.pb.EnvelopeProto;
import org.peerstore.peer.PeerId;

/**
 * A signed envelope (RFC 0002, docs/WIRE.md §4), usually carrying a {@link PeerRecord}.
 *
 * <p><b>An instance only exists verified.</b> The only ways to get one are {@link #seal} (which
 * signs) and {@link #open} (which verifies), so holding an {@code Envelope} proves that its
 * signature is good for its {@link #domain()} and {@link #payloadType()}.
 *
 * <p><b>Peer-record envelopes</b> are those with domain {@link PeerRecord#ENVELOPE_DOMAIN} and
 * payload type {@code 03 01}. For them, {@code seal} and {@code open} also decode the payload
 * (only after the signature has verified) and require the record's peer id to be the id of
 * the signing key (RFC 0003), so {@link #peerRecord()} of any envelope that exists is a record
 * its own peer signed. {@link #open(byte[])} accepts nothing but peer-record envelopes. Other
 * envelopes come from the generic {@link #open(byte[], String, byte[])} and
 * {@link #seal(String, byte[], byte[], PrivKey)}; their {@link #peerRecord()} throws.
 *
 * <p>Like go, unknown fields of the envelope protobuf are ignored; {@link #marshal()} returns
 * the bytes exactly as opened, and equality is on those bytes. Immutable, thread-safe.
 */
public final class Envelope {
  private static final HexFormat HEX = HexFormat.of();

  private final String domain;
  private final PubKey publicKey;
  private final byte[] payloadType;
  private final byte[] payload;
  private final byte[] signature;
  private final byte[] bytes;
  /** The decoded record of a peer-record envelope, else null. */
  private final @Nullable PeerRecord record;

  private Envelope(String domain, PubKey publicKey, byte[] payloadType, byte[] payload,
      byte[] signature, byte[] bytes, @Nullable PeerRecord record) {
    this.domain = domain;
    this.publicKey = publicKey;
    this.payloadType = payloadType;
    this.payload = payload;
    this.signature = signature;
    this.bytes = bytes;
    this.record = record;
  }

  /**
   * Signs {@code record} with {@code key} in the peer-record domain.
   *
   * @param record the record to sign
   * @param key the private key of the record's peer
   * @return the sealed envelope
   * @throws KeyMismatchException if the record's peer id is not the id of {@code key}
   * @throws NullPointerException if an argument is null
   */
  public static Envelope seal(PeerRecord record, PrivKey key) {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(key, "key");
    requireSigner(record, key.publicKey());
    return sign(PeerRecord.ENVELOPE_DOMAIN, PeerRecord.envelopePayloadType(), record.marshal(),
        key, record);
  }

  /**
   * Signs an arbitrary payload. With the peer-record domain and payload type the payload must
   * be a peer record of {@code key}'s peer, as for {@link #seal(PeerRecord, PrivKey)}.
   *
   * @param domain the signature domain (never sent on the wire); not empty
   * @param payloadType the payload type (multicodec or path bytes, compared byte-wise); not empty
   * @param payload the payload
   * @param key the signing key
   * @return the sealed envelope
   * @throws IllegalArgumentException if {@code domain} or {@code payloadType} is empty (as go's
   *     {@code Seal})
   * @throws InvalidRecordException if a peer-record payload does not decode
   * @throws KeyMismatchException if a peer-record payload's peer id is not the id of {@code key}
   * @throws NullPointerException if an argument is null
   */
  public static Envelope seal(String domain, byte[] payloadType, byte[] payload, PrivKey key) {
    checkDomainAndType(domain, payloadType);
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(key, "key");
    PeerRecord record = null;
    if (isPeerRecordEnvelope(domain, payloadType)) {
      record = PeerRecord.unmarshal(payload);
      requireSigner(record, key.publicKey());
    }
    return sign(domain, payloadType.clone(), payload.clone(), key, record);
  }

  private static Envelope sign(String domain, byte[] payloadType, byte[] payload, PrivKey key,
      @Nullable PeerRecord record) {
    PubKey pub = key.publicKey();
    byte[] signature = key.sign(signingBuffer(domain, payloadType, payload));
    byte[] bytes = EnvelopeProto.Envelope.newBuilder()
        .setPublicKey(CryptoProto.PublicKey.newBuilder()
            .setType(CryptoProto.KeyType.forNumber(pub.type().number()))
            .setData(ByteString.copyFrom(pub.raw())))
        .setPayloadType(ByteString.copyFrom(payloadType))
        .setPayload(ByteString.copyFrom(payload))
        .setSignature(ByteString.copyFrom(signature))
        .build()
        .toByteArray();
    return new Envelope(domain, pub, payloadType, payload, signature, bytes, record);
  }

  /**
   * Parses and verifies a peer-record envelope: payload type {@code 03 01}, signature good in
   * the domain {@link PeerRecord#ENVELOPE_DOMAIN}, payload a {@link PeerRecord} whose peer id
   * is the id of the signing key.
   *
   * @param bytes the serialized envelope
   * @return the verified envelope
   * @throws InvalidRecordException if the bytes are malformed, the key is invalid, the payload
   *     type is not {@code 03 01}, the signature does not verify, the payload is not a peer
   *     record, or the record's peer id is not the signer's
   * @throws NullPointerException if {@code bytes} is null
   */
  public static Envelope open(byte[] bytes) {
    return open(bytes, PeerRecord.ENVELOPE_DOMAIN, PeerRecord.envelopePayloadType());
  }

  /**
   * Parses and verifies an envelope of an expected domain and payload type. The payload type
   * is compared byte for byte before the signature is checked; the payload is decoded only
   * after the signature has verified, and only for the peer-record domain and type (then with
   * the same checks as {@link #open(byte[])}).
   *
   * @param bytes the serialized envelope
   * @param domain the expected signature domain; not empty
   * @param payloadType the expected payload type
   * @return the verified envelope
   * @throws InvalidRecordException if the bytes are malformed, the key is invalid, the payload
   *     type differs, the signature does not verify for {@code domain}, or a peer-record payload
   *     is invalid or not signed by its own peer
   * @throws IllegalArgumentException if {@code domain} is empty
   * @throws NullPointerException if an argument is null
   */
  public static Envelope open(byte[] bytes, String domain, byte[] payloadType) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(payloadType, "payloadType");
    if (domain.isEmpty()) {
      throw new IllegalArgumentException("envelope domain must not be empty");
    }
    EnvelopeProto.Envelope msg;
    try {
      msg = EnvelopeProto.Envelope.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidRecordException("malformed envelope protobuf: " + e.getMessage(), e);
    }
    if (!msg.hasPublicKey()) {
      throw new InvalidRecordException("envelope has no public key");
    }
    PubKey pub;
    try {
      pub = Keys.unmarshalPublicKey(msg.getPublicKey().toByteArray());
    } catch (InvalidKeyDataException e) {
      throw new InvalidRecordException("envelope public key is invalid: " + e.getMessage(), e);
    }
    byte[] type = msg.getPayloadType().toByteArray();
    if (!Arrays.equals(type, payloadType)) {
      throw new InvalidRecordException("envelope payload type " + HEX.formatHex(type)
          + " is not the expected " + HEX.formatHex(payloadType));
    }
    byte[] payload = msg.getPayload().toByteArray();
    byte[] signature = msg.getSignature().toByteArray();
    if (!pub.verify(signingBuffer(domain, type, payload), signature)) {
      throw new InvalidRecordException(
          "envelope signature does not verify in domain \"" + domain + "\"");
    }
    PeerRecord record = null;
    if (isPeerRecordEnvelope(domain, type)) {
      record = PeerRecord.unmarshal(payload);
      if (!record.peerId().matchesPublicKey(pub)) {
        throw new InvalidRecordException("peer record is for peer " + record.peerId()
            + " but signed by the key of " + PeerId.fromPublicKey(pub));
      }
    }
    return new Envelope(domain, pub, type, payload, signature, bytes.clone(), record);
  }

  /**
   * The serialized envelope: the exact bytes given to {@link #open}, or the bytes
   * {@link #seal} produced.
   *
   * @return a fresh copy
   */
  public byte[] marshal() {
    return bytes.clone();
  }

  /**
   * The length of the serialized envelope ({@code marshal().length}, without copying).
   *
   * @return the size in bytes
   */
  public int size() {
    return bytes.length;
  }

  /**
   * The signer's public key.
   *
   * @return the key
   */
  public PubKey publicKey() {
    return publicKey;
  }

  /**
   * The domain the signature was made (and verified) in; it is not part of the wire bytes.
   *
   * @return the domain
   */
  public String domain() {
    return domain;
  }

  /**
   * The record carried, verified to be signed by its own peer.
   *
   * @return the record
   * @throws InvalidRecordException if this is not a peer-record envelope (it came from the
   *     generic {@link #open(byte[], String, byte[])} or
   *     {@link #seal(String, byte[], byte[], PrivKey)} with another domain or payload type)
   */
  public PeerRecord peerRecord() {
    if (record == null) {
      throw new InvalidRecordException("envelope with domain \"" + domain + "\" and payload type "
          + HEX.formatHex(payloadType) + " does not carry a peer record");
    }
    return record;
  }

  /**
   * The payload type bytes.
   *
   * @return a fresh copy
   */
  public byte[] payloadType() {
    return payloadType.clone();
  }

  /**
   * The payload bytes (for a peer record: its protobuf).
   *
   * @return a fresh copy
   */
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * The signature bytes.
   *
   * @return a fresh copy
   */
  public byte[] signature() {
    return signature.clone();
  }

  /**
   * Whether {@code o} is an envelope with the same serialized bytes.
   *
   * @param o the object to compare with
   * @return true if equal
   */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Envelope other && Arrays.equals(bytes, other.bytes);
  }

  /**
   * A hash of the serialized bytes.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The signer's peer id and the record (or the payload type and size). */
  @Override
  public String toString() {
    String content = record != null
        ? record.toString()
        : "payloadType=" + HEX.formatHex(payloadType) + ", payload=" + payload.length + " bytes";
    return "Envelope[domain=" + domain + ", signer=" + PeerId.fromPublicKey(publicKey) + ", "
        + content + "]";
  }

  /** The bytes that are signed (docs/WIRE.md §4.2): each part prefixed with its uvarint length. */
  static byte[] signingBuffer(String domain, byte[] payloadType, byte[] payload) {
    byte[] d = domain.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(d.length + payloadType.length
        + payload.length + 15);
    for (byte[] part : new byte[][] {d, payloadType, payload}) {
      Varint.write(part.length, out);
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static boolean isPeerRecordEnvelope(String domain, byte[] payloadType) {
    return PeerRecord.ENVELOPE_DOMAIN.equals(domain)
        && Arrays.equals(payloadType, PeerRecord.envelopePayloadType());
  }

  private static void checkDomainAndType(String domain, byte[] payloadType) {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(payloadType, "payloadType");
    if (domain.isEmpty()) {
      throw new IllegalArgumentException("envelope domain must not be empty");
    }
    if (payloadType.length == 0) {
      throw new IllegalArgumentException("envelope payload type must not be empty");
    }
  }

  private static void requireSigner(PeerRecord record, PubKey key) {
    if (!record.peerId().matchesPublicKey(key)) {
      throw new KeyMismatchException("peer record is for peer " + record.peerId()
          + " but the signing key belongs to " + PeerId.fromPublicKey(key));
    }
  }
}
