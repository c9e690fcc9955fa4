package org.peerstore.rocksdb;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.peerstore.Peerstore;
import org.peerstore.conformance.TestPeer;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.record.Envelope;

/**
 * One mutation of the crash test's random operation mix, as one line of text that both the
 * writing child ({@link CrashWriterMain}) and the checking parent ({@link CrashTest}) apply
 * with {@link #apply}: the child to the RocksDB store, the parent to its model. Sharing the
 * text and the code that runs it means the two stores receive exactly the same call.
 *
 * <pre>
 * ADD  i ttl a,b,..      addAddrs(peer i, [a, b, ..], ttl)
 * SET  i ttl a,b,..      setAddrs(peer i, [a, b, ..], ttl)     (ttl 0 deletes them)
 * UPD  i old new         updateAddrs(peer i, old, new)
 * CLR  i                 clearAddrs(peer i)
 * REC  i ttl hex         consumePeerRecord(Envelope.open(hex), ttl)   (signed by peer i)
 * PUB  i j               addPubKey(peer i, public key of peer j)      (j != i: mismatch)
 * PRIV i j               addPrivKey(peer i, private key of peer j)
 * PADD i p,q,..          addProtocols(peer i, [p, q, ..])    ("-" is the empty list)
 * PSET i p,q,..          setProtocols(peer i, [p, q, ..])
 * PREM i p,q,..          removeProtocols(peer i, [p, q, ..])
 * PUT  i key type value  put(peer i, key, value); type s String, i Integer, l Long,
 *                        b Boolean, x byte[] (value in hex)
 * RMP  i                 removePeer(peer i)
 * BAN  i ttl reason      banPeer(peer i, reason, ttl)
 * BANIP i ttl            banIp(10.0.0.i, "ip", ttl)
 * UNBAN i                unbanPeer(peer i)              (outcome true/false)
 * UNBANIP i              unbanIp(10.0.0.i)              (outcome true/false)
 * DATT i a              recordDialAttempt(peer i, a)
 * DOK  i a               recordDialSuccess(peer i, a)
 * DFAIL i a reason       recordDialFailure(peer i, a, reason)
 * DCON i                 recordConnected(peer i)
 * DDIS i                 recordDisconnected(peer i)
 * TAG  i tag value ttl   tagPeer(peer i, tag, value, ttl)   (ttl PT0S: without expiry)
 * UNTAG i tag            untagPeer(peer i, tag)         (outcome true/false)
 * PROT i tag             protect(peer i, tag)
 * UNPROT i tag           unprotect(peer i, tag)         (outcome true/false)
 * GC                     collectGarbage()
 * </pre>
 *
 * <p>Ttls are {@link Duration#toString()} text. The outcome of {@link #apply} is
 * {@code ok}, {@code true}/{@code false} (consumePeerRecord), {@code n=<count>} (GC) or
 * {@code ex:<exception class>}.
 *
 * @param text the line, as above
 */
record CrashOp(String text) {
  private static final HexFormat HEX = HexFormat.of();

  /** The kind of operation (first word). */
  String kind() {
    return words()[0];
  }

  /** The index of the peer the operation is about, or -1 for {@code GC}. */
  int peer() {
    String[] w = words();
    return w.length > 1 ? Integer.parseInt(w[1]) : -1;
  }

  /** Whether {@link #apply}'s outcome must be the same in every store (not for GC counts). */
  boolean outcomeComparable() {
    return !kind().equals("GC");
  }

  private String[] words() {
    return text.split(" ");
  }

  /**
   * Runs the operation on {@code store}, where {@code peers.get(i)} is peer i.
   *
   * @return the outcome (see the class comment); a {@link RuntimeException} of the store is
   *     an outcome, not thrown
   */
  String apply(Peerstore store, List<TestPeer> peers) {
    String[] w = words();
    try {
      if (w[0].equals("GC")) {
        return "n=" + store.collectGarbage();
      }
      TestPeer p = peers.get(Integer.parseInt(w[1]));
      switch (w[0]) {
        case "ADD" -> store.addAddrs(p.id(), addrs(w[3]), Duration.parse(w[2]));
        case "SET" -> store.setAddrs(p.id(), addrs(w[3]), Duration.parse(w[2]));
        case "UPD" -> store.updateAddrs(p.id(), Duration.parse(w[2]), Duration.parse(w[3]));
        case "CLR" -> store.clearAddrs(p.id());
        case "REC" -> {
          return Boolean.toString(
              store.consumePeerRecord(Envelope.open(HEX.parseHex(w[3])), Duration.parse(w[2])));
        }
        case "PUB" -> store.addPubKey(p.id(), peers.get(Integer.parseInt(w[2])).pubKey());
        case "PRIV" -> store.addPrivKey(p.id(), peers.get(Integer.parseInt(w[2])).privKey());
        case "PADD" -> store.addProtocols(p.id(), list(w[2]));
        case "PSET" -> store.setProtocols(p.id(), list(w[2]));
        case "PREM" -> store.removeProtocols(p.id(), list(w[2]));
        case "PUT" -> store.put(p.id(), w[2], value(w[3], w[4]));
        case "RMP" -> store.removePeer(p.id());
        case "BAN" -> store.banPeer(p.id(), w[3], Duration.parse(w[2]));
        case "BANIP" -> store.banIp(ip(Integer.parseInt(w[1])), "ip", Duration.parse(w[2]));
        case "UNBAN" -> {
          return Boolean.toString(store.unbanPeer(p.id()));
        }
        case "UNBANIP" -> {
          return Boolean.toString(store.unbanIp(ip(Integer.parseInt(w[1]))));
        }
        case "DATT" -> store.recordDialAttempt(p.id(), Multiaddr.fromString(w[2]));
        case "DOK" -> store.recordDialSuccess(p.id(), Multiaddr.fromString(w[2]));
        case "DFAIL" -> store.recordDialFailure(p.id(), Multiaddr.fromString(w[2]), w[3]);
        case "DCON" -> store.recordConnected(p.id());
        case "DDIS" -> store.recordDisconnected(p.id());
        case "TAG" -> {
          Duration ttl = Duration.parse(w[4]);
          store.tagPeer(p.id(), w[2], Integer.parseInt(w[3]),
              ttl.isZero() ? org.peerstore.TagBook.NO_EXPIRY : ttl);
        }
        case "UNTAG" -> {
          return Boolean.toString(store.untagPeer(p.id(), w[2]));
        }
        case "PROT" -> store.protect(p.id(), w[2]);
        case "UNPROT" -> {
          return Boolean.toString(store.unprotect(p.id(), w[2]));
        }
        default -> throw new AssertionError("unknown crash op: " + text);
      }
      return "ok";
    } catch (RuntimeException e) {
      return "ex:" + e.getClass().getSimpleName();
    }
  }

  /** The address the IP ban operations of peer {@code i} use: {@code 10.0.0.i}. */
  static InetAddress ip(int i) {
    try {
      return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) i});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** {@code a,b,..} as addresses. */
  private static List<Multiaddr> addrs(String joined) {
    List<Multiaddr> out = new ArrayList<>();
    for (String s : list(joined)) {
      out.add(Multiaddr.fromString(s));
    }
    return out;
  }

  /** {@code p,q,..} as a list; {@code -} is the empty list. */
  private static List<String> list(String joined) {
    return joined.equals("-") ? List.of() : Arrays.asList(joined.split(","));
  }

  /** {@code items} joined for a line ({@code -} when empty). */
  static String join(List<?> items) {
    if (items.isEmpty()) {
      return "-";
    }
    StringBuilder b = new StringBuilder();
    for (Object o : items) {
      b.append(b.length() == 0 ? "" : ",").append(o);
    }
    return b.toString();
  }

  private static Object value(String type, String v) {
    return switch (type) {
      case "s" -> v;
      case "i" -> Integer.parseInt(v);
      case "l" -> Long.parseLong(v);
      case "b" -> Boolean.parseBoolean(v);
      case "x" -> HEX.parseHex(v);
      default -> throw new AssertionError("unknown metadata type in crash op: " + type);
    };
  }

  /** The hex form used for envelopes and byte values in lines. */
  static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }
}
