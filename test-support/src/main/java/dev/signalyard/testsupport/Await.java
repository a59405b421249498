package dev.signalyard.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in tests for something that happens on other threads or in other processes. */
public final class Await {

  private static final long POLL_MILLIS = 50;

  private Await() {}

  /**
   * Returns once {@code condition} holds; throws {@link AssertionError} when it still does not
   * after {@code timeout}, or when the waiting thread is interrupted. Polls every 50 ms.
   */
  public static void until(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Condition not met within " + timeout);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting", e);
      }
    }
  }
}
