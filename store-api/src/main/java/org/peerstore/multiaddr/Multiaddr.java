package org.peerstore.multiaddr;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.peerstore.InvalidMultiaddrException;
import org.peerstore.peer.PeerId;

/**
 * A self-describing network address (docs/WIRE.md §6), e.g. {@code /ip4/1.2.3.4/tcp/4001}.
 *
 * <p>Text and bytes follow go-multiaddr v0.16.1, over the protocol table in {@link Protocol}.
 * Text is parsed into bytes which are then validated exactly as binary input is (as go does), so
 * a {@code Multiaddr} always holds a valid, non-empty encoding. Deliberate differences from go:
 * the deprecated {@code p2p-websocket-star}, {@code p2p-stardust} and {@code p2p-webrtc-star}
 * are accepted (rust and js read them); a {@code /p2p/} identity multihash may inline at most 42
 * bytes, like every {@link PeerId} (go accepts any length); line breaks inside base32/base64
 * values are not skipped; empty input is refused.
 *
 * <p>Text values of {@code dns*}, {@code sni}, {@code ip6zone} and {@code unix} are not checked
 * for UTF-8 in binary input (go does not check either); such bytes print with U+FFFD in place of
 * the malformed sequences, so for them only {@code bytes -> Multiaddr -> bytes} round-trips.
 *
 * <p>Immutable and value-equal on the binary encoding; {@code hashCode} is computed once and
 * {@code toString} on first use. Thread-safe.
 */
public final class Multiaddr {
  private final byte[] bytes;
  private final int lastStart;
  private final int hash;
  // Racy single-check cache: Strings are immutable, so a data race only recomputes it.
  private @Nullable String text;

  private Multiaddr(byte[] bytes, int lastStart) {
    this.bytes = bytes;
    this.lastStart = lastStart;
    this.hash = Arrays.hashCode(bytes);
  }

  /**
   * Parses text form, e.g. {@code /ip4/127.0.0.1/tcp/4001/p2p/QmYy...}. Trailing {@code /}s are
   * ignored, {@code /ipfs/} is read as {@code /p2p/}, and peer ids may be base58btc or CIDs.
   *
   * @throws InvalidMultiaddrException naming what is wrong
   * @throws NullPointerException if {@code text} is null
   */
  public static Multiaddr fromString(String text) {
    Objects.requireNonNull(text, "text");
    byte[] b = MultiaddrCodec.parseText(text);
    return new Multiaddr(b, MultiaddrCodec.validate(b));
  }

  /**
   * Parses binary form (the array is copied).
   *
   * @throws InvalidMultiaddrException naming what is wrong
   * @throws NullPointerException if {@code bytes} is null
   */
  public static Multiaddr fromBytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    byte[] b = bytes.clone();
    return new Multiaddr(b, MultiaddrCodec.validate(b));
  }

  /** The binary form (a copy). */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The length of the binary form in bytes (without copying it). */
  public int byteLength() {
    return bytes.length;
  }

  /** The components in order (an unmodifiable list, never empty). */
  public List<Component> components() {
    return MultiaddrCodec.components(bytes);
  }

  /**
   * This address followed by {@code other}.
   *
   * @throws InvalidMultiaddrException if this address ends with a path component ({@code
   *     /unix}), after which nothing may follow
   * @throws NullPointerException if {@code other} is null
   */
  public Multiaddr encapsulate(Multiaddr other) {
    Objects.requireNonNull(other, "other");
    if (lastProtocol().isPath()) {
      throw new InvalidMultiaddrException(
          "cannot encapsulate " + other + " in " + this + ": nothing may follow a path component");
    }
    byte[] b = Arrays.copyOf(bytes, bytes.length + other.bytes.length);
    System.arraycopy(other.bytes, 0, b, bytes.length, other.bytes.length);
    return new Multiaddr(b, bytes.length + other.lastStart);
  }

  /**
   * This address up to the last occurrence of {@code other} as a whole sequence of components,
   * dropping that occurrence and everything after it (go-multiaddr {@code Decapsulate}); this
   * address itself when {@code other} does not occur; empty when the occurrence is at the start.
   * For example {@code /ip4/1.2.3.4/tcp/80/ws} decapsulating {@code /tcp/80} gives {@code
   * /ip4/1.2.3.4}.
   *
   * @throws NullPointerException if {@code other} is null
   */
  public Optional<Multiaddr> decapsulate(Multiaddr other) {
    Objects.requireNonNull(other, "other");
    byte[] o = other.bytes;
    int match = -1;
    MultiaddrCodec.Reader r = new MultiaddrCodec.Reader(bytes);
    while (r.hasNext()) {
      r.next();
      int s = r.start;
      if (s + o.length <= bytes.length
          && Arrays.equals(bytes, s, s + o.length, o, 0, o.length)) {
        match = s;
      }
    }
    return prefix(match);
  }

  /**
   * The peer id of a trailing {@code /p2p/} component, if the address ends with one. Never
   * throws: {@code /p2p/} values are checked with the {@link PeerId} rules when an address is
   * parsed.
   */
  public Optional<PeerId> peerId() {
    MultiaddrCodec.Reader r = lastComponent();
    if (r.protocol != Protocol.P2P) {
      return Optional.empty();
    }
    return Optional.of(
        PeerId.fromBytes(Arrays.copyOfRange(bytes, r.valueOffset, r.valueOffset + r.valueLength)));
  }

  /**
   * This address without a trailing {@code /p2p/<id>} component; the address itself when it
   * has none; empty when the address is only {@code /p2p/<id>}.
   */
  public Optional<Multiaddr> withoutPeerId() {
    return lastProtocol() == Protocol.P2P ? prefix(lastStart) : Optional.of(this);
  }

  /** Equal when the binary encodings are equal. */
  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Multiaddr)) {
      return false;
    }
    Multiaddr other = (Multiaddr) o;
    return hash == other.hash && Arrays.equals(bytes, other.bytes);
  }

  /** A hash of the binary encoding, computed once. */
  @Override
  public int hashCode() {
    return hash;
  }

  /** Canonical text form (go-multiaddr {@code String()}), computed once. */
  @Override
  public String toString() {
    String t = text;
    if (t == null) {
      t = MultiaddrCodec.format(bytes);
      text = t;
    }
    return t;
  }

  private Protocol lastProtocol() {
    return lastComponent().protocol;
  }

  private MultiaddrCodec.Reader lastComponent() {
    MultiaddrCodec.Reader r = new MultiaddrCodec.Reader(bytes, lastStart);
    r.next();
    return r;
  }

  /** The address made of the components before byte {@code end}: this, or empty, or a prefix. */
  private Optional<Multiaddr> prefix(int end) {
    if (end < 0) {
      return Optional.of(this);
    }
    if (end == 0) {
      return Optional.empty();
    }
    byte[] b = Arrays.copyOf(bytes, end);
    return Optional.of(new Multiaddr(b, MultiaddrCodec.lastStart(b)));
  }
}
