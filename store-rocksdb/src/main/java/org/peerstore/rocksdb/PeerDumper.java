package org.peerstore.rocksdb;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.peerstore.BanTarget;
import org.peerstore.StorageException;
import org.peerstore.crypto.PubKey;
import org.peerstore.internal.AddrEntry;
import org.peerstore.internal.AddrState;
import org.peerstore.internal.BanEntry;
import org.peerstore.internal.BanRules;
import org.peerstore.internal.MetadataValues;
import org.peerstore.internal.PeerTags;
import org.peerstore.internal.TagEntry;
import org.peerstore.internal.Ttl;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.peerstore.record.PeerRecord;
import org.peerstore.rocksdb.pb.RocksValues;
import org.peerstore.rocksdb.pb.RocksValues.AddrSet;
import org.peerstore.rocksdb.pb.RocksValues.ProtocolSet;
import org.rocksdb.CompactRangeOptions;
import org.rocksdb.FlushOptions;

/**
 * {@link RocksMaintenance#dump}: everything stored about one peer, entry by entry, decoded for
 * people (addresses with ttl and expiry relative to now, the signed record and whether it
 * verifies, key types but never private key material, protocols, metadata values, the peer's
 * ban and the expiry index entries naming it). Entries that do not decode are included as
 * problems. Reads only; thread-safe as {@link StoreDb} is.
 */
final class PeerDumper {
  private static final HexFormat HEX = HexFormat.of();
  private static final MetadataValues BUILT_INS = MetadataValues.builtInsOnly();

  private final StoreDb db;

  PeerDumper(StoreDb db) {
    this.db = db;
  }

  /** The dump of {@code p} at {@code now}; see {@link RocksMaintenance#dump}. */
  PeerDump dump(PeerId p, Instant now) {
    Objects.requireNonNull(p, "peer id");
    long nowNanos = Ttl.toEpochNanos(Objects.requireNonNull(now, "now"));
    byte[] id = p.toBytes();
    byte[] prefix = StoreKeys.peer(id);
    List<PeerDump.Line> lines = new ArrayList<>();
    long nextExpiry = dumpAddrs(prefix, nowNanos, now, lines);
    dumpRecord(p, prefix, lines);
    for (byte kind : new byte[] {StoreKeys.KIND_PUBLIC, StoreKeys.KIND_PRIVATE}) {
      byte[] v = db.get(ColumnFamily.KEYS, StoreKeys.key(id, kind));
      if (v != null) {
        lines.add(keyLine(p, kind, v));
      }
    }
    db.scan(ColumnFamily.KEYS, prefix, StoreKeys.prefixEnd(prefix), (k, v) -> {
      try {
        StoreKeys.keyKindOf(k);
      } catch (CorruptValueException e) {
        lines.add(new PeerDump.Line(ColumnFamily.KEYS.cfName(),
            "entry with unknown key " + HEX.formatHex(k), true));
      }
      return true;
    });
    byte[] protocols = db.get(ColumnFamily.PROTOCOLS, prefix);
    if (protocols != null) {
      try {
        for (String name : ValueCodec.decodeProtocols(protocols)) {
          lines.add(new PeerDump.Line(ColumnFamily.PROTOCOLS.cfName(), name, false));
        }
      } catch (CorruptValueException e) {
        lines.add(new PeerDump.Line(ColumnFamily.PROTOCOLS.cfName(), e.getMessage(), true));
      }
    }
    db.scan(ColumnFamily.METADATA, prefix, StoreKeys.prefixEnd(prefix), (k, v) -> {
      lines.add(metadataLine(k, prefix.length, v));
      return true;
    });
    dumpBan(p, nowNanos, lines);
    dumpTags(p, nowNanos, lines);
    dumpDials(p, nowNanos, lines);
    db.scan(ColumnFamily.EXPIRY, null, null, (k, v) -> {
      if (k.length > 8 && Arrays.equals(k, 8, k.length, id, 0, id.length)) {
        long at;
        try {
          at = StoreKeys.expiryOf(k);
        } catch (CorruptValueException e) {
          return true;
        }
        boolean matches = at == nextExpiry;
        lines.add(new PeerDump.Line(ColumnFamily.EXPIRY.cfName(), "index entry at "
            + Ttl.toInstant(at) + (matches ? " (the earliest expiry)"
                : " (dangling: not the earliest expiry of the stored addresses)"), !matches));
      }
      return true;
    });
    return new PeerDump(p, lines);
  }

  /** The peer's dial history (docs/CONTRACT.md §16): its entry, then one line per address. */
  private void dumpDials(PeerId p, long nowNanos, List<PeerDump.Line> lines) {
    byte[] key = DialCodec.key(p);
    byte[] v = db.get(ColumnFamily.DIALS, key);
    if (v == null) {
      return;
    }
    String cf = ColumnFamily.DIALS.cfName();
    org.peerstore.internal.PeerDials d;
    try {
      d = DialCodec.decode(key, v);
    } catch (CorruptValueException e) {
      lines.add(new PeerDump.Line(cf, e.getMessage(), true));
      return;
    }
    org.peerstore.internal.DialRules rules = org.peerstore.internal.DialRules.DEFAULT;
    lines.add(new PeerDump.Line(cf, "peer: " + dialText(d.record(),
        rules.backoffUntil(org.peerstore.internal.DialRules.key(p), d.record()), nowNanos)
        + (rules.expired(d, nowNanos) ? " (past the default retention, not collected yet)" : ""),
        false));
    for (var e : d.addrs().entrySet()) {
      lines.add(new PeerDump.Line(cf, e.getKey() + ": " + dialText(e.getValue(),
          rules.backoffUntil(org.peerstore.internal.DialRules.key(p, e.getKey()), e.getValue()),
          nowNanos), false));
    }
  }

  private static String dialText(org.peerstore.internal.DialRecord r, long until, long now) {
    StringBuilder b = new StringBuilder();
    b.append("first seen ").append(Ttl.toInstant(r.firstSeen()))
        .append(", last seen ").append(Ttl.toInstant(r.lastSeen()))
        .append(", ").append(r.attempts()).append(" attempts");
    if (r.lastAttempt() != org.peerstore.internal.DialRecord.NONE) {
      b.append(" (last ").append(Ttl.toInstant(r.lastAttempt())).append(')');
    }
    if (r.lastSuccess() != org.peerstore.internal.DialRecord.NONE) {
      b.append(", last success ").append(Ttl.toInstant(r.lastSuccess()));
    }
    if (r.lastFailure() != org.peerstore.internal.DialRecord.NONE) {
      b.append(", last failure ").append(Ttl.toInstant(r.lastFailure()));
      if (!r.reason().isEmpty()) {
        b.append(" (").append(r.reason()).append(')');
      }
    }
    b.append(", ").append(r.failures()).append(" failures in a row");
    if (until != org.peerstore.internal.DialRecord.NONE && now < until) {
      b.append(", in backoff until ").append(Ttl.toInstant(until)).append(" (default backoff)");
    }
    return b.toString();
  }

  private void dumpBan(PeerId p, long nowNanos, List<PeerDump.Line> lines) {
    byte[] key = BanCodec.key(BanTarget.peer(p));
    byte[] v = db.get(ColumnFamily.BANS, key);
    if (v == null) {
      return;
    }
    String cf = ColumnFamily.BANS.cfName();
    try {
      BanEntry b = BanCodec.decode(key, v);
      String until = b.isPermanent() ? "permanently"
          : (b.inForce(nowNanos) ? "until " : "expired at ") + Ttl.toInstant(b.expiryNanos())
              + (b.inForce(nowNanos) ? "" : " (not collected yet)");
      lines.add(new PeerDump.Line(cf, "banned " + until + " since "
          + Ttl.toInstant(b.createdNanos()) + (b.reason().isEmpty() ? "" : ": " + b.reason()),
          false));
    } catch (CorruptValueException e) {
      lines.add(new PeerDump.Line(cf, e.getMessage(), true));
    }
  }

  /**
   * One line per stored tag (kind, stored value, its time) and one for the protections
   * (docs/STORAGE.md "Tags"); decaying values as stored, never decayed (the decay function is
   * not in the store).
   */
  private void dumpTags(PeerId p, long nowNanos, List<PeerDump.Line> lines) {
    byte[] v = db.get(ColumnFamily.TAGS, TagCodec.key(p));
    if (v == null) {
      return;
    }
    String cf = ColumnFamily.TAGS.cfName();
    try {
      PeerTags t = TagCodec.decode(v);
      lines.add(new PeerDump.Line(cf, "tag state since " + Ttl.toInstant(t.firstSeen()), false));
      t.tags().forEach((name, e) -> {
        String what = switch (e.kind()) {
          case TagEntry.PLAIN -> "";
          case TagEntry.EXPIRING -> nowNanos < e.time()
              ? " until " + Ttl.toInstant(e.time())
              : " expired at " + Ttl.toInstant(e.time()) + " (not collected yet)";
          default -> " decaying, stored at " + Ttl.toInstant(e.time());
        };
        lines.add(new PeerDump.Line(cf, "tag " + name + " = " + e.value() + what, false));
      });
      if (!t.protections().isEmpty()) {
        lines.add(new PeerDump.Line(cf, "protected by " + String.join(", ", t.protections()),
            false));
      }
    } catch (CorruptValueException e) {
      lines.add(new PeerDump.Line(cf, e.getMessage(), true));
    }
  }

  private long dumpAddrs(byte[] prefix, long nowNanos, Instant now, List<PeerDump.Line> lines) {
    byte[] v = db.get(ColumnFamily.ADDRS, prefix);
    if (v == null) {
      return Long.MAX_VALUE;
    }
    AddrState state;
    try {
      state = ValueCodec.decodeAddrs(v);
    } catch (CorruptValueException e) {
      lines.add(new PeerDump.Line(ColumnFamily.ADDRS.cfName(), e.getMessage(), true));
      return Long.MAX_VALUE;
    }
    for (AddrEntry e : state.entries()) {
      String expiry;
      if (e.expiryNanos() == Ttl.NEVER) {
        expiry = "never expires";
      } else if (nowNanos >= e.expiryNanos()) {
        expiry = "expired at " + Ttl.toInstant(e.expiryNanos()) + " (not collected yet)";
      } else {
        expiry = "expires " + Ttl.toInstant(e.expiryNanos()) + " (in "
            + human(Duration.between(now, Ttl.toInstant(e.expiryNanos()))) + ")";
      }
      lines.add(new PeerDump.Line(ColumnFamily.ADDRS.cfName(),
          e.addr() + "  ttl " + ttlText(e.ttlNanos()) + ", " + expiry, false));
    }
    return state.nextExpiry();
  }

  private void dumpRecord(PeerId p, byte[] prefix, List<PeerDump.Line> lines) {
    byte[] v = db.get(ColumnFamily.RECORDS, prefix);
    if (v == null) {
      return;
    }
    try {
      Envelope e = ValueCodec.decodeRecord(p, v);
      PeerRecord rec = e.peerRecord();
      List<String> addrs = rec.addrs().stream().map(Multiaddr::toString).toList();
      lines.add(new PeerDump.Line(ColumnFamily.RECORDS.cfName(), "signed peer record seq "
          + Long.toUnsignedString(rec.seq()) + ", " + addrs.size() + " addresses " + addrs
          + ", signed by its " + e.publicKey().type() + " key, " + v.length
          + " bytes, signature verified", false));
    } catch (CorruptValueException e) {
      lines.add(new PeerDump.Line(ColumnFamily.RECORDS.cfName(), e.getMessage(), true));
    }
  }

  private static PeerDump.Line keyLine(PeerId p, byte kind, byte[] v) {
    String cf = ColumnFamily.KEYS.cfName();
    try {
      if (kind == StoreKeys.KIND_PUBLIC) {
        PubKey k = ValueCodec.decodePubKey(p, v);
        return new PeerDump.Line(cf, "public key " + k.type() + " (" + v.length + " bytes) "
            + HEX.formatHex(v), false);
      }
      StoredPrivKey k = StoredPrivKey.decode(p, v);
      if (k.isEncrypted()) {
        return new PeerDump.Line(cf, "private key, encrypted (" + k.encryptedValue().describe()
            + "; " + v.length + " bytes, not decrypted, not shown)", false);
      }
      return new PeerDump.Line(cf, "private key " + k.plainKey().type() + " (" + v.length
          + " bytes, unencrypted, not shown)", false);
    } catch (CorruptValueException e) {
      return new PeerDump.Line(cf, e.getMessage(), true);
    }
  }

  private static PeerDump.Line metadataLine(byte[] k, int prefixLength, byte[] v) {
    String cf = ColumnFamily.METADATA.cfName();
    String name;
    try {
      name = JavaStrings.decode(k, prefixLength);
    } catch (CorruptValueException e) {
      return new PeerDump.Line(cf, "metadata key " + HEX.formatHex(k) + ": " + e.getMessage(),
          true);
    }
    try {
      if (v.length > 0 && v[0] == MetadataValues.TAG_CODEC) {
        BUILT_INS.checkEncoding(v);
        return new PeerDump.Line(cf, name + " = value of registered type \""
            + MetadataValues.registeredTypeId(v) + "\" (" + v.length + " bytes)", false);
      }
      Object value = BUILT_INS.decode(v);
      String text = value instanceof String s ? "\"" + s + "\""
          : value instanceof byte[] b ? "0x" + HEX.formatHex(b) : String.valueOf(value);
      return new PeerDump.Line(cf, name + " = " + text + " (" + value.getClass().getSimpleName()
          + ")", false);
    } catch (IllegalArgumentException e) {
      return new PeerDump.Line(cf, name + ": " + e.getMessage(), true);
    }
  }

  /** A ttl for people: "connected", "permanent", or a duration like "1h 30m". */
  static String ttlText(long ttlNanos) {
    if (ttlNanos == Ttl.PERMANENT) {
      return "permanent";
    }
    if (Ttl.isConnected(ttlNanos)) {
      return "connected";
    }
    return human(Duration.ofNanos(ttlNanos));
  }

  private static String human(Duration d) {
    if (d.isNegative()) {
      return "-" + human(d.negated());
    }
    StringBuilder sb = new StringBuilder();
    long days = d.toDays();
    if (days > 0) {
      sb.append(days).append("d ");
    }
    if (d.toHoursPart() > 0) {
      sb.append(d.toHoursPart()).append("h ");
    }
    if (d.toMinutesPart() > 0) {
      sb.append(d.toMinutesPart()).append("m ");
    }
    if (d.toSecondsPart() > 0 || d.toMillisPart() > 0 || sb.length() == 0) {
      sb.append(d.toSecondsPart());
      if (d.toMillisPart() > 0) {
        sb.append('.').append(String.format("%03d", d.toMillisPart()));
      }
      sb.append("s ");
    }
    return sb.toString().trim();
  }
}
