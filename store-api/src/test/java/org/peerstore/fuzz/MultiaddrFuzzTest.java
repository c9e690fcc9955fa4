package org.peerstore.fuzz;

import static org.peerstore.fuzz.FuzzAssertions.assertBytes;
import static org.peerstore.fuzz.FuzzAssertions.assertEqual;
import static org.peerstore.fuzz.FuzzAssertions.assertMessage;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.peerstore.InvalidMultiaddrException;
import org.peerstore.multiaddr.Multiaddr;

/**
 * Multiaddr decoders: {@link Multiaddr#fromBytes} and {@link Multiaddr#fromString} throw only
 * {@link InvalidMultiaddrException}; an accepted address round-trips through both forms.
 *
 * <p>One known exception to the text round trip: like go-multiaddr, {@code fromBytes} accepts
 * invalid UTF-8 in the values of the string protocols (dns, dns4, dns6, dnsaddr, sni, ip6zone;
 * docs/WIRE.md §6.3, vector {@code 360180}), and {@code toString} shows such bytes as U+FFFD, so
 * that text does not parse back to the same bytes. The target accepts a failed text round trip only
 * when the text holds U+FFFD; its canonical text must still be stable.
 */
class MultiaddrFuzzTest {

  @FuzzTest
  void bytes(byte[] data) {
    Multiaddr m;
    try {
      m = Multiaddr.fromBytes(data);
    } catch (InvalidMultiaddrException e) {
      assertMessage(e);
      return;
    }
    assertBytes(data, m.toBytes(), "bytes round trip");
    roundTrip(m);
  }

  /** The input's bytes as UTF-8 text (malformed sequences become U+FFFD). */
  @FuzzTest
  void text(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    Multiaddr m;
    try {
      m = Multiaddr.fromString(text);
    } catch (InvalidMultiaddrException e) {
      assertMessage(e);
      return;
    }
    roundTrip(m);
  }

  private static void roundTrip(Multiaddr m) {
    assertEqual(m, Multiaddr.fromBytes(m.toBytes()), "fromBytes(toBytes())");
    String s = m.toString();
    Multiaddr again = Multiaddr.fromString(s);
    if (s.indexOf('\uFFFD') < 0) {
      assertEqual(m, again, "fromString(toString()) of " + s);
    }
    assertEqual(s, again.toString(), "toString is canonical");
    m.components();
    m.peerId();
  }
}
