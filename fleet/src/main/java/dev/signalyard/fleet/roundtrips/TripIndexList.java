package dev.signalyard.fleet.roundtrips;

import java.util.Arrays;

/**
 * A growable list of trip indices, so the aggregation's inner loop does not box.
 *
 * <p>Not thread-safe.
 */
final class TripIndexList {

  private int[] values;
  private int size;

  TripIndexList(int capacity) {
    values = new int[Math.max(4, capacity)];
  }

  void add(int value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  int get(int position) {
    return values[position];
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int last() {
    return values[size - 1];
  }

  void clear() {
    size = 0;
  }

  int[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
