package dev.signalyard.testsupport;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one lazily started server per JVM and stops it from a JVM shutdown hook.
 *
 * <p>Thread-safe: {@link #get()} is synchronized, so concurrent first callers start the server
 * exactly once. A failed start is remembered and reported to every later caller instead of being
 * retried, so a broken server costs its start-up time once rather than once per test class.
 */
final class JvmSingleton<T> {

  private static final Logger LOG = LoggerFactory.getLogger(JvmSingleton.class);

  private final String name;
  private final Supplier<T> starter;
  private final Consumer<T> stopper;
  private T instance;
  private RuntimeException failure;

  JvmSingleton(String name, Supplier<T> starter, Consumer<T> stopper) {
    this.name = name;
    this.starter = starter;
    this.stopper = stopper;
  }

  synchronized T get() {
    if (instance != null) {
      return instance;
    }
    if (failure != null) {
      throw new IllegalStateException(name + " failed to start earlier in this JVM", failure);
    }
    long startNanos = System.nanoTime();
    try {
      T started = starter.get();
      LOG.info(
          "{} started in {} ms: {}", name, (System.nanoTime() - startNanos) / 1_000_000, started);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started), name + " shutdown"));
      instance = started;
      return started;
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    }
  }

  private void stop(T started) {
    try {
      stopper.accept(started);
    } catch (RuntimeException e) {
      // The JVM is exiting anyway; a failed stop must not hide the other hooks' output.
      LOG.warn("{} did not stop cleanly", name, e);
    }
  }
}
