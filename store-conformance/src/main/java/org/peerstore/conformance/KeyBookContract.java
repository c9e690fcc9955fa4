package org.peerstore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.peerstore.KeyMismatchException;
import org.peerstore.Peerstore;
import org.peerstore.crypto.KeyType;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;
import org.peerstore.peer.PeerId;

/**
 * Key book (docs/CONTRACT.md §5): every key type, mismatch rejection, keys inlined in identity ids.
 * Keys are compared by their marshalled bytes.
 */
abstract class KeyBookContract extends ContractBase {

  KeyBookContract(PeerstoreConformanceSuite suite) {
    super(suite);
  }

  private static void assertPubKey(Optional<PubKey> actual, PubKey expected) {
    assertThat(actual).isPresent();
    assertThat(actual.orElseThrow().type()).isEqualTo(expected.type());
    assertThat(actual.orElseThrow().marshal()).isEqualTo(expected.marshal());
  }

  private static void assertPrivKey(Optional<PrivKey> actual, PrivKey expected) {
    assertThat(actual).isPresent();
    assertThat(actual.orElseThrow().type()).isEqualTo(expected.type());
    assertThat(actual.orElseThrow().marshal()).isEqualTo(expected.marshal());
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void storesAndReturnsKeysOfEveryType(KeyType type) {
    Peerstore ps = open();
    TestPeer peer = TestPeer.generate(type);
    ps.addPubKey(peer.id(), peer.pubKey());
    ps.addPrivKey(peer.id(), peer.privKey());
    assertPubKey(ps.pubKey(peer.id()), peer.pubKey());
    assertPrivKey(ps.privKey(peer.id()), peer.privKey());
    assertThat(ps.peersWithKeys()).containsExactly(peer.id());
  }

  @Test
  void publicKeyOfAnotherPeerIsRejected() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate(KeyType.ECDSA);
    TestPeer bob = TestPeer.generate(KeyType.ECDSA);
    assertThatThrownBy(() -> ps.addPubKey(alice.id(), bob.pubKey()))
        .isInstanceOf(KeyMismatchException.class);
    assertThat(ps.pubKey(alice.id())).isEmpty();
    assertThat(ps.peersWithKeys()).isEmpty();
    assertThat(ps.peers()).isEmpty();
  }

  @Test
  void privateKeyOfAnotherPeerIsRejected() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    TestPeer bob = TestPeer.generate(KeyType.SECP256K1);
    assertThatThrownBy(() -> ps.addPrivKey(alice.id(), bob.privKey()))
        .isInstanceOf(KeyMismatchException.class);
    assertThatThrownBy(() -> ps.addPrivKey(bob.id(), alice.privKey()))
        .isInstanceOf(KeyMismatchException.class);
    assertThat(ps.privKey(alice.id())).isEmpty();
    assertThat(ps.privKey(bob.id())).isEmpty();
    assertThat(ps.peersWithKeys()).isEmpty();
  }

  @Test
  void keyOfAnotherTypeIsRejected() {
    Peerstore ps = open();
    TestPeer ed = TestPeer.generate(KeyType.ED25519);
    TestPeer rsa = TestPeer.generate(KeyType.RSA);
    assertThatThrownBy(() -> ps.addPubKey(rsa.id(), ed.pubKey()))
        .isInstanceOf(KeyMismatchException.class);
    assertThatThrownBy(() -> ps.addPubKey(ed.id(), rsa.pubKey()))
        .isInstanceOf(KeyMismatchException.class);
    assertThat(ps.peersWithKeys()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = KeyType.class, names = {"ED25519", "SECP256K1"})
  void keyInlinedInAnIdentityIdIsReturnedWithoutBeingStored(KeyType type) {
    Peerstore ps = open();
    TestPeer peer = TestPeer.generate(type);
    assertPubKey(ps.pubKey(peer.id()), peer.pubKey());
    assertThat(ps.privKey(peer.id())).isEmpty();
    assertThat(ps.peersWithKeys()).isEmpty();
    assertThat(ps.peers()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = KeyType.class, names = {"RSA", "ECDSA"})
  void hashedIdHasNoPublicKeyUntilOneIsAdded(KeyType type) {
    Peerstore ps = open();
    TestPeer peer = TestPeer.generate(type);
    assertThat(ps.pubKey(peer.id())).isEmpty();
    assertThat(ps.privKey(peer.id())).isEmpty();
    ps.addPubKey(peer.id(), peer.pubKey());
    assertPubKey(ps.pubKey(peer.id()), peer.pubKey());
    assertThat(ps.privKey(peer.id())).isEmpty();
  }

  @Test
  void peersWithKeysListsPeersWithAPublicOrAPrivateKey() {
    Peerstore ps = open();
    TestPeer withPub = TestPeer.generate(KeyType.ECDSA);
    TestPeer withPriv = TestPeer.generate();
    TestPeer withBoth = TestPeer.generate(KeyType.SECP256K1);
    TestPeer withAddrs = TestPeer.generate();
    ps.addPubKey(withPub.id(), withPub.pubKey());
    ps.addPrivKey(withPriv.id(), withPriv.privKey());
    ps.addPubKey(withBoth.id(), withBoth.pubKey());
    ps.addPrivKey(withBoth.id(), withBoth.privKey());
    ps.addAddr(withAddrs.id(), Addrs.addr(1), Duration.ofHours(1));
    assertThat(ps.peersWithKeys())
        .containsExactlyInAnyOrder(withPub.id(), withPriv.id(), withBoth.id());
    assertPrivKey(ps.privKey(withPriv.id()), withPriv.privKey());
    assertThat(ps.privKey(withPub.id())).isEmpty();
  }

  @Test
  void addingTheSameKeysAgainIsHarmless() {
    Peerstore ps = open();
    TestPeer peer = TestPeer.generate(KeyType.ECDSA);
    for (int i = 0; i < 2; i++) {
      ps.addPubKey(peer.id(), peer.pubKey());
      ps.addPrivKey(peer.id(), peer.privKey());
    }
    assertPubKey(ps.pubKey(peer.id()), peer.pubKey());
    assertPrivKey(ps.privKey(peer.id()), peer.privKey());
    assertThat(ps.peersWithKeys()).containsExactly(peer.id());
  }

  @Test
  void keysBelongToTheirPeer() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate(KeyType.ECDSA);
    TestPeer bob = TestPeer.generate(KeyType.ECDSA);
    ps.addPubKey(alice.id(), alice.pubKey());
    ps.addPrivKey(bob.id(), bob.privKey());
    assertThat(ps.pubKey(bob.id())).isEmpty();
    assertThat(ps.privKey(alice.id())).isEmpty();
    PeerId unknown = TestPeer.generate(KeyType.ECDSA).id();
    assertThat(ps.pubKey(unknown)).isEmpty();
    assertThat(ps.privKey(unknown)).isEmpty();
  }
}
