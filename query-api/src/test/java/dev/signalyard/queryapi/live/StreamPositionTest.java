package dev.signalyard.queryapi.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamPositionTest {

  @Test
  void formatsViewsAndPartitionsInOrderAndParsesBack() {
    Map<String, Map<Integer, Long>> views =
        Map.of("state", Map.of(1, 40L, 0, 12L), "events", Map.of(0, 5L));

    String id = StreamPosition.format(views);

    assertThat(id).isEqualTo("events:0-5~state:0-12.1-40");
    assertThat(StreamPosition.parse(id)).contains(new StreamPosition(views));
  }

  @Test
  void keepsAViewThatHasNoPartitionYet() {
    String id = StreamPosition.format(Map.of("state", Map.of(), "events", Map.of(2, 7L)));

    assertThat(id).isEqualTo("events:2-7~state:");
    assertThat(StreamPosition.parse(id).orElseThrow().of("state")).isEmpty();
  }

  @Test
  void rejectsWhatIsNotAPosition() {
    for (String id :
        new String[] {
          "state:0-5-1",
          "state:0-x",
          "state:-1-5",
          "state:0-5.0-6",
          "state:0-1~state:1-1",
          "State:0-1",
          "3-17",
          "0d5c7a4e-2f0b-4a53",
          "",
          "state:0-1~"
        }) {
      assertThat(StreamPosition.parse(id)).as(id).isEmpty();
    }
  }

  @Test
  void aCursorFormatsWhatFormatWouldAfterEveryChange() {
    Map<String, Map<Integer, Long>> views = new HashMap<>();
    views.put("state", new HashMap<>(Map.of(0, 4L, 1, 0L)));
    views.put("events", new HashMap<>());
    views.put("commands", new HashMap<>(Map.of(3, 9L)));
    StreamPosition.Cursor cursor = new StreamPosition.Cursor(views);
    assertThat(cursor.text()).isEqualTo(StreamPosition.format(views));

    Random random = new Random(7);
    String[] tags = {"state", "events", "commands"};
    for (int i = 0; i < 500; i++) {
      String tag = tags[random.nextInt(tags.length)];
      int partition = random.nextInt(12);
      long next = random.nextInt(1_000);
      views.get(tag).merge(partition, next, Math::max);

      assertThat(cursor.advance(tag, partition, next)).isEqualTo(StreamPosition.format(views));
    }
    // Never backwards: an older offset leaves the position as it was.
    String now = cursor.text();
    assertThat(cursor.advance("commands", 3, 0)).isEqualTo(now);
  }
}
