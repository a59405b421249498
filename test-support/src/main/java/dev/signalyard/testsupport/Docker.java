package dev.signalyard.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Tells whether a Docker engine is reachable, asked once per JVM.
 *
 * <p>The shared servers run as Testcontainers containers when it is, and as embedded servers when
 * it is not; all of them ask this class so that one JVM never mixes the two for no reason.
 */
final class Docker {

  private static final Logger log = LoggerFactory.getLogger(Docker.class);

  private Docker() {}

  static boolean available() {
    return Answer.AVAILABLE;
  }

  /** Holder class: the JVM initialises it, and so asks Testcontainers, on first use only. */
  private static final class Answer {
    static final boolean AVAILABLE = ask();

    private static boolean ask() {
      boolean available = DockerClientFactory.instance().isDockerAvailable();
      log.info(
          available
              ? "Docker engine found: test servers run as Testcontainers containers"
              : "No Docker engine: test servers run embedded in this JVM or as local processes");
      return available;
    }
  }
}
