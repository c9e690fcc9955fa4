package org.peerstore.conformance;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.peerstore.crypto.PrivKey;
import org.peerstore.internal.pb.CryptoProto;
import org.peerstore.internal.pb.EnvelopeProto;
import org.peerstore.record.PeerRecord;

/**
 * Serialized envelopes that {@code Envelope.seal} refuses to make, built by hand (docs/WIRE.md §4):
 * a peer record signed, with a valid signature, by a key that is not the record's peer.
 * Stateless and thread-safe.
 */
final class ForgedEnvelopes {
  private ForgedEnvelopes() {}

  /**
   * The bytes of a peer-record envelope carrying {@code record}, correctly signed by
   * {@code signer} (whatever peer the record names).
   */
  static byte[] signedBy(PeerRecord record, PrivKey signer) {
    byte[] payloadType = PeerRecord.envelopePayloadType();
    byte[] payload = record.marshal();
    byte[] signature = signer.sign(signingBuffer(PeerRecord.ENVELOPE_DOMAIN, payloadType,
        payload));
    CryptoProto.PublicKey pub;
    try {
      pub = CryptoProto.PublicKey.parseFrom(signer.publicKey().marshal());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a marshalled public key did not parse", e);
    }
    return EnvelopeProto.Envelope.newBuilder()
        .setPublicKey(pub)
        .setPayloadType(ByteString.copyFrom(payloadType))
        .setPayload(ByteString.copyFrom(payload))
        .setSignature(ByteString.copyFrom(signature))
        .build()
        .toByteArray();
  }

  /** uvarint(len) || bytes for the domain, the payload type and the payload. */
  private static byte[] signingBuffer(String domain, byte[] payloadType, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : new byte[][] {domain.getBytes(StandardCharsets.UTF_8), payloadType,
        payload}) {
      long n = part.length;
      while (n >= 0x80) {
        out.write((int) (n & 0x7f) | 0x80);
        n >>>= 7;
      }
      out.write((int) n);
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
