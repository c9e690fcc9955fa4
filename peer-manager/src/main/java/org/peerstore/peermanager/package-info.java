/**
 * The Celestia shrex peer manager over any {@link org.peerstore.Peerstore}:
 * {@link org.peerstore.peermanager.PeerManager}, built by
 * {@link org.peerstore.peermanager.PeerManagerBuilder}. Pools of peers per key (a data hash)
 * filled by announcements, round-robin selection, a fallback pool of discovered full nodes, a
 * waiting selection, and result reporting (cooldown, blacklist in the store's ban book). Pools
 * are process-local; bans survive restart in the store. Rules in docs/PEER-MANAGER.md.
 */
@NullMarked
package org.peerstore.peermanager;

import org.jspecify.annotations.NullMarked;
