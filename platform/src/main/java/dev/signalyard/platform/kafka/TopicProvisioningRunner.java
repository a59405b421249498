package dev.signalyard.platform.kafka;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Creates the catalog's topics when a service starts. When Kafka is not reachable yet the service
 * still starts (ingest then answers 503 until the broker is back) and creation is retried in the
 * background every few seconds, so start-up order between Kafka and the services does not matter.
 *
 * <p>Runs in an early lifecycle phase, before Kafka consumers and stream threads start.
 */
public final class TopicProvisioningRunner implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TopicProvisioningRunner.class);
  private static final Duration FIRST_ATTEMPT = Duration.ofSeconds(10);
  private static final Duration RETRY_EVERY = Duration.ofSeconds(5);

  private final TopicProvisioner provisioner;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile Thread retrier;
  private volatile boolean provisioned;

  public TopicProvisioningRunner(TopicProvisioner provisioner) {
    this.provisioner = provisioner;
  }

  @Override
  public void start() {
    running.set(true);
    if (attempt(FIRST_ATTEMPT)) {
      return;
    }
    Thread thread = new Thread(this::retryUntilDone, "topic-provisioning");
    thread.setDaemon(true);
    retrier = thread;
    thread.start();
  }

  /** Whether every catalog topic is known to exist. */
  public boolean provisioned() {
    return provisioned;
  }

  private void retryUntilDone() {
    while (running.get() && !provisioned) {
      try {
        Thread.sleep(RETRY_EVERY.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      attempt(RETRY_EVERY);
    }
  }

  private boolean attempt(Duration timeout) {
    try {
      provisioner.createMissingTopics(timeout);
      provisioned = true;
      return true;
    } catch (TopicProvisioningException e) {
      log.warn("{}; retrying every {} s", e.getMessage(), RETRY_EVERY.toSeconds());
      return false;
    }
  }

  @Override
  public void stop() {
    running.set(false);
    Thread thread = retrier;
    if (thread != null) {
      thread.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running.get();
  }

  @Override
  public int getPhase() {
    return Integer.MIN_VALUE + 1000;
  }
}
