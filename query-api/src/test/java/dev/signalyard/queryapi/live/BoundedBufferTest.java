package dev.signalyard.queryapi.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedBufferTest {

  @Test
  void holdsAtMostItsCapacityInOrder() {
    BoundedBuffer<Integer> buffer = new BoundedBuffer<>(40);
    for (int i = 0; i < 40; i++) {
      assertThat(buffer.offer(i)).isTrue();
    }
    assertThat(buffer.offer(40)).isFalse();
    assertThat(buffer).hasSize(40);

    assertThat(buffer.poll()).isZero();
    assertThat(buffer.offer(40)).isTrue();
    for (int i = 1; i <= 40; i++) {
      assertThat(buffer.peek()).isEqualTo(i);
      assertThat(buffer.poll()).isEqualTo(i);
    }
    assertThat(buffer.poll()).isNull();
    assertThat(buffer.isEmpty()).isTrue();
  }

  @Test
  void clearEmptiesIt() {
    BoundedBuffer<String> buffer = new BoundedBuffer<>(3);
    buffer.offer("a");
    buffer.offer("b");
    buffer.clear();
    assertThat(buffer.size()).isZero();
    assertThat(buffer.offer("c")).isTrue();
    assertThat(buffer.poll()).isEqualTo("c");
  }

  @Test
  void anAbandonedBufferIsEmptyToItsConsumerAndTakesNoMore() {
    BoundedBuffer<String> buffer = new BoundedBuffer<>(3);
    buffer.offer("a");
    buffer.offer("b");
    buffer.abandon();
    assertThat(buffer.isEmpty()).isTrue();
    assertThat(buffer.peek()).isNull();
    assertThat(buffer.poll()).isNull();
    assertThat(buffer.offer("c")).isFalse();
    assertThat(buffer.poll()).isNull();
  }
}
