package org.peerstore.rocksdb;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.peerstore.crypto.Keys;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;
import org.peerstore.internal.AddrEntry;
import org.peerstore.internal.AddrState;
import org.peerstore.internal.RecordRules;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.peerstore.record.PeerRecord;
import org.peerstore.rocksdb.pb.RocksValues;
import org.peerstore.rocksdb.pb.RocksValues.AddrSet;
import org.peerstore.rocksdb.pb.RocksValues.ProtocolSet;

/**
 * Encodes the books' values to their on-disk bytes and decodes them back (docs/STORAGE.md,
 * "Values"), with the weight estimates the cache uses.
 *
 * <p>Decoders check everything a damaged disk could get wrong, including what only the peer's
 * id can tell (a key or record of another peer), and report any failure as a
 * {@link CorruptValueException}. A decoder never trusts the wire types to reject garbage with
 * only their documented exceptions: any runtime exception while decoding stored bytes means
 * those bytes are unusable. Stateless and thread-safe.
 */
final class ValueCodec {
  private ValueCodec() {}

  /** Estimated heap bytes per decoded item (object headers, references, boxing). */
  private static final int ITEM_OVERHEAD = 48;

  /** The {@code AddrSet} bytes of every entry of {@code state}, expired ones included. */
  static byte[] encodeAddrs(AddrState state) {
    // Written field by field, byte for byte what AddrSet.toByteArray() writes (fields in number
    // order, proto3 defaults omitted), without building a message per entry or copying each
    // address three times.
    int n = state.size();
    int[] entrySizes = new int[n];
    int total = 0;
    for (int i = 0; i < n; i++) {
      int size = addrEntrySize(state.addrAt(i).byteLength(), state.ttlAt(i), state.expiryAt(i));
      entrySizes[i] = size;
      total += ENTRIES_TAG_SIZE + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
    }
    byte[] out = new byte[total];
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    try {
      for (int i = 0; i < n; i++) {
        cos.writeTag(AddrSet.ENTRIES_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        cos.writeUInt32NoTag(entrySizes[i]);
        byte[] addr = state.addrAt(i).toBytes();
        if (addr.length != 0) {
          cos.writeByteArray(RocksValues.AddrEntry.ADDR_FIELD_NUMBER, addr);
        }
        long ttl = state.ttlAt(i);
        if (ttl != 0) {
          cos.writeInt64(RocksValues.AddrEntry.TTL_NANOS_FIELD_NUMBER, ttl);
        }
        long expiry = state.expiryAt(i);
        if (expiry != 0) {
          cos.writeSFixed64(RocksValues.AddrEntry.EXPIRY_NANOS_FIELD_NUMBER, expiry);
        }
      }
      cos.checkNoSpaceLeft();
    } catch (IOException e) {
      // Only possible if the sizes above were wrong: a bug, not bad input.
      throw new IllegalStateException("AddrSet size miscalculated", e);
    }
    return out;
  }

  private static final int ENTRIES_TAG_SIZE =
      CodedOutputStream.computeTagSize(AddrSet.ENTRIES_FIELD_NUMBER);

  private static int addrEntrySize(int addrLength, long ttl, long expiry) {
    int size = 0;
    if (addrLength != 0) {
      size += CodedOutputStream.computeTagSize(RocksValues.AddrEntry.ADDR_FIELD_NUMBER)
          + CodedOutputStream.computeUInt32SizeNoTag(addrLength) + addrLength;
    }
    if (ttl != 0) {
      size += CodedOutputStream.computeInt64Size(RocksValues.AddrEntry.TTL_NANOS_FIELD_NUMBER, ttl);
    }
    if (expiry != 0) {
      size += CodedOutputStream.computeSFixed64Size(RocksValues.AddrEntry.EXPIRY_NANOS_FIELD_NUMBER, expiry);
    }
    return size;
  }

  /**
   * The address state stored as {@code bytes}.
   *
   * @throws CorruptValueException if the bytes are not an {@code AddrSet}, an address does not
   *     parse, or an address occurs twice
   */
  static AddrState decodeAddrs(byte[] bytes) throws CorruptValueException {
    List<AddrEntry> canonical = canonicalEntries(bytes);
    if (canonical != null) {
      try {
        return new AddrState(canonical);
      } catch (RuntimeException e) {
        // A duplicate address: let the general path below report it.
      }
    }
    try {
      AddrSet set = AddrSet.parseFrom(bytes);
      List<AddrEntry> entries = new ArrayList<>(set.getEntriesCount());
      for (RocksValues.AddrEntry e : set.getEntriesList()) {
        Multiaddr addr = Multiaddr.fromBytes(e.getAddr().toByteArray());
        entries.add(new AddrEntry(addr, e.getTtlNanos(), e.getExpiryNanos()));
      }
      return new AddrState(entries);
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptValueException("not an AddrSet message: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new CorruptValueException("unusable address entry: " + e.getMessage(), e);
    }
  }

  private static final int ENTRIES_TAG =
      tag(AddrSet.ENTRIES_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int ADDR_TAG =
      tag(RocksValues.AddrEntry.ADDR_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
  private static final int TTL_TAG = tag(RocksValues.AddrEntry.TTL_NANOS_FIELD_NUMBER, WireFormat.WIRETYPE_VARINT);
  private static final int EXPIRY_TAG =
      tag(RocksValues.AddrEntry.EXPIRY_NANOS_FIELD_NUMBER, WireFormat.WIRETYPE_FIXED64);

  /** A protobuf field tag (field number and wire type). */
  private static int tag(int fieldNumber, int wireType) {
    return (fieldNumber << 3) | wireType;
  }

  /**
   * The entries of {@code bytes} when they are laid out exactly as {@link #encodeAddrs} writes
   * them and every address parses; null for anything else, which the protobuf parser then
   * judges (see {@link #walkCanonical}).
   */
  private static List<AddrEntry> canonicalEntries(byte[] bytes) {
    List<AddrEntry> out = new ArrayList<>();
    return walkCanonical(bytes, out) < 0 ? null : out;
  }

  /**
   * Walks {@code bytes} if they are laid out exactly as {@link #encodeAddrs} writes them
   * (entries of at most one addr, ttl and expiry field each, in field order, nothing else),
   * adding each entry to {@code out} (null: only count them, without parsing the addresses).
   * Such bytes are a valid {@code AddrSet} that the protobuf parser reads to the same entries,
   * so this fast path changes no decoding result: it only skips the message objects and copies.
   *
   * @return how many entries there are, or -1 when the layout is any other (or an address
   *     does not parse)
   */
  private static int walkCanonical(byte[] bytes, List<AddrEntry> out) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      int count = 0;
      while (!in.isAtEnd()) {
        if (in.readTag() != ENTRIES_TAG) {
          return -1;
        }
        int limit = in.pushLimit(in.readRawVarint32());
        byte[] addr = null;
        boolean hasAddr = false;
        long ttl = 0;
        long expiry = 0;
        int tag = in.readTag();
        if (tag == ADDR_TAG) {
          hasAddr = true;
          if (out != null) {
            addr = in.readByteArray();
          } else {
            in.skipField(tag);
          }
          tag = in.readTag();
        }
        if (tag == TTL_TAG) {
          ttl = in.readInt64();
          tag = in.readTag();
        }
        if (tag == EXPIRY_TAG) {
          expiry = in.readSFixed64();
          tag = in.readTag();
        }
        if (tag != 0 || !hasAddr || !in.isAtEnd()) {
          return -1;
        }
        in.popLimit(limit);
        if (out != null) {
          out.add(new AddrEntry(Multiaddr.fromBytes(addr), ttl, expiry));
        }
        count++;
      }
      return count;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * How many addresses the {@code AddrSet} in {@code bytes} holds, expired ones included,
   * without decoding the addresses (for scans over many peers).
   *
   * @throws CorruptValueException if the bytes are not an {@code AddrSet}
   */
  static int addrCount(byte[] bytes) throws CorruptValueException {
    int canonical = walkCanonical(bytes, null);
    if (canonical >= 0) {
      return canonical;
    }
    try {
      return AddrSet.parseFrom(bytes).getEntriesCount();
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptValueException("not an AddrSet message: " + e.getMessage(), e);
    }
  }

  /**
   * The unconnected-address count of the {@code AddrSet} in {@code bytes}, without decoding the
   * addresses (for counting at open).
   *
   * @throws CorruptValueException if the bytes are not an {@code AddrSet}
   */
  static int unconnectedCount(byte[] bytes) throws CorruptValueException {
    try {
      int n = 0;
      for (RocksValues.AddrEntry e : AddrSet.parseFrom(bytes).getEntriesList()) {
        if (!org.peerstore.internal.Ttl.isConnected(e.getTtlNanos())) {
          n++;
        }
      }
      return n;
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptValueException("not an AddrSet message: " + e.getMessage(), e);
    }
  }

  /** Weight of an address book of {@code count} addresses encoded in {@code bytes} bytes. */
  static int addrsWeight(int bytes, int count) {
    return 2 * bytes + ITEM_OVERHEAD * count;
  }

  /** Weight of a decoded signed record of {@code bytes} bytes (envelope, record, key). */
  static int recordWeight(int bytes) {
    return 3 * bytes + 4 * ITEM_OVERHEAD;
  }

  /**
   * The signed record stored as {@code bytes} for peer {@code p}, opened and verified again.
   *
   * @throws CorruptValueException if the envelope does not parse or verify, or its record is
   *     not {@code p}'s or not signed by {@code p}'s key
   */
  static Envelope decodeRecord(PeerId p, byte[] bytes) throws CorruptValueException {
    try {
      Envelope envelope = Envelope.open(bytes);
      PeerRecord rec = RecordRules.check(envelope);
      if (!rec.peerId().equals(p)) {
        throw new CorruptValueException("stored record is peer " + rec.peerId() + "'s");
      }
      return envelope;
    } catch (RuntimeException e) {
      throw new CorruptValueException("stored record fails verification: " + e.getMessage(), e);
    }
  }

  /**
   * The public key stored as {@code bytes} for {@code p}.
   *
   * @throws CorruptValueException if the protobuf is invalid or the key is not {@code p}'s
   */
  static PubKey decodePubKey(PeerId p, byte[] bytes) throws CorruptValueException {
    PubKey key;
    try {
      key = Keys.unmarshalPublicKey(bytes);
    } catch (RuntimeException e) {
      throw new CorruptValueException("unusable public key: " + e.getMessage(), e);
    }
    if (!matches(p, key)) {
      throw new CorruptValueException("stored public key is not the key of " + p);
    }
    return key;
  }

  /**
   * The private key stored as {@code bytes} for {@code p}.
   *
   * @throws CorruptValueException if the protobuf is invalid or the key is not {@code p}'s
   */
  static PrivKey decodePrivKey(PeerId p, byte[] bytes) throws CorruptValueException {
    PrivKey key;
    try {
      key = Keys.unmarshalPrivateKey(bytes);
    } catch (RuntimeException e) {
      // The message of a key parser may quote key material: do not pass it on.
      throw new CorruptValueException("unusable private key (" + e.getClass().getSimpleName() + ")");
    }
    if (!matches(p, key.publicKey())) {
      throw new CorruptValueException("stored private key is not the key of " + p);
    }
    return key;
  }

  private static boolean matches(PeerId p, PubKey key) throws CorruptValueException {
    try {
      return p.matchesPublicKey(key);
    } catch (RuntimeException e) {
      throw new CorruptValueException("stored key cannot be checked: " + e.getMessage(), e);
    }
  }

  /** Weight of a decoded key whose protobuf has {@code bytes} bytes. */
  static int keyWeight(int bytes) {
    return 4 * bytes + ITEM_OVERHEAD;
  }

  /** The {@code ProtocolSet} bytes of {@code protocols}, in iteration order. */
  static byte[] encodeProtocols(Set<String> protocols) {
    ProtocolSet.Builder set = ProtocolSet.newBuilder();
    for (String p : protocols) {
      set.addProtocols(ByteString.copyFrom(JavaStrings.encode(p)));
    }
    return set.build().toByteArray();
  }

  /**
   * The protocol set stored as {@code bytes} (unmodifiable, in stored order).
   *
   * @throws CorruptValueException if the bytes are not a {@code ProtocolSet} of modified UTF-8
   *     names
   */
  static Set<String> decodeProtocols(byte[] bytes) throws CorruptValueException {
    ProtocolSet set;
    try {
      set = ProtocolSet.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptValueException("not a ProtocolSet message: " + e.getMessage(), e);
    }
    Set<String> out = new LinkedHashSet<>();
    for (ByteString name : set.getProtocolsList()) {
      out.add(JavaStrings.decode(name.toByteArray(), 0));
    }
    return out.isEmpty() ? Set.of() : Collections.unmodifiableSet(out);
  }

  /** Weight of a protocol set of {@code count} names encoded in {@code bytes} bytes. */
  static int protocolsWeight(int bytes, int count) {
    return 2 * bytes + ITEM_OVERHEAD * count;
  }

  /** Weight of one metadata entry with a key of {@code keyBytes} and value of {@code valueBytes}. */
  static int metadataEntryWeight(int keyBytes, int valueBytes) {
    return 2 * keyBytes + valueBytes + 2 * ITEM_OVERHEAD;
  }
}
