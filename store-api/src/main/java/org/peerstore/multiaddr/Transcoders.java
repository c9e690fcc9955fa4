package org.peerstore.multiaddr;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import org.peerstore.internal.codec.Base32;
import org.peerstore.internal.codec.Base58;
import org.peerstore.internal.codec.Base64;
import org.peerstore.internal.codec.CodecException;
import org.peerstore.internal.codec.Multibase;
import org.peerstore.internal.codec.Multihash;
import org.peerstore.internal.codec.PeerIdCodec;

/**
 * The value transcoders of the protocol table, each following the go-multiaddr v0.16.1
 * transcoder of the same name (docs/WIRE.md §6.2). All are stateless and thread-safe.
 */
final class Transcoders {
  private Transcoders() {}

  /** Dotted quad; Go {@code net.ParseIP(s).To4()}, so {@code ::ffff:1.2.3.4} is accepted too. */
  static final Transcoder IP4 =
      new Transcoder() {
        @Override
        public byte[] parse(String text) throws CodecException {
          byte[] ip = IpText.parse(text);
          if (!IpText.isV4Mapped(ip, 0)) {
            throw new CodecException("not an IPv4 address");
          }
          return Arrays.copyOfRange(ip, 12, 16);
        }

        @Override
        public void validate(byte[] b, int off, int len) {}

        @Override
        public void format(byte[] b, int off, int len, StringBuilder out) {
          IpText.formatV4(b, off, out);
        }
      };

  /** IPv6 text (or IPv4 text, stored IPv4-mapped). */
  static final Transcoder IP6 =
      new Transcoder() {
        @Override
        public byte[] parse(String text) throws CodecException {
          return IpText.parse(text);
        }

        @Override
        public void validate(byte[] b, int off, int len) {}

        @Override
        public void format(byte[] b, int off, int len, StringBuilder out) {
          IpText.formatV6(b, off, out);
        }
      };

  /** 16-bit big-endian port, decimal text 0-65535. */
  static final Transcoder PORT = new UnsignedTranscoder(2, 0xFFFFL);

  /** 8-bit CIDR mask, decimal text 0-255. */
  static final Transcoder IPCIDR = new UnsignedTranscoder(1, 0xFFL);

  /** 64-bit big-endian memory transport id, decimal text 0-(2^64-1). */
  static final Transcoder MEMORY = new UnsignedTranscoder(8, -1L);

  /** dns, dns4, dns6, dnsaddr, sni: non-empty UTF-8 without {@code /}. */
  static final Transcoder DNS = new NameTranscoder("domain name");

  /** ip6zone: non-empty UTF-8 without {@code /}. */
  static final Transcoder IP6ZONE = new NameTranscoder("IPv6 zone");

  /** unix: a path starting with {@code /}, not ending with {@code /}, at least 2 bytes. */
  static final Transcoder UNIX =
      new Transcoder() {
        @Override
        public byte[] parse(String text) throws CodecException {
          byte[] b = text.getBytes(UTF_8);
          validate(b, 0, b.length);
          return b;
        }

        @Override
        public void validate(byte[] b, int off, int len) throws CodecException {
          if (len < 2) {
            throw new CodecException("unix path too short: " + len + " bytes");
          }
          if (b[off] != '/') {
            throw new CodecException("unix path must begin with '/'");
          }
          if (b[off + len - 1] == '/') {
            throw new CodecException("unix path must not end with '/'");
          }
        }

        @Override
        public void format(byte[] b, int off, int len, StringBuilder out) {
          out.append(new String(b, off, len, UTF_8));
        }
      };

  /** p2p: a peer-id multihash; text base58btc or CIDv1 libp2p-key; printed base58btc. */
  static final Transcoder P2P =
      new Transcoder() {
        @Override
        public byte[] parse(String text) throws CodecException {
          return PeerIdCodec.parseText(text);
        }

        @Override
        public void validate(byte[] b, int off, int len) throws CodecException {
          PeerIdCodec.validate(b, off, len);
        }

        @Override
        public void format(byte[] b, int off, int len, StringBuilder out) {
          out.append(Base58.encode(Arrays.copyOfRange(b, off, off + len)));
        }
      };

  /** onion: 10-byte hash + port; text {@code <16 base32>:<port>}, port 1-65535. */
  static final Transcoder ONION = new OnionTranscoder(10, 16);

  /** onion3: 35-byte key + port; text {@code <56 base32>:<port>}, port 1-65535. */
  static final Transcoder ONION3 = new OnionTranscoder(35, 56);

  /** garlic64: at least 386 bytes; text is I2P base64, padded. */
  static final Transcoder GARLIC64 =
      new Transcoder() {
        @Override
        public byte[] parse(String text) throws CodecException {
          byte[] b = Base64.I2P.decode(text, true);
          validate(b, 0, b.length);
          return b;
        }

        @Override
        public void validate(byte[] b, int off, int len) throws CodecException {
          if (len < 386) {
            throw new CodecException(
                "garlic64 address is " + len + " bytes, at least 386 required");
          }
        }

        @Override
        public void format(byte[] b, int off, int len, StringBuilder out) {
          out.append(Base64.I2P.encode(Arrays.copyOfRange(b, off, off + len), true));
        }
      };

  /** garlic32: exactly 32 or at least 35 bytes; text lower-case base32, padding optional. */
  static final Transcoder GARLIC32 =
      new Transcoder() {
        @Override
        public byte[] parse(String text) throws CodecException {
          StringBuilder padded = new StringBuilder(text);
          while (padded.length() % 8 != 0) {
            padded.append('=');
          }
          byte[] b = Base32.STANDARD.decode(padded, true, false);
          validate(b, 0, b.length);
          return b;
        }

        @Override
        public void validate(byte[] b, int off, int len) throws CodecException {
          if (len < 35 && len != 32) {
            throw new CodecException(
                "garlic32 address is " + len + " bytes, must be 32 or at least 35");
          }
        }

        @Override
        public void format(byte[] b, int off, int len, StringBuilder out) {
          out.append(Base32.STANDARD.encode(Arrays.copyOfRange(b, off, off + len), false, false));
        }
      };

  /** certhash: a multihash; text any multibase; printed base64url ({@code u}). */
  static final Transcoder CERTHASH =
      new Transcoder() {
        @Override
        public byte[] parse(String text) throws CodecException {
          byte[] b = Multibase.decode(text);
          validate(b, 0, b.length);
          return b;
        }

        @Override
        public void validate(byte[] b, int off, int len) throws CodecException {
          Multihash.validate(b, off, len);
        }

        @Override
        public void format(byte[] b, int off, int len, StringBuilder out) {
          out.append(Multibase.encodeBase64Url(Arrays.copyOfRange(b, off, off + len)));
        }
      };

  /** http-path: raw non-empty bytes; text is URL query-escaped. */
  static final Transcoder HTTP_PATH =
      new Transcoder() {
        @Override
        public byte[] parse(String text) throws CodecException {
          byte[] b = QueryEscaping.unescape(text.getBytes(UTF_8));
          validate(b, 0, b.length);
          return b;
        }

        @Override
        public void validate(byte[] b, int off, int len) throws CodecException {
          if (len == 0) {
            throw new CodecException("empty http path");
          }
        }

        @Override
        public void format(byte[] b, int off, int len, StringBuilder out) {
          QueryEscaping.escape(b, off, len, out);
        }
      };

  /**
   * Go's {@code strconv.ParseUint(s, 10, bits)}: ASCII digits only (no sign, no spaces, leading
   * zeros allowed), at most {@code max} (unsigned).
   */
  static long parseUnsigned(String text, long max) throws CodecException {
    if (text.isEmpty()) {
      throw new CodecException("empty number");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new CodecException("not a decimal number");
      }
    }
    long value;
    try {
      value = Long.parseUnsignedLong(text);
    } catch (NumberFormatException e) {
      throw new CodecException("number out of range (max " + Long.toUnsignedString(max) + ")");
    }
    if (Long.compareUnsigned(value, max) > 0) {
      throw new CodecException("number out of range (max " + Long.toUnsignedString(max) + ")");
    }
    return value;
  }

  private static long readUnsigned(byte[] b, int off, int len) {
    long v = 0;
    for (int i = 0; i < len; i++) {
      v = v << 8 | (b[off + i] & 0xFF);
    }
    return v;
  }

  private static void writeUnsigned(long v, byte[] dst, int off, int len) {
    for (int i = len - 1; i >= 0; i--) {
      dst[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  /** A fixed-size big-endian unsigned integer written in decimal. */
  private static final class UnsignedTranscoder implements Transcoder {
    private final int size;
    private final long max;

    UnsignedTranscoder(int size, long max) {
      this.size = size;
      this.max = max;
    }

    @Override
    public byte[] parse(String text) throws CodecException {
      byte[] b = new byte[size];
      writeUnsigned(parseUnsigned(text, max), b, 0, size);
      return b;
    }

    @Override
    public void validate(byte[] b, int off, int len) {}

    @Override
    public void format(byte[] b, int off, int len, StringBuilder out) {
      out.append(Long.toUnsignedString(readUnsigned(b, off, len)));
    }
  }

  /** A non-empty name without {@code /}, kept as its UTF-8 bytes (not checked for UTF-8). */
  private static final class NameTranscoder implements Transcoder {
    private final String what;

    NameTranscoder(String what) {
      this.what = what;
    }

    @Override
    public byte[] parse(String text) throws CodecException {
      byte[] b = text.getBytes(UTF_8);
      validate(b, 0, b.length);
      return b;
    }

    @Override
    public void validate(byte[] b, int off, int len) throws CodecException {
      if (len == 0) {
        throw new CodecException("empty " + what);
      }
      for (int i = off; i < off + len; i++) {
        if (b[i] == '/') {
          throw new CodecException(what + " contains '/'");
        }
      }
    }

    @Override
    public void format(byte[] b, int off, int len, StringBuilder out) {
      out.append(new String(b, off, len, UTF_8));
    }
  }

  /** Tor onion (v2 and v3): base32 host + ":" + port 1-65535; bytes host || u16 port. */
  private static final class OnionTranscoder implements Transcoder {
    private final int hostBytes;
    private final int hostChars;

    OnionTranscoder(int hostBytes, int hostChars) {
      this.hostBytes = hostBytes;
      this.hostChars = hostChars;
    }

    @Override
    public byte[] parse(String text) throws CodecException {
      int colon = text.indexOf(':');
      if (colon < 0 || text.indexOf(':', colon + 1) >= 0) {
        throw new CodecException("onion address must be <host>:<port>");
      }
      String host = text.substring(0, colon);
      if (host.length() != hostChars) {
        throw new CodecException(
            "onion host must be " + hostChars + " base32 characters, is " + host.length());
      }
      byte[] hostValue = Base32.STANDARD.decode(host, true, true);
      if (hostValue.length != hostBytes) {
        throw new CodecException(
            "onion host must decode to " + hostBytes + " bytes, got " + hostValue.length);
      }
      long port = parseUnsigned(text.substring(colon + 1), 0xFFFF);
      if (port == 0) {
        throw new CodecException("onion port must be 1-65535, is 0");
      }
      byte[] b = Arrays.copyOf(hostValue, hostBytes + 2);
      writeUnsigned(port, b, hostBytes, 2);
      return b;
    }

    @Override
    public void validate(byte[] b, int off, int len) throws CodecException {
      if (readUnsigned(b, off + hostBytes, 2) == 0) {
        throw new CodecException("onion port must be 1-65535, is 0");
      }
    }

    @Override
    public void format(byte[] b, int off, int len, StringBuilder out) {
      out.append(Base32.STANDARD.encode(Arrays.copyOfRange(b, off, off + hostBytes), false, true))
          .append(':')
          .append(readUnsigned(b, off + hostBytes, 2));
    }
  }
}
