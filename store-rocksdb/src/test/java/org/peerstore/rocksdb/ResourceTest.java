package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.AddrTtl;
import org.peerstore.conformance.Addrs;
import org.peerstore.conformance.TestPeer;
import org.peerstore.multiaddr.Multiaddr;

/**
 * Opens and closes a store 200 times in this JVM, each time writing, reading, subscribing to an
 * address stream and running the background collector, and counts open file descriptors, Java
 * threads and native threads before and after: none may leak.
 */
class ResourceTest {
  private static final int ROUNDS = 200;
  /** Slack for descriptors and threads the JVM itself may open meanwhile (class loading...). */
  private static final int SLACK = 4;

  @TempDir Path dir;

  @Test
  void twoHundredOpenCloseCyclesLeakNoFileHandlesOrThreads() {
    TestPeer peer = TestPeer.generate();
    Multiaddr addr = Addrs.addr(1);
    cycle(peer, addr, 0); // warm up: class loading, RocksDB's process-wide thread pool
    long fds = count("/proc/self/fd");
    long tasks = count("/proc/self/task");
    int javaThreads = Thread.activeCount();

    for (int i = 1; i <= ROUNDS; i++) {
      cycle(peer, addr, i);
      assertThat(storeThreadsAlive()).as("store threads alive after close, round %d", i).isEmpty();
    }

    assertThat(count("/proc/self/fd")).as("open file descriptors").isLessThanOrEqualTo(fds + SLACK);
    assertThat(count("/proc/self/task")).as("native threads").isLessThanOrEqualTo(tasks + SLACK);
    assertThat(Thread.activeCount()).as("Java threads").isLessThanOrEqualTo(javaThreads + SLACK);
    try (RocksPeerstore store = RocksPeerstore.builder(dir).build()) {
      assertThat(store.addrs(peer.id())).hasSize(ROUNDS + 1);
    }
  }

  private void cycle(TestPeer peer, Multiaddr base, int round) {
    RocksPeerstore store =
        RocksPeerstore.builder(dir).maxAddrsPerPeer(0).gcInterval(Duration.ofMillis(1)).build();
    try {
      store.addAddr(peer.id(), Addrs.addr(round + 1), AddrTtl.ADDRESS);
      store.addrStream(peer.id()).subscribe(new Drain());
      store.put(peer.id(), "round", round);
      assertThat(store.get(peer.id(), "round")).contains(round);
      assertThat(store.addrs(peer.id())).contains(base);
      store.collectGarbage();
    } finally {
      store.close();
    }
  }

  private static List<String> storeThreadsAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(n -> n.startsWith(RocksPeerstore.GC_THREAD_PREFIX)
            || n.startsWith(RocksPeerstore.STREAM_THREAD_PREFIX))
        .toList();
  }

  private static long count(String procDir) {
    String[] entries = new File(procDir).list();
    assertThat(entries).as(procDir + " (this test needs Linux)").isNotNull();
    return entries.length;
  }

  /** Requests everything and ignores it. */
  private static final class Drain implements Flow.Subscriber<Multiaddr> {
    @Override
    public void onSubscribe(Flow.Subscription s) {
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(Multiaddr item) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onComplete() {}
  }
}
