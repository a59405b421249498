package dev.signalyard.streams.simulation;

import dev.signalyard.fleet.simulation.Cancellation;
import dev.signalyard.fleet.simulation.ProgressListener;
import dev.signalyard.fleet.simulation.SimulationCancelledException;
import dev.signalyard.schemas.fleet.SimulationProgress;
import dev.signalyard.schemas.fleet.SimulationResult;
import dev.signalyard.schemas.fleet.SimulationStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded worker pool that computes simulation runs, so that stream threads only enqueue and
 * never come near {@code max.poll.interval.ms}.
 *
 * <p>A fixed number of worker threads take runs in arrival order from an unbounded queue. Every
 * waiting run is reported QUEUED with the number of runs ahead of it whenever that number changes;
 * a running run is reported RUNNING with its latest fraction every {@code progressInterval} by a
 * ticker (a heartbeat even while the model reports nothing new), then once with its final status,
 * followed by its {@link SimulationResult}. A run can be cancelled (reported CANCELLED) or
 * abandoned (stopped silently, because another instance owns its partition now or its result exists
 * already).
 *
 * <p>Thread-safety: thread-safe. {@link #submit}, {@link #cancel} and {@link #abandon} return at
 * once and may be called from any thread.
 */
public final class SimulationWorkers implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SimulationWorkers.class);

  private final SimulationRunners runners;
  private final RunEvents events;
  private final Clock clock;
  private final ThreadPoolExecutor pool;
  private final ScheduledExecutorService ticker;
  private final ExecutorService reporter;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  // queueLock guards queueing decisions and is held only briefly, never over Kafka I/O, because
  // stream threads take it. reportLock orders the queue-position reports before RUNNING reports.
  private final Object queueLock = new Object();
  private final Object reportLock = new Object();

  /**
   * Starts the worker threads and the progress ticker.
   *
   * @param workers runs computed at once
   * @param progressInterval how often running runs report progress
   */
  public SimulationWorkers(
      int workers,
      Duration progressInterval,
      SimulationRunners runners,
      RunEvents events,
      Clock clock) {
    this.runners = runners;
    this.events = events;
    this.clock = clock;
    this.pool =
        new ThreadPoolExecutor(
            workers,
            workers,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            threads("simulation-worker-"));
    this.ticker = Executors.newSingleThreadScheduledExecutor(threads("simulation-progress-"));
    this.reporter = Executors.newSingleThreadExecutor(threads("simulation-reporter-"));
    long every = progressInterval.toMillis();
    ticker.scheduleAtFixedRate(this::reportRunning, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Queues a run, unless it is queued or running here already.
   *
   * @return whether the run was queued by this call
   */
  public boolean submit(SimulationRun run) {
    synchronized (queueLock) {
      if (pool.isShutdown() || jobs.containsKey(run.id())) {
        return false;
      }
      Job job = new Job(run);
      jobs.put(run.id(), job);
      pool.execute(job);
      reportQueuePositionsLater();
      return true;
    }
  }

  /**
   * Cancels a run: a waiting run leaves the queue and is reported CANCELLED at once; a running one
   * stops at the model's next cancellation check and is then reported CANCELLED.
   *
   * @return false when the run is neither queued nor running here
   */
  public boolean cancel(String id) {
    synchronized (queueLock) {
      Job job = jobs.get(id);
      if (job == null) {
        return false;
      }
      job.cancelled = true;
      if (pool.remove(job)) {
        jobs.remove(id, job);
        later(() -> job.finish(SimulationStatus.CANCELLED, null, "cancelled while queued"));
        reportQueuePositionsLater();
      }
      return true;
    }
  }

  /**
   * Reports a run that is not in the pool as CANCELLED (progress and result), for a CANCEL of a run
   * no worker holds.
   */
  public void reportCancelled(SimulationRun run) {
    later(() -> new Job(run).finish(SimulationStatus.CANCELLED, null, "cancelled"));
  }

  /**
   * Stops a run here without reporting anything: its partition moved to another instance, which
   * restarts it, or its result exists already.
   */
  public void abandon(String id) {
    synchronized (queueLock) {
      Job job = jobs.get(id);
      if (job == null) {
        return;
      }
      job.abandoned = true;
      if (pool.remove(job)) {
        jobs.remove(id, job);
        reportQueuePositionsLater();
      }
    }
  }

  /** Whether the run is queued or running here. */
  public boolean isActive(String id) {
    return jobs.containsKey(id);
  }

  /** Ids of the runs queued or running here. */
  public List<String> activeRuns() {
    return new ArrayList<>(jobs.keySet());
  }

  /**
   * Abandons every run (the instance that owns their partitions next restarts them) and stops the
   * threads.
   */
  @Override
  public void close() {
    synchronized (queueLock) {
      jobs.values().forEach(job -> job.abandoned = true);
      pool.shutdownNow();
    }
    ticker.shutdownNow();
    reporter.shutdown();
    try {
      if (!reporter.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("Simulation reports still pending 10 s after shutdown");
      }
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("Simulation workers still busy 10 s after shutdown");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Reports the queue positions on the reporter thread: callers are stream threads, which must not
   * wait for Kafka.
   */
  private void reportQueuePositionsLater() {
    later(
        () -> {
          synchronized (reportLock) {
            reportQueuePositions();
          }
        });
  }

  private void later(Runnable report) {
    try {
      reporter.execute(report);
    } catch (RejectedExecutionException e) {
      log.debug("Simulation workers closed; not reporting: {}", e.toString());
    }
  }

  /**
   * Reports each waiting run whose number of runs ahead changed. Hold {@code reportLock}: a worker
   * takes it before reporting RUNNING, so a run's QUEUED never follows its RUNNING.
   */
  private void reportQueuePositions() {
    int ahead = 0;
    for (Runnable waiting : pool.getQueue()) {
      if (waiting instanceof Job job) {
        if (job.reportedPosition != ahead) {
          job.reportedPosition = ahead;
          job.report(
              SimulationStatus.QUEUED,
              0,
              ahead,
              ahead == 0 ? "next to start" : ahead + " runs ahead");
        }
        ahead++;
      }
    }
  }

  private void reportRunning() {
    for (Job job : jobs.values()) {
      if (job.running && !job.done) {
        try {
          job.report(SimulationStatus.RUNNING, job.fraction, 0, job.message);
        } catch (RuntimeException e) {
          log.warn("Could not report progress of {}: {}", job.run.id(), e.toString());
        }
      }
    }
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** One run in the pool. Its flags are written by the caller threads and read by its worker. */
  private final class Job implements Runnable {
    final SimulationRun run;
    volatile boolean cancelled;
    volatile boolean abandoned;
    volatile boolean running;
    volatile boolean done;
    volatile double fraction;
    volatile String message = "started";
    int reportedPosition = -1;

    Job(SimulationRun run) {
      this.run = run;
    }

    @Override
    public void run() {
      try {
        synchronized (reportLock) {
          running = true;
          reportQueuePositions();
        }
        if (abandoned) {
          return;
        }
        if (cancelled) {
          finish(SimulationStatus.CANCELLED, null, "cancelled while queued");
          return;
        }
        compute();
      } finally {
        done = true;
        jobs.remove(run.id(), this);
      }
    }

    private void compute() {
      SimulationRunner runner = runners.of(run.kind()).orElse(null);
      if (runner == null) {
        finish(SimulationStatus.FAILED, null, "no runner for " + run.kind() + " runs");
        return;
      }
      report(SimulationStatus.RUNNING, 0, 0, message);
      ProgressListener progress =
          (done, what) -> {
            fraction = Math.max(fraction, Math.min(1, done));
            message = what;
          };
      Cancellation cancellation = () -> cancelled || abandoned;
      try {
        String resultJson = runner.run(run, progress, cancellation);
        if (!abandoned) {
          finish(SimulationStatus.DONE, resultJson, null);
        }
      } catch (SimulationCancelledException e) {
        if (!abandoned) {
          finish(SimulationStatus.CANCELLED, null, "cancelled");
        }
      } catch (RuntimeException e) {
        if (!abandoned) {
          log.info("Simulation run {} failed: {}", run.id(), e.toString());
          finish(SimulationStatus.FAILED, null, describe(e));
        }
      }
    }

    void report(SimulationStatus status, double done, int queuePosition, String what) {
      events.progress(
          SimulationProgress.newBuilder()
              .setId(run.id())
              .setKind(run.kind().name())
              .setStatus(status)
              .setFraction(done)
              .setQueuePosition(queuePosition)
              .setMessage(what)
              .setTime(clock.instant())
              .build());
    }

    void finish(SimulationStatus status, String resultJson, String error) {
      done = true;
      report(
          status,
          status == SimulationStatus.DONE ? 1 : fraction,
          0,
          status == SimulationStatus.DONE ? "done" : error);
      try {
        events.result(
            SimulationResult.newBuilder()
                .setId(run.id())
                .setKind(run.kind().name())
                .setStatus(status.name())
                .setRequestJson(run.requestJson())
                .setResultJson(resultJson)
                .setError(status == SimulationStatus.FAILED ? error : null)
                .setRequestedAt(run.requestedAt())
                .setFinishedAt(clock.instant())
                .build());
      } catch (RuntimeException e) {
        // The run stays unfinished in the request store and is recomputed after a restart.
        log.error("Could not store the result of simulation run {}", run.id(), e);
      }
    }

    private static String describe(RuntimeException e) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }
}
