package dev.signalyard.queryapi.live;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where a stream is: for each topic view it reads (named by a short tag such as {@code state}), the
 * next offset per partition. It is the SSE event id, so a client that reconnects with {@code
 * Last-Event-ID} tells the server exactly which changes it has seen.
 *
 * <p>Text form: views separated by {@code ~}, each {@code <tag>:<partition>-<offset>} pairs
 * separated by {@code .}, e.g. {@code state:0-12.1-40~events:0-5.1-0}. Only URL-unreserved
 * characters and {@code :}, so it also travels as the {@code lastEventId} query parameter.
 *
 * <p>Thread-safety: immutable.
 */
public record StreamPosition(Map<String, Map<Integer, Long>> views) {

  private static final Pattern TAG = Pattern.compile("[a-z][a-zA-Z0-9]*");

  public StreamPosition {
    Map<String, Map<Integer, Long>> copy = new TreeMap<>();
    views.forEach((tag, partitions) -> copy.put(tag, Map.copyOf(partitions)));
    views = Collections.unmodifiableMap(copy);
  }

  /** The next offset per partition of the view tagged {@code tag}, empty when not present. */
  public Map<Integer, Long> of(String tag) {
    return views.getOrDefault(tag, Map.of());
  }

  /** The text form (the event id). */
  public static String format(Map<String, ? extends Map<Integer, Long>> views) {
    StringBuilder text = new StringBuilder(64);
    for (Map.Entry<String, ? extends Map<Integer, Long>> view : new TreeMap<>(views).entrySet()) {
      if (!text.isEmpty()) {
        text.append('~');
      }
      appendView(text, view.getKey(), new TreeMap<>(view.getValue()));
    }
    return text.toString();
  }

  /** The text form of one view's part, {@code partitions} in partition order. */
  static StringBuilder appendView(
      StringBuilder text, String tag, SortedMap<Integer, Long> partitions) {
    text.append(tag).append(':');
    boolean first = true;
    for (Map.Entry<Integer, Long> p : partitions.entrySet()) {
      if (!first) {
        text.append('.');
      }
      text.append(p.getKey()).append('-').append(p.getValue());
      first = false;
    }
    return text;
  }

  /**
   * A stream's position that changes one view at a time and is formatted after each change at the
   * cost of that view's part only: what a stream does for every event it sends. Its text is {@link
   * #format} of the same position.
   *
   * <p>Thread-safety: not thread-safe; one stream updates it serially.
   */
  static final class Cursor {
    private final String[] tags;
    private final TreeMap<Integer, Long>[] partitions;
    private final String[] parts;

    @SuppressWarnings("unchecked")
    Cursor(Map<String, ? extends Map<Integer, Long>> start) {
      TreeMap<String, ? extends Map<Integer, Long>> sorted = new TreeMap<>(start);
      tags = sorted.keySet().toArray(String[]::new);
      partitions = new TreeMap[tags.length];
      parts = new String[tags.length];
      for (int i = 0; i < tags.length; i++) {
        partitions[i] = new TreeMap<>(sorted.get(tags[i]));
        parts[i] = appendView(new StringBuilder(32), tags[i], partitions[i]).toString();
      }
    }

    /**
     * Moves view {@code tag}'s {@code partition} to {@code next} (never backwards) and returns the
     * text of the position.
     */
    String advance(String tag, int partition, long next) {
      int i = Arrays.binarySearch(tags, tag);
      if (i < 0) {
        throw new IllegalArgumentException("no view " + tag + " in this position");
      }
      Long now = partitions[i].get(partition);
      if (now == null || now < next) {
        partitions[i].put(partition, next);
        parts[i] = appendView(new StringBuilder(32), tag, partitions[i]).toString();
      }
      return text();
    }

    String text() {
      return String.join("~", parts);
    }
  }

  @Override
  public String toString() {
    return format(views);
  }

  /** The position an event id names, empty when the text is not one (e.g. of an older format). */
  public static Optional<StreamPosition> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    Map<String, Map<Integer, Long>> views = new TreeMap<>();
    try {
      for (String view : text.trim().split("~", -1)) {
        int colon = view.indexOf(':');
        String tag = colon < 0 ? "" : view.substring(0, colon);
        if (!TAG.matcher(tag).matches() || views.containsKey(tag)) {
          return Optional.empty();
        }
        Map<Integer, Long> partitions = new TreeMap<>();
        String pairs = view.substring(colon + 1);
        if (!pairs.isEmpty()) {
          for (String pair : pairs.split("\\.", -1)) {
            int dash = pair.indexOf('-');
            int partition = Integer.parseInt(pair.substring(0, dash));
            long offset = Long.parseLong(pair.substring(dash + 1));
            if (partition < 0 || offset < 0 || partitions.put(partition, offset) != null) {
              return Optional.empty();
            }
          }
        }
        views.put(tag, partitions);
      }
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    return Optional.of(new StreamPosition(views));
  }
}
