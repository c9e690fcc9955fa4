package org.peerstore.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler reporting {@code cpu}: the CPU time the benchmark's JVM spent per operation
 * (all of its threads, user and system: the benchmark threads, GC, JIT and RocksDB's background
 * flushes and compactions). Unlike the primary score (wall-clock time), it barely moves when
 * other processes compete for the cores, so ratios of it stay meaningful on a busy machine.
 * Enable it with {@code -prof org.peerstore.bench.CpuProfiler}.
 *
 * <p>For average-time benchmarks it also reports {@code cpu.caller}: the CPU time of the JMH
 * worker threads alone per operation, what a call costs the thread that makes it (a store's
 * writer thread, RocksDB's flushes and compactions, GC and JIT excluded); with grouped
 * durability most of a write's work moves off the caller, and this shows how much.
 *
 * <p>Average-time benchmarks are measured over the whole iteration. One-shot benchmarks, whose
 * iterations also contain opening a fresh store, report what their state recorded with
 * {@link #oneShot} between the end of its iteration setup and the start of its teardown
 * (outside the timed shot, so measuring costs the score nothing). Threads that end during an
 * iteration take their CPU time with them (idle pool threads timing out, typically); the
 * stores' and RocksDB's threads live as long as the store.
 *
 * <p>Thread-safety: JMH calls a profiler from one thread; {@link #oneShot} may be called from
 * the benchmark thread.
 */
public final class CpuProfiler implements InternalProfiler {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** CPU nanoseconds and operations of the last one-shot loop, or null. */
  private static volatile long[] shot;

  private Map<String, Long> start;
  private Map<Long, Long> callerStart;

  /** Creates the profiler (JMH instantiates it by name). */
  public CpuProfiler() {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final Path TASKS = Path.of("/proc/self/task");
  private static final Path THREAD_SELF = Path.of("/proc/thread-self");

  /**
   * The CPU time used so far by each live thread of this JVM, in nanoseconds, keyed by thread:
   * on Linux every thread's {@code schedstat} run time (nanosecond resolution, native RocksDB
   * threads included); elsewhere one entry with the operating system's process CPU time (often
   * of 10 ms resolution).
   */
  static Map<String, Long> cpuSnapshot() {
    if (Files.isDirectory(TASKS)) {
      Map<String, Long> threads = new HashMap<>();
      String self = currentTask();
      try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
        for (Path t : tasks) {
          String id = t.getFileName().toString();
          // The kernel brings a running thread's schedstat up to date only at the next tick or
          // switch; the calling thread is running, so its precise clock is read instead.
          long ns = id.equals(self) && THREADS.isCurrentThreadCpuTimeSupported()
              ? THREADS.getCurrentThreadCpuTime()
              : runNanos(t.resolve("schedstat"));
          if (ns >= 0) {
            threads.put(id, ns);
          }
        }
        return threads;
      } catch (IOException e) {
        // Fall back below.
      }
    }
    return Map.of("process", OS.getProcessCpuTime());
  }

  /**
   * CPU nanoseconds used between two snapshots by the threads alive at the second: a thread
   * that ended in between is left out (its time is lost, never subtracted).
   */
  static long cpuBetween(Map<String, Long> start, Map<String, Long> end) {
    long sum = 0;
    for (Map.Entry<String, Long> e : end.entrySet()) {
      sum += Math.max(0, e.getValue() - start.getOrDefault(e.getKey(), 0L));
    }
    return sum;
  }

  private static String currentTask() {
    try {
      return Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }

  private static long runNanos(Path schedstat) {
    try {
      String s = Files.readString(schedstat);
      int space = s.indexOf(' ');
      return Long.parseLong(space < 0 ? s.trim() : s.substring(0, space));
    } catch (IOException | NumberFormatException e) {
      return -1; // a thread that ended between listing and reading
    }
  }

  /**
   * Records that a one-shot benchmark's measured loop used {@code cpuNanos} of CPU time for
   * {@code ops} operations (read by the profiler when the iteration ends).
   */
  static void oneShot(long cpuNanos, long ops) {
    shot = new long[] {cpuNanos, ops};
  }

  @Override
  public String getDescription() {
    return "CPU time of the benchmark JVM per operation (all threads)";
  }

  /**
   * The CPU time used so far by each live JMH worker thread (the threads that call the
   * benchmark method), by thread id: what the calling thread of a store pays, without the
   * store's own background threads, RocksDB's, GC or JIT.
   */
  static Map<Long, Long> callerSnapshot() {
    Map<Long, Long> cpu = new HashMap<>();
    if (!THREADS.isThreadCpuTimeSupported()) {
      return cpu;
    }
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().contains("-jmh-worker-")) {
        long ns = THREADS.getThreadCpuTime(t.getId());
        if (ns >= 0) {
          cpu.put(t.getId(), ns);
        }
      }
    }
    return cpu;
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    shot = null;
    start = cpuSnapshot();
    callerStart = callerSnapshot();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long used = cpuBetween(start, cpuSnapshot());
    Map<Long, Long> callerEnd = callerSnapshot();
    long callers = 0;
    for (Map.Entry<Long, Long> e : callerEnd.entrySet()) {
      callers += Math.max(0, e.getValue() - callerStart.getOrDefault(e.getKey(), 0L));
    }
    long[] s = shot;
    double perOp;
    if (s != null) {
      perOp = (double) s[0] / s[1];
    } else {
      long ops = result.getMetadata().getAllOps();
      perOp = ops == 0 ? Double.NaN : (double) used / ops;
    }
    if (s != null) {
      return List.of(new ScalarResult("cpu", perOp, "ns/op", AggregationPolicy.AVG));
    }
    long ops = result.getMetadata().getAllOps();
    // Summed over the worker threads, per operation of all of them: with T threads it is the
    // CPU each call costs its caller, comparable across thread counts.
    double callerPerOp = ops == 0 || callerEnd.isEmpty() ? Double.NaN : (double) callers / ops;
    return List.of(new ScalarResult("cpu", perOp, "ns/op", AggregationPolicy.AVG),
        new ScalarResult("cpu.caller", callerPerOp, "ns/op", AggregationPolicy.AVG));
  }
}
