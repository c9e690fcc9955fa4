package org.peerstore.bench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.crypto.KeyType;
import org.peerstore.crypto.PubKey;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;

class DatasetTest {

  @Test
  void identitiesAreDeterministicDistinctEd25519() {
    assertThat(Identities.peer(1, 5)).isEqualTo(Identities.peer(1, 5));
    assertThat(Identities.peer(1, 5)).isNotEqualTo(Identities.peer(1, 6));
    assertThat(Identities.peer(1, 5)).isNotEqualTo(Identities.peer(2, 5));
    assertThat(Identities.key(1, 5).type()).isEqualTo(KeyType.ED25519);
    assertThatThrownBy(() -> Identities.key(1, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cachedIdentitiesAreTheGeneratedOnesAndADamagedCacheIsRegenerated(@TempDir Path dir)
      throws Exception {
    String old = System.getProperty(IdentityCache.DIR_PROPERTY);
    System.setProperty(IdentityCache.DIR_PROPERTY, dir.toString());
    try {
      PubKey[] first = IdentityCache.publicKeys(99, 4);
      Path file;
      try (var files = Files.list(dir)) {
        file = files.filter(f -> f.toString().endsWith(".bin")).findFirst().orElseThrow();
      }
      assertThat(Files.size(file)).isEqualTo(4 * 32);
      assertThat(IdentityCache.publicKeys(99, 4)).containsExactly(first);
      for (int i = 0; i < 4; i++) {
        assertThat(first[i]).isEqualTo(Identities.key(99, i).publicKey());
      }
      byte[] bytes = Files.readAllBytes(file);
      bytes[3 * 32] ^= 1; // the last key, which every load checks
      Files.write(file, bytes);
      assertThat(IdentityCache.publicKeys(99, 4)).containsExactly(first);
      assertThat(Files.readAllBytes(file)[3 * 32]).isEqualTo((byte) (bytes[3 * 32] ^ 1));
    } finally {
      if (old == null) {
        System.clearProperty(IdentityCache.DIR_PROPERTY);
      } else {
        System.setProperty(IdentityCache.DIR_PROPERTY, old);
      }
    }
  }

  @Test
  void addressesAreDeterministicDistinctAndNested() {
    List<Multiaddr> hundred = Addresses.of(3, 9, 100);
    assertThat(hundred).hasSize(100).doesNotHaveDuplicates();
    assertThat(Addresses.of(3, 9, 10)).isEqualTo(hundred.subList(0, 10));
    assertThat(Addresses.of(3, 10, 10)).isNotEqualTo(hundred.subList(0, 10));
    assertThat(hundred).allSatisfy(a -> assertThat(a.peerId()).isEmpty());
  }

  @Test
  void datasetHasPeersUnknownPeersAndSealedRecords() {
    Dataset d = Dataset.generate(5, 11);
    Set<PeerId> ids = new HashSet<>();
    for (int i = 0; i < d.size(); i++) {
      ids.add(d.peer(i));
      ids.add(d.unknownPeer(i));
      assertThat(d.peer(i).matchesPublicKey(d.publicKey(i))).isTrue();
      assertThat(d.key(i).publicKey()).isEqualTo(d.publicKey(i));
      assertThat(d.addrs(i, 10)).hasSize(10);
      Envelope e = d.envelope(i);
      assertThat(e.peerRecord().peerId()).isEqualTo(d.peer(i));
      assertThat(e.peerRecord().addrs()).isEqualTo(d.addrs(i, Dataset.RECORD_ADDRS));
      assertThat(Envelope.open(e.marshal()).peerRecord()).isEqualTo(e.peerRecord());
    }
    assertThat(ids).hasSize(10);
    assertThat(Dataset.generate(5, 11).peer(3)).isEqualTo(d.peer(3));
  }
}
