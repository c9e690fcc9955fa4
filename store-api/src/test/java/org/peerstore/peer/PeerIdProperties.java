package org.peerstore.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.peerstore.InvalidPeerIdException;

/** Valid ids round-trip through every form; hostile input only throws InvalidPeerIdException. */
class PeerIdProperties {

  @Property
  void validIdsRoundTrip(@ForAll("validIds") byte[] bytes) {
    PeerId id = PeerId.fromBytes(bytes);
    assertThat(id.toBytes()).isEqualTo(bytes);
    assertThat(PeerId.fromString(id.toString())).isEqualTo(id);
    assertThat(PeerId.fromString(id.toCid())).isEqualTo(id).hasSameHashCodeAs(id);
    assertThat(id.compareTo(PeerId.fromBytes(bytes))).isZero();
  }

  @Property
  void orderIsAntisymmetricAndConsistentWithEquals(
      @ForAll("validIds") byte[] a, @ForAll("validIds") byte[] b) {
    PeerId x = PeerId.fromBytes(a);
    PeerId y = PeerId.fromBytes(b);
    assertThat(Integer.signum(x.compareTo(y))).isEqualTo(-Integer.signum(y.compareTo(x)));
    assertThat(x.compareTo(y) == 0).isEqualTo(x.equals(y));
  }

  @Property(tries = 3000)
  void randomBytesOnlyThrowInvalidPeerId(@ForAll @Size(max = 48) byte[] bytes) {
    Throwable t = catchThrowable(() -> {
      PeerId id = PeerId.fromBytes(bytes);
      id.toString();
      id.toCid();
      id.extractPublicKey();
    });
    if (t != null) {
      assertThat(t).isInstanceOf(InvalidPeerIdException.class);
    }
  }

  @Property(tries = 3000)
  void randomTextOnlyThrowsInvalidPeerId(@ForAll("text") String text) {
    Throwable t = catchThrowable(() -> PeerId.fromString(text));
    if (t != null) {
      assertThat(t).isInstanceOf(InvalidPeerIdException.class);
    }
  }

  @Provide
  Arbitrary<byte[]> validIds() {
    Arbitrary<byte[]> sha256 = Arbitraries.bytes().array(byte[].class).ofSize(32).map(d -> {
      byte[] id = new byte[34];
      id[0] = 0x12;
      id[1] = 32;
      System.arraycopy(d, 0, id, 2, 32);
      return id;
    });
    Arbitrary<byte[]> identity =
        Arbitraries.bytes().array(byte[].class).ofMaxSize(42).map(d -> {
          byte[] id = new byte[d.length + 2];
          id[1] = (byte) d.length;
          System.arraycopy(d, 0, id, 2, d.length);
          return id;
        });
    return Arbitraries.oneOf(sha256, identity);
  }

  @Provide
  Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(80),
        Arbitraries.strings().withChars(org.peerstore.internal.codec.Base58.ALPHABET)
            .ofMaxLength(60).map(s -> "Qm" + s),
        Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz234567").ofMaxLength(70)
            .map(s -> "bafz" + s),
        Arbitraries.strings().withChars("0123456789abcdef").ofMaxLength(90).map(s -> "f0172" + s));
  }
}
