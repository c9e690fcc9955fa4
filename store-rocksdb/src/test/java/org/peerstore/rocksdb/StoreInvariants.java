package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peerstore.internal.AddrState;
import org.peerstore.internal.Ttl;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;

/**
 * Checks, on a closed store directory, the cross-column-family invariants that only a
 * half-applied write batch could break:
 *
 * <ul>
 *   <li>a peer with an address of finite expiry has exactly one expiry index entry, at its
 *       earliest finite expiry; a peer without one has none; no index entry lacks its peer;
 *   <li>a stored signed record has stored addresses (a record lives only as long as some
 *       address of its peer);
 *   <li>with {@code onlyAdds} (a workload that never deletes, evicts or expires an address):
 *       every address of a stored record is stored too (they were one write batch);
 *   <li>no orphaned or empty value: every key of a per-peer column family holds a valid peer
 *       id; no empty protocol set is stored (an emptied book is deleted); a {@code keys} entry
 *       has a known kind and is the peer's key; {@code default} holds only the schema entry;
 *   <li>the protocol index holds exactly the (protocol, peer) pairs of the stored protocol
 *       sets (it is written in the same batch as every protocol change).
 * </ul>
 */
final class StoreInvariants {
  private StoreInvariants() {}

  static void check(Path dir, boolean onlyAdds) throws Exception {
    HexFormat hex = HexFormat.of();
    try (RawRocks raw = RawRocks.open(dir)) {
      Map<String, Long> expectedIndex = new HashMap<>();
      Map<String, AddrState> addrsByPeer = new HashMap<>();
      List<byte[]> addrKeys = raw.keys(ColumnFamily.ADDRS);
      List<byte[]> addrValues = raw.values(ColumnFamily.ADDRS);
      for (int i = 0; i < addrKeys.size(); i++) {
        String id = hex.formatHex(StoreKeys.peerIdOf(addrKeys.get(i)));
        AddrState state = ValueCodec.decodeAddrs(addrValues.get(i));
        assertThat(state.isEmpty()).as("empty address value stored for %s", id).isFalse();
        addrsByPeer.put(id, state);
        if (state.nextExpiry() != Ttl.NEVER) {
          expectedIndex.put(id, state.nextExpiry());
        }
      }
      Map<String, Long> index = new HashMap<>();
      for (byte[] key : raw.keys(ColumnFamily.EXPIRY)) {
        String id = hex.formatHex(StoreKeys.expiryPeerIdOf(key));
        Long previous = index.put(id, StoreKeys.expiryOf(key));
        assertThat(previous).as("second expiry index entry of %s", id).isNull();
      }
      assertThat(index).as("expiry index").isEqualTo(expectedIndex);

      List<byte[]> recordKeys = raw.keys(ColumnFamily.RECORDS);
      List<byte[]> recordValues = raw.values(ColumnFamily.RECORDS);
      for (int i = 0; i < recordKeys.size(); i++) {
        byte[] idBytes = StoreKeys.peerIdOf(recordKeys.get(i));
        String id = hex.formatHex(idBytes);
        AddrState addrs = addrsByPeer.get(id);
        assertThat(addrs).as("addresses of the peer of a stored record, %s", id).isNotNull();
        Envelope e = ValueCodec.decodeRecord(PeerId.fromBytes(idBytes), recordValues.get(i));
        for (Multiaddr a : onlyAdds ? e.peerRecord().addrs() : List.<Multiaddr>of()) {
          assertThat(addrs.find(a)).as("record address %s of %s is stored", a, id).isNotNull();
        }
      }
      checkValues(raw);
    }
  }

  private static void checkValues(RawRocks raw) throws Exception {
    for (ColumnFamily cf : List.of(ColumnFamily.ADDRS, ColumnFamily.RECORDS, ColumnFamily.KEYS,
        ColumnFamily.PROTOCOLS, ColumnFamily.METADATA)) {
      for (byte[] key : raw.keys(cf)) {
        PeerId.fromBytes(StoreKeys.peerIdOf(key)); // throws for a key without a valid peer id
      }
    }
    List<byte[]> protocolKeys = raw.keys(ColumnFamily.PROTOCOLS);
    List<byte[]> protocolValues = raw.values(ColumnFamily.PROTOCOLS);
    for (int i = 0; i < protocolKeys.size(); i++) {
      assertThat(ValueCodec.decodeProtocols(protocolValues.get(i)))
          .as("protocol set stored for %s", HexFormat.of().formatHex(protocolKeys.get(i)))
          .isNotEmpty();
    }
    // The protocol index is written in the batch of every protocol change: it holds exactly the
    // (protocol, peer) pairs of the stored protocol sets, with empty values.
    Set<String> expectedProtocolIndex = new HashSet<>();
    for (int i = 0; i < protocolKeys.size(); i++) {
      byte[] id = StoreKeys.peerIdOf(protocolKeys.get(i));
      for (String protocol : ValueCodec.decodeProtocols(protocolValues.get(i))) {
        expectedProtocolIndex.add(HexFormat.of().formatHex(ProtocolIndex.key(protocol, id)));
      }
    }
    Set<String> protocolIndex = new HashSet<>();
    for (byte[] key : raw.keys(ColumnFamily.PROTOCOL_INDEX)) {
      protocolIndex.add(HexFormat.of().formatHex(key));
    }
    assertThat(protocolIndex).as("protocol index against the protocol sets")
        .isEqualTo(expectedProtocolIndex);
    assertThat(raw.values(ColumnFamily.PROTOCOL_INDEX)).as("protocol index values")
        .allSatisfy(v -> assertThat(v).isEmpty());
    List<byte[]> keyKeys = raw.keys(ColumnFamily.KEYS);
    List<byte[]> keyValues = raw.values(ColumnFamily.KEYS);
    for (int i = 0; i < keyKeys.size(); i++) {
      PeerId p = PeerId.fromBytes(StoreKeys.peerIdOf(keyKeys.get(i)));
      byte[] kind = StoreKeys.suffixOf(keyKeys.get(i));
      assertThat(kind).as("kind of a stored key of %s", p).hasSize(1);
      if (kind[0] == StoreKeys.KIND_PUBLIC) {
        ValueCodec.decodePubKey(p, keyValues.get(i)); // throws unless it is the peer's
      } else {
        assertThat(kind[0]).as("kind of a stored key of %s", p).isEqualTo(StoreKeys.KIND_PRIVATE);
        ValueCodec.decodePrivKey(p, keyValues.get(i));
      }
    }
    assertThat(raw.keys(ColumnFamily.DEFAULT)).as("keys of the default column family")
        .hasSize(1)
        .allSatisfy(k -> assertThat(k).isEqualTo(StoreKeys.SCHEMA));
  }
}
