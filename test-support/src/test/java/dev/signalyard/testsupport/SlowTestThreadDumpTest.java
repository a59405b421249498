package dev.signalyard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs small test classes through a JUnit launcher configured like test-support's {@code
 * junit-platform.properties}, so the extension is found the way every module finds it, with a short
 * threshold.
 */
class SlowTestThreadDumpTest {

  private static final String THRESHOLD_SECONDS = "0.3";
  private static final long PAST_THRESHOLD_MILLIS = 700;

  @Test
  void dumpsAllThreadsOnceForEachMethodStillRunningAfterTheThreshold() {
    String err = runCapturingStderr(SlowSample.class, 0);

    String[] dumps = err.split(Pattern.quote(SlowTestThreadDump.HEADER), -1);
    assertThat(dumps).hasSize(3);
    assertThat(dumps[1]).startsWith(" " + SlowSample.class.getName() + "#slowSetUp (@BeforeAll)");
    assertThat(dumps[2])
        .startsWith(" " + SlowSample.class.getName() + "#slowTest (test slowTest())")
        .contains("\"slow-test-thread-dump\"");
    // The test thread's own stack, in full: it sleeps in the sample, which the launcher called
    // through far more than the eight frames ThreadInfo.toString() would show.
    String testThreadStack = stackOf(Thread.currentThread().getName(), dumps[2]);
    assertThat(testThreadStack).contains("SlowSample.slowTest");
    assertThat(count("\tat ", testThreadStack)).isGreaterThan(20);
  }

  @Test
  void staysSilentWhileMethodsAreFast() {
    String err = runCapturingStderr(FastSample.class, PAST_THRESHOLD_MILLIS);

    assertThat(err).doesNotContain(SlowTestThreadDump.HEADER);
  }

  /**
   * Runs {@code sample}, asserts that its test passed and returns what was written to stderr while
   * it ran and for {@code lingerMillis} more.
   */
  private static String runCapturingStderr(Class<?> sample, long lingerMillis) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(sample))
            .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
            .configurationParameter(SlowTestThreadDump.THRESHOLD_SECONDS, THRESHOLD_SECONDS)
            .build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      LauncherFactory.create().execute(request, listener);
      Thread.sleep(lingerMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting", e);
    } finally {
      System.setErr(originalErr);
    }
    TestExecutionSummary summary = listener.getSummary();
    assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
    assertThat(summary.getTotalFailureCount()).isZero();
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static String stackOf(String threadName, String dump) {
    Matcher matcher =
        Pattern.compile("(?s)\n\"" + Pattern.quote(threadName) + "\" #.*?\n\n").matcher(dump);
    assertThat(matcher.find()).as("thread %s in the dump", threadName).isTrue();
    return matcher.group();
  }

  private static int count(String part, String text) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }

  /** Not run by Maven itself (a nested class); run by the tests above. */
  static class SlowSample {

    @BeforeAll
    static void slowSetUp() throws InterruptedException {
      Thread.sleep(PAST_THRESHOLD_MILLIS);
    }

    @Test
    void slowTest() throws InterruptedException {
      Thread.sleep(PAST_THRESHOLD_MILLIS);
    }
  }

  /** Not run by Maven itself (a nested class); run by the tests above. */
  static class FastSample {

    @Test
    void fastTest() {}
  }
}
