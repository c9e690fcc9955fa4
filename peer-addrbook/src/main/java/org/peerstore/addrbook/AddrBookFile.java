package org.peerstore.addrbook;

import java.util.List;
import java.util.Objects;

/**
 * The content of a CometBFT {@code addrbook.json}: the book's key and its known addresses
 * (docs/ADDRBOOK.md, "addrbook.json"). Immutable and thread-safe.
 *
 * @param key the book's hash key (CometBFT writes 24 hex digits)
 * @param addrs the known addresses, in file order
 */
public record AddrBookFile(String key, List<KnownAddress> addrs) {
  /** Checks for null and copies the list. */
  public AddrBookFile {
    Objects.requireNonNull(key, "key");
    addrs = List.copyOf(addrs);
  }
}
