package dev.signalyard.testsupport;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Prints a full thread dump to stderr, once, when a test method, a {@code @BeforeAll},
 * {@code @BeforeEach}, {@code @AfterEach} or {@code @AfterAll} method, or a dynamic test is still
 * running after a threshold (20 s unless the configuration parameter or system property {@value
 * #THRESHOLD_SECONDS} says otherwise, e.g. {@code -Dsignalyard.test.thread-dump-after-seconds=5}).
 * The dump shows what a stalled test waits for while it still waits, which a timeout's stack trace
 * afterwards cannot.
 *
 * <p>Registered for every test of every module that tests with test-support, through {@code
 * META-INF/services/org.junit.jupiter.api.extension.Extension} and the extension auto-detection
 * that test-support's {@code junit-platform.properties} switches on. A fast method costs one timer
 * entry scheduled and cancelled; all methods share one daemon timer thread per JVM, started on
 * first use.
 *
 * <p>Thread-safe: stateless; the shared timer is a thread-safe executor.
 */
public final class SlowTestThreadDump implements InvocationInterceptor {

  /** Configuration parameter (or system property) naming the threshold in (decimal) seconds. */
  public static final String THRESHOLD_SECONDS = "signalyard.test.thread-dump-after-seconds";

  /** Starts every dump, so that test output can be searched for one. */
  public static final String HEADER = "==== SLOW TEST THREAD DUMP:";

  private static final double DEFAULT_THRESHOLD_SECONDS = 20;

  @Override
  public void interceptBeforeAllMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> method,
      ExtensionContext context)
      throws Throwable {
    watch(invocation, describe(method, "@BeforeAll"), context);
  }

  @Override
  public void interceptBeforeEachMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> method,
      ExtensionContext context)
      throws Throwable {
    watch(invocation, describe(method, "@BeforeEach"), context);
  }

  @Override
  public void interceptTestMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> method,
      ExtensionContext context)
      throws Throwable {
    watch(invocation, describe(method, "test " + context.getDisplayName()), context);
  }

  @Override
  public <T> T interceptTestFactoryMethod(
      Invocation<T> invocation,
      ReflectiveInvocationContext<Method> method,
      ExtensionContext context)
      throws Throwable {
    return watch(invocation, describe(method, "test factory"), context);
  }

  @Override
  public void interceptTestTemplateMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> method,
      ExtensionContext context)
      throws Throwable {
    watch(invocation, describe(method, "test " + context.getDisplayName()), context);
  }

  @Override
  public void interceptDynamicTest(
      Invocation<Void> invocation,
      DynamicTestInvocationContext dynamicTest,
      ExtensionContext context)
      throws Throwable {
    watch(invocation, "dynamic test " + context.getUniqueId(), context);
  }

  @Override
  public void interceptAfterEachMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> method,
      ExtensionContext context)
      throws Throwable {
    watch(invocation, describe(method, "@AfterEach"), context);
  }

  @Override
  public void interceptAfterAllMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> method,
      ExtensionContext context)
      throws Throwable {
    watch(invocation, describe(method, "@AfterAll"), context);
  }

  private static <T> T watch(Invocation<T> invocation, String what, ExtensionContext context)
      throws Throwable {
    double thresholdSeconds =
        context
            .getConfigurationParameter(THRESHOLD_SECONDS)
            .map(Double::parseDouble)
            .orElse(DEFAULT_THRESHOLD_SECONDS);
    String thread = Thread.currentThread().getName();
    long startNanos = System.nanoTime();
    ScheduledFuture<?> dump =
        Timer.INSTANCE.schedule(
            () -> print(what, thread, startNanos),
            (long) (thresholdSeconds * 1_000_000_000L),
            TimeUnit.NANOSECONDS);
    try {
      return invocation.proceed();
    } finally {
      dump.cancel(false);
    }
  }

  private static void print(String what, String thread, long startNanos) {
    double elapsedSeconds = (System.nanoTime() - startNanos) / 1e9;
    String header =
        String.format(
            Locale.ROOT,
            "%s %s still running after %.1f s on thread \"%s\" ====%n",
            HEADER,
            what,
            elapsedSeconds,
            thread);
    String dump = header + ThreadDump.ofAllThreads() + "==== END OF SLOW TEST THREAD DUMP ====\n";
    System.err.print(dump);
    System.err.flush();
  }

  private static String describe(ReflectiveInvocationContext<Method> method, String kind) {
    return method.getTargetClass().getName()
        + "#"
        + method.getExecutable().getName()
        + " ("
        + kind
        + ")";
  }

  /** The JVM's one timer thread for all dumps, created when the first method is watched. */
  private static final class Timer {

    static final ScheduledThreadPoolExecutor INSTANCE = create();

    private static ScheduledThreadPoolExecutor create() {
      ScheduledThreadPoolExecutor timer =
          new ScheduledThreadPoolExecutor(
              1,
              task -> {
                Thread thread = new Thread(task, "slow-test-thread-dump");
                thread.setDaemon(true);
                return thread;
              });
      // Without this every fast method's cancelled entry would wait in the queue for 20 s.
      timer.setRemoveOnCancelPolicy(true);
      return timer;
    }
  }
}
