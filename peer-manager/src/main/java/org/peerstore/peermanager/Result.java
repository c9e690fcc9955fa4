package org.peerstore.peermanager;

/** How using a peer went, reported with {@link PeerManager#release}. */
public enum Result {
  /** Fine: the peer stays available. */
  NONE,
  /** Back to the pools only after the cooldown ({@link PeerManagerBuilder#cooldown}). */
  COOLDOWN,
  /** Misbehaved: banned in the store's ban book and removed from every pool. */
  BLACKLIST
}
