package dev.signalyard.queryapi.devices;

import dev.signalyard.queryapi.devices.DeviceStateView.PositionView;
import dev.signalyard.schemas.devices.TrackPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A device's track between two instants, oldest point first, as JSON ({@code application/json}) or
 * as a GeoJSON FeatureCollection ({@code application/geo+json}).
 *
 * <p>Thread-safety: immutable.
 */
public record TrackView(String imei, Instant from, Instant to, List<Point> points) {

  /** One point: the position (with source and accuracy) and the motion at that fix. */
  public record Point(PositionView position, Double speedKnots, Double courseDegrees) {}

  static TrackView of(String imei, Instant from, Instant to, List<TrackPoint> points) {
    return new TrackView(
        imei,
        from,
        to,
        points.stream()
            .map(
                p ->
                    new Point(
                        PositionView.of(p.getPosition()), p.getSpeedKnots(), p.getCourseDegrees()))
            .toList());
  }

  /**
   * The track as GeoJSON (RFC 7946): one LineString feature of the points, with their fix times in
   * {@code properties.times}; a single point is a Point feature, no point no feature. Coordinates
   * are [longitude, latitude].
   */
  Map<String, Object> geoJson() {
    List<List<Double>> coordinates = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    for (Point p : points) {
      coordinates.add(List.of(p.position().longitude(), p.position().latitude()));
      times.add(p.position().fixTime());
    }
    List<Object> features = new ArrayList<>();
    if (!coordinates.isEmpty()) {
      Map<String, Object> geometry = new LinkedHashMap<>();
      geometry.put("type", coordinates.size() == 1 ? "Point" : "LineString");
      geometry.put("coordinates", coordinates.size() == 1 ? coordinates.get(0) : coordinates);
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("imei", imei);
      properties.put("times", times);
      Map<String, Object> feature = new LinkedHashMap<>();
      feature.put("type", "Feature");
      feature.put("geometry", geometry);
      feature.put("properties", properties);
      features.add(feature);
    }
    Map<String, Object> collection = new LinkedHashMap<>();
    collection.put("type", "FeatureCollection");
    collection.put("features", features);
    return collection;
  }
}
