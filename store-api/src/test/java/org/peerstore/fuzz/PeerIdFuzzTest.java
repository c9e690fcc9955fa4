package org.peerstore.fuzz;

import static org.peerstore.fuzz.FuzzAssertions.assertBytes;
import static org.peerstore.fuzz.FuzzAssertions.assertEqual;
import static org.peerstore.fuzz.FuzzAssertions.assertMessage;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.peerstore.InvalidPeerIdException;
import org.peerstore.peer.PeerId;

/**
 * Peer id decoders: {@link PeerId#fromBytes} and {@link PeerId#fromString} (base58btc and CIDs
 * in any multibase) throw only {@link InvalidPeerIdException}; an accepted id round-trips
 * through its bytes, base58 and CID forms, and an inlined key decodes.
 */
class PeerIdFuzzTest {

  @FuzzTest
  void bytes(byte[] data) {
    PeerId id;
    try {
      id = PeerId.fromBytes(data);
    } catch (InvalidPeerIdException e) {
      assertMessage(e);
      return;
    }
    assertBytes(data, id.toBytes(), "bytes round trip");
    roundTrip(id);
  }

  /** The input's bytes as UTF-8 text (malformed sequences become U+FFFD). */
  @FuzzTest
  void text(byte[] data) {
    PeerId id;
    try {
      id = PeerId.fromString(new String(data, StandardCharsets.UTF_8));
    } catch (InvalidPeerIdException e) {
      assertMessage(e);
      return;
    }
    roundTrip(id);
  }

  private static void roundTrip(PeerId id) {
    assertEqual(id, PeerId.fromBytes(id.toBytes()), "fromBytes(toBytes())");
    assertEqual(id, PeerId.fromString(id.toString()), "fromString(toString())");
    assertEqual(id, PeerId.fromString(id.toCid()), "fromString(toCid())");
    id.extractPublicKey().ifPresent(k -> {
      if (!id.matchesPublicKey(k)) {
        throw new AssertionError("inlined key does not match its own id " + id);
      }
    });
  }
}
