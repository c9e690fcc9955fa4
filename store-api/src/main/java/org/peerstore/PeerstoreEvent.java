package org.peerstore;

import java.util.Objects;
import org.peerstore.peer.PeerId;

/**
 * A change a store announces on {@link Peerstore#events()} (docs/CONTRACT.md §17). An event is
 * published after its write is committed and the writer's locks are released; events of one
 * writer thread arrive in the order of its writes.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface PeerstoreEvent {

  /**
   * A ban was made or replaced.
   *
   * @param ban the ban now in force
   */
  record BanAdded(Ban ban) implements PeerstoreEvent {
    /** Checks that the ban is not null. */
    public BanAdded {
      Objects.requireNonNull(ban, "ban");
    }
  }

  /**
   * A ban was lifted by {@code unban} (a ban that expires is not announced).
   *
   * @param target the target that is no longer banned
   */
  record BanRemoved(BanTarget target) implements PeerstoreEvent {
    /** Checks that the target is not null. */
    public BanRemoved {
      Objects.requireNonNull(target, "target");
    }
  }

  /**
   * A tag of a peer was set or changed (declared for the tag book).
   *
   * @param peer the peer
   * @param tag the tag
   * @param value the tag's new value
   */
  record TagChanged(PeerId peer, String tag, int value) implements PeerstoreEvent {
    /** Checks that no component is null. */
    public TagChanged {
      Objects.requireNonNull(peer, "peer");
      Objects.requireNonNull(tag, "tag");
    }
  }

  /**
   * A tag of a peer was removed (declared for the tag book).
   *
   * @param peer the peer
   * @param tag the tag
   */
  record TagRemoved(PeerId peer, String tag) implements PeerstoreEvent {
    /** Checks that no component is null. */
    public TagRemoved {
      Objects.requireNonNull(peer, "peer");
      Objects.requireNonNull(tag, "tag");
    }
  }

  /**
   * A protection of a peer was added or removed (declared for the tag book).
   *
   * @param peer the peer
   * @param tag the protection's tag
   * @param protectedNow whether the peer is protected (by any tag) after the change
   */
  record ProtectionChanged(PeerId peer, String tag, boolean protectedNow)
      implements PeerstoreEvent {
    /** Checks that no component is null. */
    public ProtectionChanged {
      Objects.requireNonNull(peer, "peer");
      Objects.requireNonNull(tag, "tag");
    }
  }

  /**
   * {@code consumePeerRecord} accepted and stored a signed record.
   *
   * @param peer the record's peer
   * @param seq the record's sequence number
   */
  record RecordAccepted(PeerId peer, long seq) implements PeerstoreEvent {
    /** Checks that the peer is not null. */
    public RecordAccepted {
      Objects.requireNonNull(peer, "peer");
    }
  }

  /**
   * {@code removePeer} removed something stored about the peer (a call that found nothing to
   * remove is not announced).
   *
   * @param peer the peer
   */
  record PeerRemoved(PeerId peer) implements PeerstoreEvent {
    /** Checks that the peer is not null. */
    public PeerRemoved {
      Objects.requireNonNull(peer, "peer");
    }
  }

  /**
   * Events this subscription missed because its buffer was full, delivered in their place
   * once the subscriber has taken what was buffered before them (docs/CONTRACT.md §17).
   *
   * @param count how many events were dropped since the previous notice (at least 1)
   */
  record EventsDropped(long count) implements PeerstoreEvent {
    /** Checks that the count is positive. */
    public EventsDropped {
      if (count <= 0) {
        throw new IllegalArgumentException("dropped count must be positive: " + count);
      }
    }
  }
}
