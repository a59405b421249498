package dev.signalyard.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during a measured window: this JVM's threads by role (load
 * generator, Netty, Kafka producer, Reactor schedulers, JIT, GC), the broker process, and every
 * other process on the machine.
 *
 * <p>On a 2-core machine the load generator, the server and the broker compete for the same cores,
 * so throughput alone cannot tell a slow server from a busy neighbour; this breakdown can, and its
 * {@value #FOREIGN} line shows whether something outside the benchmark disturbed the run.
 *
 * <p>Every figure comes from Linux's {@code /proc}, where each thread carries its name truncated to
 * 15 characters (the JVM gives its native threads the Java thread's name). Time that threads ending
 * inside the window ran there shows as {@value #ENDED_THREADS}, as their names are gone by then.
 * Not thread-safe; sample from one thread.
 */
final class CpuUsage {

  /** Thread-name prefixes (at most 15 characters), in report order, and what the threads do. */
  private static final Map<String, String> THREAD_ROLES = roles();

  private static final String LOAD_GENERATOR = "load generator";
  private static final String JIT_C1 = "JIT compiler C1";
  private static final String JIT_C2 = "JIT compiler C2";
  private static final String OTHER_THREADS = "other threads of this JVM";
  private static final String ENDED_THREADS = "threads of this JVM that ended";
  private static final String BROKER = "Kafka broker process";
  private static final String FOREIGN = "other processes on the machine";
  private static final Path PROC = Path.of("/proc");
  private static final Path OWN_TASKS = Path.of("/proc/self/task");
  private static final long NANOS_PER_JIFFY = 10_000_000L;

  private CpuUsage() {}

  /**
   * CPU time consumed so far, in nanoseconds: per live thread of this JVM (by thread id), by the
   * whole JVM (ended threads included), by the broker, and by the whole machine.
   */
  record Sample(
      long atNanos,
      Map<String, ThreadTime> threads,
      long processNanos,
      long brokerNanos,
      long machineBusyNanos) {}

  static Sample sample() {
    Map<String, ThreadTime> threads = new HashMap<>();
    try (Stream<Path> tasks = Files.list(OWN_TASKS)) {
      tasks.forEach(
          task -> {
            ThreadTime time = threadTime(task);
            if (time != null) {
              threads.put(task.getFileName().toString(), time);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + OWN_TASKS, e);
    }
    return new Sample(
        System.nanoTime(),
        threads,
        jiffies(PROC.resolve("self/stat")) * NANOS_PER_JIFFY,
        childrenJiffies() * NANOS_PER_JIFFY,
        machineBusyJiffies() * NANOS_PER_JIFFY);
  }

  /**
   * Cores used by each role between the samples (1.0 = one core busy all the time), with {@value
   * #FOREIGN} last. Roles that used less than a hundredth of a core are left out.
   */
  static Map<String, Double> coresBetween(Sample before, Sample after) {
    Map<String, Long> used = new LinkedHashMap<>();
    THREAD_ROLES.values().forEach(role -> used.put(role, 0L));
    used.put(OTHER_THREADS, 0L);
    long threadsUsed = 0;
    // Thread by thread, so that a thread that starts or ends between the samples only counts with
    // the time it ran in between.
    for (Map.Entry<String, ThreadTime> entry : after.threads().entrySet()) {
      ThreadTime earlier = before.threads().get(entry.getKey());
      long nanos = entry.getValue().nanos() - (earlier == null ? 0 : earlier.nanos());
      used.merge(role(entry.getValue().name()), nanos, Long::sum);
      threadsUsed += nanos;
    }
    long process = after.processNanos() - before.processNanos();
    used.put(ENDED_THREADS, Math.max(0, process - threadsUsed));
    used.put(BROKER, after.brokerNanos() - before.brokerNanos());
    long machine = after.machineBusyNanos() - before.machineBusyNanos();
    used.put(FOREIGN, Math.max(0, machine - process - used.get(BROKER)));

    double wallNanos = after.atNanos() - before.atNanos();
    Map<String, Double> cores = new LinkedHashMap<>();
    used.forEach(
        (role, nanos) -> {
          if (nanos / wallNanos >= 0.01 || role.equals(FOREIGN)) {
            cores.put(role, nanos / wallNanos);
          }
        });
    return cores;
  }

  /** Cores that the JIT compiler threads used, from {@link #coresBetween}. */
  static double jitCores(Map<String, Double> cores) {
    return cores.getOrDefault(JIT_C1, 0.0) + cores.getOrDefault(JIT_C2, 0.0);
  }

  /**
   * Cores used by everything but the load generator and other processes, from {@link
   * #coresBetween}: the server JVM's threads (JIT and GC included) and the broker.
   */
  static double serverCores(Map<String, Double> cores) {
    double server = 0;
    for (Map.Entry<String, Double> entry : cores.entrySet()) {
      if (!entry.getKey().startsWith(LOAD_GENERATOR) && !entry.getKey().equals(FOREIGN)) {
        server += entry.getValue();
      }
    }
    return server;
  }

  /** Cores used by processes other than this JVM and the broker, from {@link #coresBetween}. */
  static double foreignCores(Map<String, Double> cores) {
    return cores.getOrDefault(FOREIGN, 0.0);
  }

  static String describe(Map<String, Double> cores, Duration window) {
    StringBuilder text = new StringBuilder();
    double total = 0;
    for (Map.Entry<String, Double> entry : cores.entrySet()) {
      text.append(String.format(Locale.ROOT, "  %-40s %5.2f%n", entry.getKey(), entry.getValue()));
      total += entry.getValue();
    }
    text.append(
        String.format(
            Locale.ROOT,
            "  %-40s %5.2f of %d cores, over %d s%n",
            "total",
            total,
            Runtime.getRuntime().availableProcessors(),
            window.toSeconds()));
    return text.toString();
  }

  private static String role(String threadName) {
    for (Map.Entry<String, String> entry : THREAD_ROLES.entrySet()) {
      if (threadName.startsWith(entry.getKey())) {
        return entry.getValue();
      }
    }
    return OTHER_THREADS;
  }

  /** A thread's name and the CPU time it has run, exact to the nanosecond. */
  record ThreadTime(String name, long nanos) {}

  private static ThreadTime threadTime(Path task) {
    try {
      // schedstat's first field is the time the thread has run, in ns: exact, where stat's
      // utime and stime are sampled at every 10 ms tick.
      String runtime = Files.readString(task.resolve("schedstat")).split(" ")[0];
      return new ThreadTime(Files.readString(task.resolve("comm")).trim(), Long.parseLong(runtime));
    } catch (IOException e) {
      return null; // the thread ended between listing and reading
    }
  }

  private static long childrenJiffies() {
    // The broker is a child of this JVM (KafkaBrokerProcess starts it with ProcessBuilder).
    long total = 0;
    for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
      try {
        total += jiffies(PROC.resolve(child.pid() + "/stat"));
      } catch (UncheckedIOException e) {
        // The child ended between listing and reading.
      }
    }
    return total;
  }

  /** User plus system time of a process, from its {@code stat} file. */
  private static long jiffies(Path stat) {
    String text;
    try {
      text = Files.readString(stat);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + stat, e);
    }
    // "pid (name) state ppid ... utime stime ...": the name may hold spaces and parentheses, so
    // the fields after it are counted from the last ')'; utime and stime are fields 14 and 15.
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static long machineBusyJiffies() {
    // First line: "cpu  user nice system idle iowait irq softirq steal guest guest_nice"; guest
    // time is already counted in user, and idle and iowait are not busy.
    String[] fields;
    try {
      fields = Files.readAllLines(PROC.resolve("stat")).get(0).trim().split("\\s+");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read /proc/stat", e);
    }
    long busy = 0;
    for (int i = 1; i <= 8 && i < fields.length; i++) {
      if (i != 4 && i != 5) {
        busy += Long.parseLong(fields[i]);
      }
    }
    return busy;
  }

  private static Map<String, String> roles() {
    Map<String, String> roles = new LinkedHashMap<>();
    roles.put(ClosedLoopLoad.THREAD_NAME_PREFIX, LOAD_GENERATOR + " (sending threads)");
    roles.put("HttpClient-", LOAD_GENERATOR + " (java.net.http)");
    roles.put("reactor-http-", "Netty event loops (HTTP server)");
    roles.put("kafka-producer-", "Kafka producer I/O thread");
    roles.put("boundedElastic-", "Reactor boundedElastic (send calls)");
    roles.put("parallel-", "Reactor parallel (ack timeouts)");
    roles.put("C1 CompilerThre", JIT_C1);
    roles.put("C2 CompilerThre", JIT_C2);
    roles.put("GC Thread", "garbage collector");
    roles.put("G1 ", "garbage collector");
    return roles;
  }
}
