package org.peerstore.internal.codec;

/**
 * The byte and text rules of peer ids (docs/WIRE.md §3), shared by {@code PeerId} and the
 * {@code /p2p/} multiaddr component so the two can never disagree.
 *
 * <p>Accepted binary ids are multihashes that are either identity with a digest of at most
 * {@value #MAX_INLINE_KEY_LENGTH} bytes, or sha2-256 with a 32-byte digest (rust-libp2p's rule;
 * go-multiaddr checks the same except that it accepts identity digests of any length).
 *
 * <p>Accepted text: base58btc of the multihash when the text starts with {@code 1} or {@code
 * Qm}; otherwise a multibase CIDv1 with the libp2p-key codec ({@code 0x72}) in any base {@link
 * Multibase} decodes (go-libp2p {@code peer.Decode}).
 *
 * <p>Stateless; thread-safe.
 */
public final class PeerIdCodec {
  /** Longest serialized public key that is inlined with the identity multihash. */
  public static final int MAX_INLINE_KEY_LENGTH = 42;

  /** The multicodec of a libp2p public key in a CID. */
  public static final int LIBP2P_KEY = 0x72;

  /**
   * Longest text accepted. Valid ids are far shorter (about 100 characters at most); the bound
   * keeps the quadratic base58/base36 decoders cheap on hostile input.
   */
  public static final int MAX_TEXT_LENGTH = 1024;

  private static final int CID_V1 = 0x01;

  private PeerIdCodec() {}

  /**
   * Checks that {@code length} bytes at {@code offset} are an accepted peer-id multihash, without
   * allocating.
   *
   * @throws CodecException naming what is wrong
   * @throws IndexOutOfBoundsException if the range is not within {@code src}
   */
  public static void validate(byte[] src, int offset, int length) throws CodecException {
    long code = Multihash.validate(src, offset, length);
    int digestLength = Multihash.digestLength(src, offset, length);
    if (code == Multihash.SHA2_256) {
      if (digestLength != 32) {
        throw new CodecException(
            "sha2-256 peer id must have a 32-byte digest, has " + digestLength);
      }
    } else if (code == Multihash.IDENTITY) {
      if (digestLength > MAX_INLINE_KEY_LENGTH) {
        throw new CodecException(
            "identity peer id digest is " + digestLength + " bytes, at most "
                + MAX_INLINE_KEY_LENGTH + " allowed");
      }
    } else {
      throw new CodecException(
          "peer id multihash code 0x" + Long.toHexString(code)
              + " is neither identity (0x00) nor sha2-256 (0x12)");
    }
  }

  /**
   * Parses peer-id text into the validated multihash bytes.
   *
   * @throws CodecException naming what is wrong
   */
  public static byte[] parseText(String text) throws CodecException {
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new CodecException(
          "peer id text is " + text.length() + " characters, at most " + MAX_TEXT_LENGTH);
    }
    byte[] multihash;
    if (text.startsWith("1") || text.startsWith("Qm")) {
      multihash = Base58.decode(text);
    } else {
      multihash = multihashOfCid(Multibase.decode(text));
    }
    validate(multihash, 0, multihash.length);
    return multihash;
  }

  /** The CIDv1 text ({@code b} + base32 of {@code 01 72 <multihash>}) of a peer id. */
  public static String toCid(byte[] multihash) {
    byte[] cid = new byte[multihash.length + 2];
    cid[0] = CID_V1;
    cid[1] = LIBP2P_KEY;
    System.arraycopy(multihash, 0, cid, 2, multihash.length);
    return Multibase.encodeBase32(cid);
  }

  private static byte[] multihashOfCid(byte[] cid) throws CodecException {
    // go-cid reads these bytes as a CIDv0 (codec dag-pb), which is never a peer id.
    if (cid.length > 2 && cid[0] == Multihash.SHA2_256 && cid[1] == 32) {
      throw new CodecException("CIDv0 (dag-pb) is not a libp2p-key CID");
    }
    long version;
    long codec;
    int pos;
    try {
      version = Varint.decode(cid, 0);
      pos = Varint.encodedLength(version);
      if (version != CID_V1) {
        throw new CodecException("CID version " + version + " is not 1");
      }
      codec = Varint.decode(cid, pos);
      pos += Varint.encodedLength(codec);
    } catch (CodecException e) {
      throw new CodecException("bad CID: " + e.getMessage(), e);
    }
    if (codec != LIBP2P_KEY) {
      throw new CodecException(
          "CID codec 0x" + Long.toHexString(codec) + " is not libp2p-key (0x72)");
    }
    return java.util.Arrays.copyOfRange(cid, pos, cid.length);
  }
}
