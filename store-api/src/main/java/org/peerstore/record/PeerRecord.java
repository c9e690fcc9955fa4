package org.peerstore.record;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.peerstore.InvalidMultiaddrException;
import org.peerstore.InvalidPeerIdException;
import org.peerstore.InvalidRecordException;
import org.peerstore.internal.pb.PeerRecordProto;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * A routing record (RFC 0003, docs/WIRE.md §5): a peer's addresses with a sequence number.
 *
 * <p>{@code seq} is an unsigned 64-bit value held in a {@code long}: values of 2^63 and above
 * are negative as a {@code long}, so compare with {@link Long#compareUnsigned} and print with
 * {@link Long#toUnsignedString(long)} (as {@link #toString()} does). The address list is an
 * unmodifiable copy, kept in the given order (duplicates included, as go keeps them).
 *
 * <p>A record on its own is unsigned and proves nothing; {@link Envelope#seal} signs it and
 * {@link Envelope#open} verifies it. Immutable and thread-safe.
 *
 * @param peerId the peer the addresses belong to
 * @param seq the sequence number, unsigned; newer records of a peer have larger values
 * @param addrs the peer's addresses
 */
public record PeerRecord(PeerId peerId, long seq, List<Multiaddr> addrs) {

  /** The envelope domain for peer records (go-libp2p; the RFC text's value is outdated). */
  public static final String ENVELOPE_DOMAIN = "libp2p-peer-record";

  /** Multicodec 0x0301 {@code libp2p-peer-record} as two big-endian bytes (not a varint). */
  private static final byte[] ENVELOPE_PAYLOAD_TYPE = {0x03, 0x01};

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if {@code peerId}, {@code addrs} or an element of
   *     {@code addrs} is null (the message names which)
   */
  public PeerRecord {
    Objects.requireNonNull(peerId, "peerId");
    Objects.requireNonNull(addrs, "addrs");
    for (Multiaddr a : addrs) {
      Objects.requireNonNull(a, "addrs contains null");
    }
    addrs = List.copyOf(addrs);
  }

  /**
   * The envelope payload type of peer records, {@code 03 01}.
   *
   * @return a fresh copy of the two bytes
   */
  public static byte[] envelopePayloadType() {
    return ENVELOPE_PAYLOAD_TYPE.clone();
  }

  /**
   * Serializes this record as the RFC 0003 {@code PeerRecord} protobuf (as go writes it: fields
   * in number order, {@code seq} omitted when 0).
   *
   * @return the protobuf bytes
   */
  public byte[] marshal() {
    PeerRecordProto.PeerRecord.Builder b = PeerRecordProto.PeerRecord.newBuilder()
        .setPeerId(ByteString.copyFrom(peerId.toBytes()))
        .setSeq(seq);
    for (Multiaddr a : addrs) {
      b.addAddresses(PeerRecordProto.PeerRecord.AddressInfo.newBuilder()
          .setMultiaddr(ByteString.copyFrom(a.toBytes())));
    }
    return b.build().toByteArray();
  }

  /**
   * Parses an RFC 0003 {@code PeerRecord} protobuf. This only decodes: the bytes are unsigned,
   * so use {@link Envelope#open} for anything received from a peer.
   *
   * <p>Like go-libp2p, addresses that are empty or do not parse as a multiaddr are skipped
   * rather than failing the record; unknown protobuf fields are ignored.
   *
   * @param bytes the protobuf bytes
   * @return the record
   * @throws InvalidRecordException if the bytes are not a {@code PeerRecord} protobuf or its
   *     peer id is missing or invalid
   * @throws NullPointerException if {@code bytes} is null
   */
  public static PeerRecord unmarshal(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    PeerRecordProto.PeerRecord msg;
    try {
      msg = PeerRecordProto.PeerRecord.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidRecordException("malformed PeerRecord protobuf: " + e.getMessage(), e);
    }
    PeerId id;
    try {
      id = PeerId.fromBytes(msg.getPeerId().toByteArray());
    } catch (InvalidPeerIdException e) {
      throw new InvalidRecordException("peer record has an invalid peer id: " + e.getMessage(), e);
    }
    List<Multiaddr> addrs = new ArrayList<>(msg.getAddressesCount());
    for (PeerRecordProto.PeerRecord.AddressInfo info : msg.getAddressesList()) {
      if (info.getMultiaddr().isEmpty()) {
        continue;
      }
      try {
        addrs.add(Multiaddr.fromBytes(info.getMultiaddr().toByteArray()));
      } catch (InvalidMultiaddrException e) {
        // go's addrsFromProtobuf skips addresses it cannot parse; so do we.
      }
    }
    return new PeerRecord(id, msg.getSeq(), addrs);
  }

  /** The record with {@code seq} printed unsigned, e.g. {@code PeerRecord[peerId=12D3…, seq=…]}. */
  @Override
  public String toString() {
    return "PeerRecord[peerId=" + peerId + ", seq=" + Long.toUnsignedString(seq)
        + ", addrs=" + addrs + "]";
  }
}
