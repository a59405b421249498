package dev.signalyard.testsupport;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Main class of the broker JVM that {@link KafkaBrokerProcess} starts: runs {@code kafka.Kafka} and
 * halts it as soon as the test JVM that started it is gone.
 *
 * <p>The test JVM holds the write end of this process's standard input and never writes to it. The
 * operating system closes that pipe however the test JVM ends, SIGKILL and surefire's fork timeout
 * included, so end of input is a reliable sign that nobody will ever stop this broker.
 */
final class BrokerProcessMain {

  private BrokerProcessMain() {}

  public static void main(String[] args) {
    Thread watchdog = new Thread(BrokerProcessMain::haltWhenParentIsGone, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    kafka.Kafka.main(args);
  }

  private static void haltWhenParentIsGone() {
    try {
      System.in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // A broken pipe means the same as end of input: the parent is gone.
    }
    // halt, not exit: a graceful Kafka shutdown would only delay a broker nobody uses any more.
    Runtime.getRuntime().halt(1);
  }
}
