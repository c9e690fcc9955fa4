package org.peerstore.fuzz;

import static org.peerstore.fuzz.FuzzAssertions.assertBytes;
import static org.peerstore.fuzz.FuzzAssertions.assertEqual;
import static org.peerstore.fuzz.FuzzAssertions.assertMessage;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.HexFormat;
import org.peerstore.InvalidRecordException;
import org.peerstore.crypto.Keys;
import org.peerstore.crypto.PrivKey;
import org.peerstore.internal.pb.PeerRecordProto;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.peerstore.record.PeerRecord;

/**
 * Signed envelope and peer record decoders throw only {@link InvalidRecordException}:
 * {@link Envelope#open(byte[])} on raw bytes, {@link PeerRecord#unmarshal} on raw payloads, and
 * (since random bytes never carry a valid signature) {@code open} of envelopes that a fixed key
 * really signed around a fuzzed peer record payload, so the payload checks behind the signature
 * are fuzzed too. An accepted envelope re-marshals to the same bytes.
 */
class RecordFuzzTest {

  /** The Ed25519 key of libp2p/specs peer-ids.md (keys.json), so runs are reproducible. */
  private static final PrivKey SIGNER = Keys.unmarshalPrivateKey(HexFormat.of().parseHex(
      "080112407e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d"
          + "1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"));
  private static final ByteString SIGNER_ID =
      ByteString.copyFrom(PeerId.fromPublicKey(SIGNER.publicKey()).toBytes());

  @FuzzTest
  void envelope(byte[] data) {
    Envelope e;
    try {
      e = Envelope.open(data);
    } catch (InvalidRecordException ex) {
      assertMessage(ex);
      return;
    }
    assertBytes(data, e.marshal(), "envelope round trip");
    assertEqual(e, Envelope.open(e.marshal()), "open(marshal())");
    e.peerRecord().peerId().matchesPublicKey(e.publicKey());
  }

  @FuzzTest
  void peerRecord(byte[] data) {
    PeerRecord r;
    try {
      r = PeerRecord.unmarshal(data);
    } catch (InvalidRecordException ex) {
      assertMessage(ex);
      return;
    }
    assertEqual(r, PeerRecord.unmarshal(r.marshal()), "unmarshal(marshal())");
  }

  /**
   * The input as a peer record protobuf whose peer id is replaced by the signer's, sealed by
   * the signer and opened again: whatever {@code seal} accepts, {@code open} must accept.
   */
  @FuzzTest
  void signedPeerRecord(byte[] data) {
    byte[] payload;
    try {
      payload = PeerRecordProto.PeerRecord.parseFrom(data).toBuilder()
          .setPeerId(SIGNER_ID).build().toByteArray();
    } catch (InvalidProtocolBufferException ex) {
      return; // not a protobuf: covered by peerRecord()
    }
    Envelope sealed;
    try {
      sealed = Envelope.seal(PeerRecord.ENVELOPE_DOMAIN, PeerRecord.envelopePayloadType(),
          payload, SIGNER);
    } catch (InvalidRecordException ex) {
      assertMessage(ex);
      return;
    }
    Envelope opened = Envelope.open(sealed.marshal());
    assertEqual(sealed, opened, "open(seal())");
    assertEqual(sealed.peerRecord(), opened.peerRecord(), "record of open(seal())");
  }
}
