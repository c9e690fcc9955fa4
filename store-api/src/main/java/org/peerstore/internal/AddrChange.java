package org.peerstore.internal;

import java.util.ArrayList;
import java.util.List;
import org.peerstore.multiaddr.Multiaddr;

/**
 * What a mutation of an {@link AddrState} did.
 *
 * @param inserted addresses newly inserted and still stored when the call returned, in order
 *     (publish these to address streams)
 * @param removed addresses stored before the call and gone after it: deleted, evicted by the
 *     per-peer cap, or dropped for lack of global room
 * @param modified whether any stored entry (address, ttl or expiry) changed
 */
public record AddrChange(List<Multiaddr> inserted, List<Multiaddr> removed, boolean modified) {
  /** Nothing changed. */
  public static final AddrChange NONE = new AddrChange(List.of(), List.of(), false);

  /** Copies the lists. */
  public AddrChange {
    inserted = List.copyOf(inserted);
    removed = List.copyOf(removed);
  }

  /** This change followed by {@code next} on the same state. */
  public AddrChange then(AddrChange next) {
    if (!next.modified) {
      return this;
    }
    if (!modified) {
      return next;
    }
    List<Multiaddr> ins = new ArrayList<>(inserted);
    ins.removeAll(next.removed);
    ins.addAll(next.inserted);
    List<Multiaddr> rem = new ArrayList<>(removed);
    for (Multiaddr a : next.removed) {
      if (!inserted.contains(a)) {
        rem.add(a);
      }
    }
    return new AddrChange(ins, rem, true);
  }
}
