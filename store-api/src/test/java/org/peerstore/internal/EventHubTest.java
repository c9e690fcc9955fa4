package org.peerstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.peerstore.PeerstoreEvent;
import org.peerstore.PeerstoreEvent.EventsDropped;
import org.peerstore.PeerstoreEvent.RecordAccepted;
import org.peerstore.peer.PeerId;

/**
 * {@link EventHub} with a direct executor (deterministic): bounded buffers, drop counting and
 * the {@code EventsDropped} notice, demand, cancel, close.
 */
class EventHubTest {
  private static final PeerId PEER = PeerId.fromString(
      "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA");

  /** Records every signal; requests only when told. */
  private static final class Recorder implements Flow.Subscriber<PeerstoreEvent> {
    final List<PeerstoreEvent> items = new ArrayList<>();
    Flow.Subscription subscription;
    boolean completed;
    Throwable error;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
    }

    @Override
    public void onNext(PeerstoreEvent item) {
      items.add(item);
    }

    @Override
    public void onError(Throwable t) {
      error = t;
    }

    @Override
    public void onComplete() {
      completed = true;
    }
  }

  private static RecordAccepted event(long seq) {
    return new RecordAccepted(PEER, seq);
  }

  @Test
  void overflowIsDroppedCountedAndAnnouncedInPlace() {
    EventHub hub = new EventHub(Runnable::run, 3);
    Recorder r = new Recorder();
    hub.publisher().subscribe(r);
    for (int i = 1; i <= 10; i++) {
      hub.publish(event(i));
    }
    assertThat(r.items).isEmpty();
    r.subscription.request(2);
    assertThat(r.items).containsExactly(event(1), event(2));
    hub.publish(event(11)); // room again: the notice of 4..10 goes before it
    r.subscription.request(10);
    assertThat(r.items).containsExactly(event(1), event(2), event(3), new EventsDropped(7),
        event(11));
  }

  @Test
  void theNoticeComesWhenTheSubscriberCatchesUpEvenWithoutLaterEvents() {
    EventHub hub = new EventHub(Runnable::run, 2);
    Recorder r = new Recorder();
    hub.publisher().subscribe(r);
    for (int i = 1; i <= 5; i++) {
      hub.publish(event(i));
    }
    r.subscription.request(2);
    assertThat(r.items).containsExactly(event(1), event(2));
    r.subscription.request(1);
    assertThat(r.items).containsExactly(event(1), event(2), new EventsDropped(3));
    r.subscription.request(5);
    assertThat(r.items).hasSize(3);
  }

  @Test
  void cancelStopsAndCloseCompletes() {
    EventHub hub = new EventHub(Runnable::run, 8);
    Recorder cancelled = new Recorder();
    Recorder open = new Recorder();
    hub.publisher().subscribe(cancelled);
    hub.publisher().subscribe(open);
    cancelled.subscription.request(Long.MAX_VALUE);
    open.subscription.request(Long.MAX_VALUE);
    hub.publish(event(1));
    cancelled.subscription.cancel();
    assertThat(hub.subscriptionCount()).isEqualTo(1);
    hub.publish(event(2));
    assertThat(cancelled.items).containsExactly(event(1));
    assertThat(open.items).containsExactly(event(1), event(2));
    hub.close();
    assertThat(open.completed).isTrue();
    assertThat(cancelled.completed).isFalse();
    hub.publish(event(3));
    assertThat(open.items).hasSize(2);
    Recorder late = new Recorder();
    hub.publisher().subscribe(late);
    assertThat(late.completed).isTrue();
  }

  @Test
  void aNonPositiveRequestIsAnError() {
    EventHub hub = new EventHub(Runnable::run, 8);
    Recorder r = new Recorder();
    hub.publisher().subscribe(r);
    r.subscription.request(-1);
    assertThat(r.error).isInstanceOf(IllegalArgumentException.class);
    assertThat(hub.subscriptionCount()).isZero();
  }

  @Test
  void theBufferSizeMustBePositive() {
    assertThatThrownBy(() -> new EventHub(Runnable::run, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EventsDropped(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
