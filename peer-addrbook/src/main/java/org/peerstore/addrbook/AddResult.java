package org.peerstore.addrbook;

/** What {@link AddressBook#addAddress} did with an address. */
public enum AddResult {
  /** Placed in a new bucket (a first one, or one more for an address already new). */
  ADDED,
  /**
   * Already known and left as is: in an old bucket, in 4 new buckets, already in the bucket it
   * maps to, or not chosen for one more bucket (probability {@code 1 - 1/(2·buckets)}).
   */
  IGNORED,
  /** Not a valid address (unspecified, RFC 3849 documentation, or IPv4 broadcast IP). */
  INVALID,
  /** The peer or its IP is banned (ban book), or it is held as bad until reinstated. */
  BANNED,
  /** The node id is one of the private ids. */
  PRIVATE,
  /** The source's node id is one of the private ids. */
  PRIVATE_SOURCE,
  /** One of our own addresses. */
  SELF,
  /** Not routable, and the book is in strict mode. */
  NON_ROUTABLE
}
