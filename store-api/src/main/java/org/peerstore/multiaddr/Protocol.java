package org.peerstore.multiaddr;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.peerstore.internal.codec.Varint;

/**
 * The multiaddr protocols this library knows (docs/WIRE.md §6.2): protocols.csv, the multicodec
 * table and go-multiaddr v0.16.1, including the deprecated {@code p2p-websocket-star}, {@code
 * p2p-stardust} and {@code p2p-webrtc-star} that go no longer registers but rust-multiaddr and
 * js-multiaddr still read. {@code ipfs} is accepted in text as another name for {@link #P2P} and
 * always printed as {@code p2p}.
 *
 * <p>Each protocol has a multicodec {@link #code()}, a value size ({@link #sizeBits()}: 0 for
 * none, a fixed number of bits, or {@link #VARIABLE} for a varint-length-prefixed value), and
 * may be a {@linkplain #isPath() path} protocol (only {@link #UNIX}) whose text value is the
 * whole rest of the address and after which nothing may follow.
 *
 * <p>{@link #MEMORY} follows go and rust (a fixed 8-byte big-endian integer), not protocols.csv
 * or js-multiaddr (a variable-length string). Immutable; thread-safe.
 */
public enum Protocol {
  /** IPv4 address, 4 bytes. */
  IP4("ip4", 4, 32, Transcoders.IP4),
  /** TCP port, 2 bytes. */
  TCP("tcp", 6, 16, Transcoders.PORT),
  /** UDP port, 2 bytes. */
  UDP("udp", 273, 16, Transcoders.PORT),
  /** DCCP port, 2 bytes. */
  DCCP("dccp", 33, 16, Transcoders.PORT),
  /** IPv6 address, 16 bytes. */
  IP6("ip6", 41, 128, Transcoders.IP6),
  /** IPv6 zone id (RFC 4007), variable. */
  IP6ZONE("ip6zone", 42, Protocol.VARIABLE, Transcoders.IP6ZONE),
  /** CIDR prefix length, 1 byte. */
  IPCIDR("ipcidr", 43, 8, Transcoders.IPCIDR),
  /** Domain name resolving to IPv4 and IPv6. */
  DNS("dns", 53, Protocol.VARIABLE, Transcoders.DNS),
  /** Domain name resolving to IPv4 only. */
  DNS4("dns4", 54, Protocol.VARIABLE, Transcoders.DNS),
  /** Domain name resolving to IPv6 only. */
  DNS6("dns6", 55, Protocol.VARIABLE, Transcoders.DNS),
  /** Domain name whose {@code _dnsaddr} TXT records hold multiaddrs. */
  DNSADDR("dnsaddr", 56, Protocol.VARIABLE, Transcoders.DNS),
  /** SCTP port, 2 bytes. */
  SCTP("sctp", 132, 16, Transcoders.PORT),
  /** UDT. */
  UDT("udt", 301, 0, null),
  /** uTP. */
  UTP("utp", 302, 0, null),
  /** Unix domain socket path; a path protocol. */
  UNIX("unix", 400, Protocol.VARIABLE, Transcoders.UNIX),
  /** Peer id (multihash); text alias {@code ipfs}. */
  P2P("p2p", 421, Protocol.VARIABLE, Transcoders.P2P),
  /** Tor onion service v2: 10-byte hash and port. */
  ONION("onion", 444, 96, Transcoders.ONION),
  /** Tor onion service v3: 35-byte key and port. */
  ONION3("onion3", 445, 296, Transcoders.ONION3),
  /** I2P destination, I2P base64 text. */
  GARLIC64("garlic64", 446, Protocol.VARIABLE, Transcoders.GARLIC64),
  /** I2P hashed destination, base32 text. */
  GARLIC32("garlic32", 447, Protocol.VARIABLE, Transcoders.GARLIC32),
  /** TLS. */
  TLS("tls", 448, 0, null),
  /** TLS server name indication. */
  SNI("sni", 449, Protocol.VARIABLE, Transcoders.DNS),
  /** Noise handshake. */
  NOISE("noise", 454, 0, null),
  /** QUIC draft-29. */
  QUIC("quic", 460, 0, null),
  /** QUIC version 1 (RFC 9000). */
  QUIC_V1("quic-v1", 461, 0, null),
  /** WebTransport. */
  WEBTRANSPORT("webtransport", 465, 0, null),
  /** Certificate hash (a multihash), multibase text. */
  CERTHASH("certhash", 466, Protocol.VARIABLE, Transcoders.CERTHASH),
  /** HTTP. */
  HTTP("http", 480, 0, null),
  /** HTTP resource path, URL-escaped text. */
  HTTP_PATH("http-path", 481, Protocol.VARIABLE, Transcoders.HTTP_PATH),
  /** HTTPS (deprecated alias for {@code /tls/http}). */
  HTTPS("https", 443, 0, null),
  /** WebSocket. */
  WS("ws", 477, 0, null),
  /** Secure WebSocket (deprecated alias for {@code /tls/ws}). */
  WSS("wss", 478, 0, null),
  /** Deprecated; not registered by go-multiaddr. */
  P2P_WEBSOCKET_STAR("p2p-websocket-star", 479, 0, null),
  /** Deprecated; not registered by go-multiaddr. */
  P2P_STARDUST("p2p-stardust", 277, 0, null),
  /** Deprecated; not registered by go-multiaddr. */
  P2P_WEBRTC_STAR("p2p-webrtc-star", 275, 0, null),
  /** Deprecated. */
  P2P_WEBRTC_DIRECT("p2p-webrtc-direct", 276, 0, null),
  /** WebRTC direct (browser to server). */
  WEBRTC_DIRECT("webrtc-direct", 280, 0, null),
  /** WebRTC (browser to browser). */
  WEBRTC("webrtc", 281, 0, null),
  /** Circuit relay. */
  P2P_CIRCUIT("p2p-circuit", 290, 0, null),
  /** In-memory transport id, 8 bytes (go/rust layout). */
  MEMORY("memory", 777, 64, Transcoders.MEMORY),
  /** Plaintext security v2. */
  PLAINTEXTV2("plaintextv2", 7367777, 0, null);

  /** {@link #sizeBits()} of a protocol whose value is varint-length-prefixed. */
  public static final int VARIABLE = -1;

  private static final @Nullable Protocol[] BY_SMALL_CODE = new Protocol[1024];
  private static final Map<Integer, Protocol> BY_LARGE_CODE = new HashMap<>();
  private static final Map<String, Protocol> BY_NAME = new HashMap<>();

  static {
    for (Protocol p : values()) {
      if (p.code < BY_SMALL_CODE.length) {
        BY_SMALL_CODE[p.code] = p;
      } else {
        BY_LARGE_CODE.put(p.code, p);
      }
      BY_NAME.put(p.protocolName, p);
    }
    BY_NAME.put("ipfs", P2P);
  }

  private final String protocolName;
  private final int code;
  private final int sizeBits;
  private final byte[] codeBytes;
  private final @Nullable Transcoder transcoder;

  Protocol(String protocolName, int code, int sizeBits, @Nullable Transcoder transcoder) {
    this.protocolName = protocolName;
    this.code = code;
    this.sizeBits = sizeBits;
    this.codeBytes = Varint.encode(code);
    this.transcoder = transcoder;
  }

  /** The protocol with this text name or alias, e.g. {@code "tcp"} or {@code "ipfs"}. */
  public static Optional<Protocol> forName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The protocol with this multicodec code. */
  public static Optional<Protocol> forCode(long code) {
    return Optional.ofNullable(lookup(code));
  }

  /** Like {@link #forCode} without the Optional, for the parser's hot path; null if unknown. */
  static @Nullable Protocol lookup(long code) {
    if (code >= 0 && code < BY_SMALL_CODE.length) {
      return BY_SMALL_CODE[(int) code];
    }
    return BY_LARGE_CODE.get((int) Math.min(code, Integer.MAX_VALUE));
  }

  /** The canonical text name, e.g. {@code "quic-v1"}. */
  public String protocolName() {
    return protocolName;
  }

  /** The multicodec code, e.g. 421 for {@code p2p}. */
  public int code() {
    return code;
  }

  /** Value size in bits: 0 (no value), a fixed size, or {@link #VARIABLE}. */
  public int sizeBits() {
    return sizeBits;
  }

  /** Whether components of this protocol carry a value. */
  public boolean hasValue() {
    return sizeBits != 0;
  }

  /** Whether this is a path protocol: its text value is the rest of the address. */
  public boolean isPath() {
    return this == UNIX;
  }

  /** The varint encoding of the code (a copy). */
  public byte[] codeBytes() {
    return codeBytes.clone();
  }

  byte[] codeBytesShared() {
    return codeBytes;
  }

  @Nullable Transcoder transcoder() {
    return transcoder;
  }

  /** The canonical text name. */
  @Override
  public String toString() {
    return protocolName;
  }
}
