package org.peerstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

class AddrStreamsTest {
  private static final PeerId P = PeerId.fromString("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
  private static final PeerId Q =
      PeerId.fromString("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA");

  private static Multiaddr ma(int port) {
    return Multiaddr.fromString("/ip4/1.2.3.4/tcp/" + port);
  }

  /** Records every signal; requests {@code initial} on subscribe and {@code perItem} per item. */
  static class Recorder implements Flow.Subscriber<Multiaddr> {
    final List<Object> events = Collections.synchronizedList(new ArrayList<>());
    final long initial;
    final long perItem;
    volatile Flow.Subscription subscription;

    Recorder(long initial, long perItem) {
      this.initial = initial;
      this.perItem = perItem;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      events.add("subscribe");
      if (initial > 0) {
        s.request(initial);
      }
    }

    @Override
    public void onNext(Multiaddr a) {
      events.add(a);
      if (perItem > 0) {
        subscription.request(perItem);
      }
    }

    @Override
    public void onError(Throwable t) {
      events.add(t);
    }

    @Override
    public void onComplete() {
      events.add("complete");
    }
  }

  private static AddrStreams direct() {
    return new AddrStreams(Runnable::run);
  }

  private static Function<PeerId, List<Multiaddr>> current(Multiaddr... as) {
    return p -> List.of(as);
  }

  @Test
  void currentAddressesFirstThenNewOnesNeverTwice() {
    AddrStreams streams = direct();
    Recorder r = new Recorder(Long.MAX_VALUE, 0);
    streams.publisher(P, current(ma(1), ma(2))).subscribe(r);
    streams.publish(P, List.of(ma(2), ma(3)));
    streams.publish(P, List.of(ma(3), ma(1)));
    assertThat(r.events).containsExactly("subscribe", ma(1), ma(2), ma(3));
  }

  @Test
  void worksForAPeerWithoutAddresses() {
    AddrStreams streams = direct();
    Recorder r = new Recorder(Long.MAX_VALUE, 0);
    streams.publisher(P, current()).subscribe(r);
    assertThat(r.events).containsExactly("subscribe");
    streams.publish(P, List.of(ma(7)));
    assertThat(r.events).containsExactly("subscribe", ma(7));
  }

  @Test
  void otherPeersAreNotDelivered() {
    AddrStreams streams = direct();
    Recorder r = new Recorder(Long.MAX_VALUE, 0);
    streams.publisher(P, current()).subscribe(r);
    streams.publish(Q, List.of(ma(7)));
    assertThat(r.events).containsExactly("subscribe");
    assertThat(streams.hasSubscribers(Q)).isFalse();
    assertThat(streams.hasSubscribers(P)).isTrue();
  }

  @Test
  void demandIsHonoured() {
    AddrStreams streams = direct();
    Recorder r = new Recorder(0, 0);
    streams.publisher(P, current(ma(1), ma(2))).subscribe(r);
    streams.publish(P, List.of(ma(3)));
    assertThat(r.events).containsExactly("subscribe");
    r.subscription.request(1);
    assertThat(r.events).containsExactly("subscribe", ma(1));
    r.subscription.request(5);
    assertThat(r.events).containsExactly("subscribe", ma(1), ma(2), ma(3));
    streams.publish(P, List.of(ma(4)));
    assertThat(r.events).containsExactly("subscribe", ma(1), ma(2), ma(3), ma(4));
  }

  @Test
  void requestingOneAtATimeFromOnNextDoesNotRecurse() {
    AddrStreams streams = direct();
    List<Multiaddr> many = new ArrayList<>();
    for (int i = 1; i <= 20_000; i++) {
      many.add(Multiaddr.fromString("/ip4/10.0." + (i / 256) + "." + (i % 256) + "/tcp/1"));
    }
    Recorder r = new Recorder(1, 1);
    streams.publisher(P, p -> many).subscribe(r);
    assertThat(r.events).hasSize(20_001);
    assertThat(r.events.subList(1, 20_001)).isEqualTo(many);
  }

  @Test
  void nonPositiveRequestIsAnError() {
    AddrStreams streams = direct();
    Recorder r = new Recorder(0, 0);
    streams.publisher(P, current(ma(1))).subscribe(r);
    r.subscription.request(0);
    assertThat(r.events).hasSize(2);
    assertThat(r.events.get(1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(streams.subscriptionCount()).isZero();
  }

  @Test
  void cancelEndsTheSubscription() {
    AddrStreams streams = direct();
    Recorder r = new Recorder(Long.MAX_VALUE, 0);
    streams.publisher(P, current(ma(1))).subscribe(r);
    assertThat(streams.subscriptionCount()).isEqualTo(1);
    r.subscription.cancel();
    streams.publish(P, List.of(ma(2)));
    assertThat(r.events).containsExactly("subscribe", ma(1));
    assertThat(streams.subscriptionCount()).isZero();
    assertThat(streams.hasSubscribers(P)).isFalse();
  }

  @Test
  void closeCompletesEverySubscriptionAndLaterOnes() {
    AddrStreams streams = direct();
    Recorder a = new Recorder(Long.MAX_VALUE, 0);
    Recorder b = new Recorder(0, 0);
    Flow.Publisher<Multiaddr> pub = streams.publisher(P, current(ma(1)));
    pub.subscribe(a);
    streams.publisher(Q, current(ma(2))).subscribe(b);
    streams.close();
    streams.close();
    assertThat(a.events).containsExactly("subscribe", ma(1), "complete");
    // Buffered addresses without demand are dropped at close.
    assertThat(b.events).containsExactly("subscribe", "complete");
    Recorder late = new Recorder(Long.MAX_VALUE, 0);
    pub.subscribe(late);
    assertThat(late.events).containsExactly("subscribe", "complete");
    streams.publish(P, List.of(ma(3)));
    assertThat(a.events).hasSize(3);
    assertThat(streams.subscriptionCount()).isZero();
  }

  @Test
  void addressesPublishedWhileSubscribingFollowTheCurrentOnes() {
    AddrStreams streams = direct();
    Recorder r = new Recorder(Long.MAX_VALUE, 0);
    streams.publisher(P, p -> {
      streams.publish(P, List.of(ma(3), ma(1)));
      return List.of(ma(1), ma(2));
    }).subscribe(r);
    assertThat(r.events).containsExactly("subscribe", ma(1), ma(2), ma(3));
  }

  @Test
  void aFailingSourceIsReportedAsAnError() {
    AddrStreams streams = direct();
    Recorder r = new Recorder(1, 0);
    IllegalStateException boom = new IllegalStateException("boom");
    streams.publisher(P, p -> {
      throw boom;
    }).subscribe(r);
    assertThat(r.events).containsExactly("subscribe", boom);
  }

  @Test
  void aThrowingSubscriberIsCancelled() {
    AddrStreams streams = direct();
    List<Multiaddr> got = new ArrayList<>();
    streams.publisher(P, current(ma(1), ma(2))).subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(Multiaddr item) {
        got.add(item);
        throw new IllegalStateException("subscriber bug");
      }

      @Override
      public void onError(Throwable throwable) {
        got.add(null);
      }

      @Override
      public void onComplete() {
        got.add(null);
      }
    });
    streams.publish(P, List.of(ma(3)));
    assertThat(got).containsExactly(ma(1));
    assertThat(streams.subscriptionCount()).isZero();
  }

  @Test
  void threadedDeliveryKeepsOrderAndCloseEndsTheThreads() throws InterruptedException {
    String prefix = "addr-streams-test-" + System.nanoTime() + "-";
    AddrStreams streams = new AddrStreams(prefix);
    int n = 2_000;
    CountDownLatch all = new CountDownLatch(n);
    List<Object> threadNames = Collections.synchronizedList(new ArrayList<>());
    Recorder r = new Recorder(1, 1) {
      @Override
      public void onNext(Multiaddr a) {
        threadNames.add(Thread.currentThread().getName());
        super.onNext(a);
        all.countDown();
      }
    };
    streams.publisher(P, current()).subscribe(r);
    List<Multiaddr> sent = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Multiaddr a = ma(10_000 + i);
      sent.add(a);
      streams.publish(P, List.of(a));
    }
    assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(r.events.subList(1, n + 1)).isEqualTo(sent);
    assertThat(threadNames).allSatisfy(name -> assertThat((String) name).startsWith(prefix));
    streams.close();
    assertThat(r.events.get(r.events.size() - 1)).isEqualTo("complete");
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith(prefix) && t.isAlive());
  }
}
