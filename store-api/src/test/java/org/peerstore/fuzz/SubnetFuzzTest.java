package org.peerstore.fuzz;

import static org.peerstore.fuzz.FuzzAssertions.assertMessage;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.peerstore.InvalidSubnetException;
import org.peerstore.Subnet;

/**
 * {@link Subnet#parse}: any text either parses to a subnet whose canonical text parses back to
 * it, or throws {@link InvalidSubnetException} with a message (docs/CONTRACT.md §14).
 */
class SubnetFuzzTest {

  /** The input's bytes as UTF-8 text (malformed sequences become U+FFFD). */
  @FuzzTest
  void text(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    Subnet s;
    try {
      s = Subnet.parse(text);
    } catch (InvalidSubnetException e) {
      assertMessage(e);
      return;
    }
    Subnet again = Subnet.parse(s.toString());
    if (!again.equals(s) || !again.toString().equals(s.toString())) {
      throw new AssertionError("subnet text does not round-trip: " + text + " -> " + s);
    }
    if (s.prefixLength() < 0 || s.prefixLength() > s.networkBytes().length * 8) {
      throw new AssertionError("prefix out of range: " + s);
    }
  }
}
