package dev.signalyard.queryapi.devices;

import dev.signalyard.schemas.devices.TrackPoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each device's track in fix-time order, held in memory and bounded: at most {@code
 * pointsPerDevice} points per device, none older than {@code retention}. Points may be added in any
 * order (late fixes land in their place).
 *
 * <p>This is the interim store until tracks get a partitioned store with routing (the query-API
 * platform issue); every node holds every device's track.
 *
 * <p>Thread-safety: thread-safe; one thread adds, any thread reads. Each device's track is guarded
 * by its own lock.
 */
public final class TrackHistory {

  private final Map<String, NavigableMap<Instant, TrackPoint>> tracks = new ConcurrentHashMap<>();
  private final Duration retention;
  private final int pointsPerDevice;
  private final Clock clock;

  public TrackHistory(Duration retention, int pointsPerDevice, Clock clock) {
    if (pointsPerDevice < 1) {
      throw new IllegalArgumentException("pointsPerDevice must be at least 1");
    }
    this.retention = retention;
    this.pointsPerDevice = pointsPerDevice;
    this.clock = clock;
  }

  /** Adds a point, dropping the oldest when the device's track is over its bounds. */
  public void add(TrackPoint point) {
    Instant oldest = clock.instant().minus(retention);
    Instant fixTime = point.getPosition().getFixTime();
    if (fixTime.isBefore(oldest)) {
      return;
    }
    NavigableMap<Instant, TrackPoint> track =
        tracks.computeIfAbsent(point.getImei(), imei -> new TreeMap<>());
    synchronized (track) {
      track.put(fixTime, point);
      track.headMap(oldest, false).clear();
      while (track.size() > pointsPerDevice) {
        track.pollFirstEntry();
      }
    }
  }

  /** Whether any point of the device was ever added. */
  public boolean knows(String imei) {
    return tracks.containsKey(imei);
  }

  /** The device's points with {@code from <= fix time <= to}, oldest first. */
  public List<TrackPoint> between(String imei, Instant from, Instant to) {
    NavigableMap<Instant, TrackPoint> track = tracks.get(imei);
    if (track == null) {
      return List.of();
    }
    synchronized (track) {
      return List.copyOf(track.subMap(from, true, to, true).values());
    }
  }
}
