package org.peerstore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerstore.conformance.Addrs.addr;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.peerstore.conformance.TestPeer;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/** The threads a {@link MemoryPeerstore} starts, and that {@code close()} ends all of them. */
class MemoryPeerstoreThreadsTest {

  private static Set<Thread> threadsOf(MemoryPeerstore ps) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(ps.gcThreadName())
            || t.getName().startsWith(ps.streamThreadPrefix()))
        .collect(Collectors.toSet());
  }

  @Test
  void closeEndsTheGcAndStreamThreads() throws InterruptedException {
    MemoryPeerstore ps = MemoryPeerstore.builder().gcInterval(Duration.ofMillis(5)).build();
    PeerId p = TestPeer.generate().id();
    CountDownLatch delivered = new CountDownLatch(1);
    CountDownLatch completed = new CountDownLatch(1);
    ps.addrStream(p).subscribe(new Flow.Subscriber<Multiaddr>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(Multiaddr item) {
        delivered.countDown();
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onComplete() {
        completed.countDown();
      }
    });
    ps.addAddr(p, addr(1), Duration.ofHours(1));
    assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();

    Set<Thread> before = threadsOf(ps);
    assertThat(before).extracting(Thread::getName).contains(ps.gcThreadName());
    assertThat(before).anyMatch(t -> t.getName().startsWith(ps.streamThreadPrefix()));
    assertThat(before).allMatch(Thread::isDaemon);

    ps.close();

    assertThat(completed.getCount()).isZero();
    assertThat(before).noneMatch(Thread::isAlive);
    assertThat(threadsOf(ps)).noneMatch(Thread::isAlive);
  }

  @Test
  void zeroGcIntervalStartsNoThread() {
    MemoryPeerstore ps = MemoryPeerstore.builder().gcInterval(Duration.ZERO).build();
    try {
      assertThat(threadsOf(ps)).isEmpty();
    } finally {
      ps.close();
    }
  }

  @Test
  void storesNameTheirThreadsApart() {
    MemoryPeerstore a = MemoryPeerstore.builder().build();
    MemoryPeerstore b = MemoryPeerstore.builder().build();
    try {
      assertThat(a.gcThreadName()).startsWith("peerstore-memory-gc-")
          .isNotEqualTo(b.gcThreadName());
      assertThat(a.streamThreadPrefix()).startsWith("peerstore-memory-stream-")
          .isNotEqualTo(b.streamThreadPrefix());
    } finally {
      a.close();
      b.close();
    }
  }
}
