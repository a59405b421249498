package dev.signalyard.deployment;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the deployment files, relative to the repository root. */
final class RepositoryFiles {

  private RepositoryFiles() {}

  /**
   * The repository root. Surefire passes it as a system property so the tests do not depend on the
   * working directory Maven was started from; the fallback serves an IDE run inside the module.
   */
  static Path root() {
    String configured = System.getProperty("signalyard.repository.root");
    Path root = Path.of(configured != null ? configured : "..").toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("pom.xml"))
        || !Files.isDirectory(root.resolve("deployment-tests"))) {
      throw new IllegalStateException("Not the Signalyard repository root: " + root);
    }
    return root;
  }

  static Path chart() {
    return root().resolve("helm/signalyard");
  }

  static Path file(String relative) {
    return root().resolve(relative);
  }
}
