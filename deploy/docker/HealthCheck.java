import java.net.HttpURLConnection;
import java.net.URI;

/**
 * Health probe baked into the service images: exits 0 when the URL answers 200, 1 otherwise.
 *
 * <p>The runtime image is a bare JRE without curl or wget, and adding them only for probes would
 * widen the image's attack surface; the JVM is already there. Used by the image's HEALTHCHECK (no
 * arguments: this container's readiness endpoint) and by the Helm test hook (a URL and a number of
 * seconds to keep retrying while the release settles).
 *
 * <p>Health answers on the management port, not the API port: {@code MANAGEMENT_SERVER_PORT}, which
 * each image sets to its service's default and an operator may change.
 */
public final class HealthCheck {

  private HealthCheck() {}

  public static void main(String[] args) throws InterruptedException {
    String url =
        args.length > 0
            ? args[0]
            : "http://127.0.0.1:"
                + System.getenv().getOrDefault("MANAGEMENT_SERVER_PORT", "9080")
                + System.getenv().getOrDefault("HEALTHCHECK_PATH", "/actuator/health/readiness");
    long deadline =
        System.nanoTime() + (args.length > 1 ? Long.parseLong(args[1]) : 0) * 1_000_000_000L;
    while (true) {
      String outcome = probe(url);
      if (outcome == null) {
        System.exit(0);
      }
      if (System.nanoTime() >= deadline) {
        System.err.println(url + ": " + outcome);
        System.exit(1);
      }
      Thread.sleep(2000);
    }
  }

  /** Null when healthy, otherwise why not. */
  private static String probe(String url) {
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
      connection.setConnectTimeout(2000);
      connection.setReadTimeout(3000);
      int status = connection.getResponseCode();
      connection.disconnect();
      return status == 200 ? null : "HTTP " + status;
    } catch (Exception e) {
      return e.toString();
    }
  }
}
