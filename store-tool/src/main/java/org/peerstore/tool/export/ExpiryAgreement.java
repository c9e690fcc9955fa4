package org.peerstore.tool.export;

import java.time.Instant;
import org.peerstore.PeerSnapshot;
import org.peerstore.internal.Ttl;

/**
 * Checks that each address of an imported line has an expiry its ttl could have produced
 * (docs/EXPORT-FORMAT.md, "What import checks"): a store sets an address's expiry to the moment
 * it was given plus its ttl, or to never for a connected ttl. So an address with a connected
 * ttl must never expire, and one with a finite ttl must expire no later than the export's
 * creation plus its ttl (it was given at or before the export was made); an expiry of year
 * 999999999 on a 15-minute ttl, stored as given, would never expire. Stateless and thread-safe.
 */
final class ExpiryAgreement {
  private ExpiryAgreement() {}

  /**
   * What is wrong with the expiries of {@code s}, or null if each agrees with its ttl.
   *
   * @param created the export's creation instant from its header, or null if it has none (then
   *     only the connected rule is checked)
   */
  static String problem(PeerSnapshot s, Instant created) {
    long createdNanos = created == null ? Long.MIN_VALUE : Ttl.toEpochNanos(created);
    int i = 0;
    for (PeerSnapshot.Addr a : s.addrs()) {
      long ttl = a.ttlNanos();
      long expiry = a.expiryNanos();
      String where = "peer " + s.peer() + ": addrs[" + i++ + "] " + a.addr() + ": expiry "
          + (a.expiry().equals(PeerSnapshot.NEVER) ? "never" : a.expiry().toString())
          + " disagrees with its ttl ";
      if (Ttl.isConnected(ttl)) {
        if (expiry != Ttl.NEVER) {
          return where + "(connected or permanent: such an address never expires)";
        }
      } else if (created != null && expiry > Ttl.expiry(createdNanos, ttl)) {
        return where + a.ttl() + " (an address given that ttl by the export's creation "
            + created + " expires by " + Ttl.toExpiryInstant(Ttl.expiry(createdNanos, ttl))
            + (expiry == Ttl.NEVER ? "; only a connected ttl never expires)" : ")");
      }
    }
    return null;
  }
}
