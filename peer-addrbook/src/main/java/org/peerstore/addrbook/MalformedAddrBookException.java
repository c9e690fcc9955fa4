package org.peerstore.addrbook;

import org.peerstore.PeerstoreException;

/**
 * An {@code addrbook.json} is not valid: the message names the entry (its index in
 * {@code addrs}, or -1 for the file itself) and the field. Nothing of such a file is imported.
 */
public final class MalformedAddrBookException extends PeerstoreException {
  private static final long serialVersionUID = 1L;

  private final int entry;
  private final String field;

  /** Creates the exception for {@code field} of entry {@code entry} (-1: the file). */
  public MalformedAddrBookException(int entry, String field, String problem) {
    super((entry < 0 ? "addrbook.json" : "addrbook.json addrs[" + entry + "]") + " field "
        + field + ": " + problem);
    this.entry = entry;
    this.field = field;
  }

  /** The index of the bad entry in {@code addrs}, or -1 when the file itself is bad. */
  public int entry() {
    return entry;
  }

  /** The bad field, e.g. {@code addr.ip} or {@code last_attempt}. */
  public String field() {
    return field;
  }
}
