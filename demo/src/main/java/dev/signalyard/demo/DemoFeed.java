package dev.signalyard.demo;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated RockBLOCK trackers (drifting buoys in Monterey Bay) that post form-encoded MO
 * deliveries through the real webhook, one report per interval, round-robin over the devices. The
 * payload is a Paikea {@code PK001} position-and-health message, hex-encoded as RockBLOCK sends it;
 * the Iridium position is the true one plus noise of the stated CEP.
 */
final class DemoFeed implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DemoFeed.class);
  private static final DateTimeFormatter TRANSMIT_TIME =
      DateTimeFormatter.ofPattern("yy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter GPS_TIME = DateTimeFormatter.ofPattern("HHmmss.SSSS");

  private final URI webhook;
  private final Duration interval;
  private final Clock clock;
  private final Random random = new Random(7);
  private final List<Tracker> trackers = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "demo-feed");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private int next;

  DemoFeed(URI webhook, int devices, Duration interval, Clock clock) {
    this.webhook = webhook;
    this.interval = interval;
    this.clock = clock;
    for (int i = 0; i < devices; i++) {
      trackers.add(
          new Tracker(
              String.format("3002340107%05d", 53370 + i),
              16_949 + i,
              36.80 + random.nextDouble() * 0.15,
              -122.05 + random.nextDouble() * 0.2));
    }
  }

  void start() {
    scheduler.scheduleAtFixedRate(this::postNext, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  long accepted() {
    return accepted.get();
  }

  private void postNext() {
    Tracker tracker = trackers.get(next++ % trackers.size());
    tracker.drift(random);
    Map<String, String> form = tracker.report(clock, random);
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(webhook)
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("User-Agent", "Rock7PushApi (Signalyard demo feed)")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        if (accepted.incrementAndGet() % 60 == 0) {
          log.info("Demo feed: {} reports accepted so far", accepted.get());
        }
      } else {
        refused.incrementAndGet();
        log.warn("Demo feed: webhook answered {}: {}", response.statusCode(), response.body());
      }
    } catch (Exception e) {
      refused.incrementAndGet();
      log.warn("Demo feed: post failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One simulated buoy: a position that drifts, a battery that drains, a message counter. */
  private static final class Tracker {
    private final String imei;
    private final int serial;
    private double latitude;
    private double longitude;
    private double battery = 4.1;
    private double sog;
    private double cog;
    private int momsn;

    Tracker(String imei, int serial, double latitude, double longitude) {
      this.imei = imei;
      this.serial = serial;
      this.latitude = latitude;
      this.longitude = longitude;
    }

    void drift(Random random) {
      cog = (cog + random.nextGaussian() * 20 + 360) % 360;
      sog = Math.max(0, Math.min(4, sog + random.nextGaussian() * 0.3));
      double km = sog * 1.852 / 60;
      latitude += km / 111.2 * Math.cos(Math.toRadians(cog));
      longitude +=
          km / (111.2 * Math.cos(Math.toRadians(latitude))) * Math.sin(Math.toRadians(cog));
      battery = Math.max(3.3, battery - 0.0005);
    }

    Map<String, String> report(Clock clock, Random random) {
      ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC);
      ZonedDateTime fix = now.minusSeconds(2 + random.nextInt(20));
      double cepKm = 2 + random.nextInt(9);
      String payload =
          String.format(
              Locale.ROOT,
              "PK001;lat:%s,NS:%s,lon:%s,EW:%s,utc:%s,batt:%.2f,sog:%.1f,cog:%.0f,sta:%d",
              nmea(latitude),
              latitude >= 0 ? "N" : "S",
              nmea(longitude),
              longitude >= 0 ? "E" : "W",
              fix.format(GPS_TIME),
              battery,
              sog,
              cog,
              4);
      Map<String, String> form = new LinkedHashMap<>();
      form.put("imei", imei);
      form.put("device_type", "ROCKBLOCK");
      form.put("serial", Integer.toString(serial));
      form.put("momsn", Integer.toString(momsn));
      form.put("transmit_time", now.format(TRANSMIT_TIME));
      form.put("iridium_latitude", coordinate(latitude + noise(random, cepKm)));
      form.put("iridium_longitude", coordinate(longitude + noise(random, cepKm)));
      form.put("iridium_cep", String.format(Locale.ROOT, "%.1f", cepKm));
      form.put("data", HexFormat.of().formatHex(payload.getBytes(StandardCharsets.US_ASCII)));
      momsn = (momsn + 1) % 65_536;
      return form;
    }

    private static double noise(Random random, double cepKm) {
      return random.nextGaussian() * cepKm / 111.2 / 2;
    }

    private static String coordinate(double degrees) {
      return String.format(Locale.ROOT, "%.4f", degrees);
    }

    /** Decimal degrees as NMEA [d]ddmm.mmmm, unsigned (the hemisphere goes in its own field). */
    private static String nmea(double degrees) {
      double abs = Math.abs(degrees);
      int whole = (int) abs;
      return String.format(Locale.ROOT, "%d%07.4f", whole, (abs - whole) * 60);
    }
  }
}
