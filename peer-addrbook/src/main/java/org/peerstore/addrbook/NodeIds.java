package org.peerstore.addrbook;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.peerstore.peer.PeerId;

/**
 * Where the book keeps its state in a store (docs/ADDRBOOK.md, "Stored format"): the peer of a
 * node id is the identity multihash of the id's 20 bytes; the book's own peer is the identity
 * multihash of the 18 ASCII bytes {@code peerstore.addrbook} (never 20 bytes, so never a node's).
 */
final class NodeIds {
  private NodeIds() {}

  /** Metadata key of a known address's entry. */
  static final String ENTRY_KEY = "peerstore.addrbook/entry";
  /** Metadata key of the book's hash key (a String), on {@link #BOOK_PEER}. */
  static final String BOOK_KEY = "peerstore.addrbook/key";
  /** The reserved peer holding the book's key. */
  static final PeerId BOOK_PEER = identity("peerstore.addrbook".getBytes(StandardCharsets.US_ASCII));

  private static PeerId identity(byte[] digest) {
    byte[] mh = new byte[2 + digest.length];
    mh[1] = (byte) digest.length; // code 0x00 (identity), then the length
    System.arraycopy(digest, 0, mh, 2, digest.length);
    return PeerId.fromBytes(mh);
  }

  /** The peer of a node id (40 lowercase hex digits). */
  static PeerId peerOf(String nodeId) {
    return identity(HexFormat.of().parseHex(nodeId));
  }

  /** The node id a peer stands for, or empty if the peer is not a node id's. */
  static Optional<String> nodeIdOf(PeerId peer) {
    byte[] b = peer.toBytes();
    if (b.length != 22 || b[0] != 0 || b[1] != 20) {
      return Optional.empty();
    }
    return Optional.of(HexFormat.of().formatHex(b, 2, 22));
  }
}
