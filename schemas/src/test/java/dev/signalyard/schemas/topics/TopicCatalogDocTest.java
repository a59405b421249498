package dev.signalyard.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/topics.md} equal to {@link TopicCatalogMarkdown#render()}. With {@code
 * -Dsignalyard.docs.update=true} it rewrites the page instead of checking it.
 */
class TopicCatalogDocTest {

  private static final String REGENERATE = "./mvnw -pl schemas test -Dsignalyard.docs.update=true";

  @Test
  void docsTopicsMdMatchesTheCatalog() throws IOException {
    Path page = repositoryRoot().resolve("docs").resolve("topics.md");
    String expected = TopicCatalogMarkdown.render();

    if (Boolean.getBoolean("signalyard.docs.update")) {
      Files.createDirectories(page.getParent());
      if (!Files.exists(page) || !Files.readString(page).equals(expected)) {
        Files.writeString(page, expected);
      }
      return;
    }

    assertThat(page)
        .withFailMessage("%s is missing; generate it with %s", page, REGENERATE)
        .exists();
    assertThat(Files.readString(page))
        .as("%s is out of date with TopicCatalog; regenerate it with %s", page, REGENERATE)
        .isEqualTo(expected);
  }

  @Test
  void pageStartsWithTitleAndGeneratedFileWarning() {
    String[] lines = TopicCatalogMarkdown.render().split("\n");

    assertThat(lines[0]).isEqualTo("# Topics");
    assertThat(lines[2])
        .contains("Generated from `TopicCatalog`")
        .contains("`TopicCatalogDocTest`")
        .contains(REGENERATE);
  }

  @Test
  void pageDescribesEveryTopicAndItsValueFields() {
    String page = TopicCatalogMarkdown.render();

    assertThat(page)
        .contains("| Topic | Key | Value schema | Partitions | Retention | Cleanup | Description |")
        .contains(
            "| `device-latest` | IMEI | [DeviceReport](#devicereport) | 6 | forever | compact |")
        .contains("## RawDeviceReport", "## DeviceReport", "## DeadLetter", "### Position")
        .contains("| `serial` | null or long | `null` | RockBLOCK serial number, when sent. |")
        .contains("| `attributes` | map of string | `{}` |")
        .contains("| `receivedAt` | long (timestamp-millis) | *required* |");
  }

  /** The directory holding {@code mvnw}; Maven runs tests from the module directory. */
  private static Path repositoryRoot() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("mvnw"))) {
        return dir;
      }
    }
    throw new IllegalStateException("No directory containing mvnw above " + start);
  }
}
