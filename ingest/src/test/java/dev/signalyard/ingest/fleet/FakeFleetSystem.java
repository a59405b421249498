package dev.signalyard.ingest.fleet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 standing in for a fleet-management system: each request is
 * recorded and answered by the test's route, typically with a payload from {@code
 * src/test/resources/fleet/<system>/}. Unrouted requests get 404.
 *
 * <p>Thread-safety: thread-safe; requests are served on a thread pool.
 */
final class FakeFleetSystem implements AutoCloseable {

  /** A request as received. */
  record Request(String path, Map<String, String> query, Map<String, String> headers) {
    String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  /** An answer: status, JSON body and extra headers. */
  record Answer(int status, String body, Map<String, String> headers) {
    static Answer json(String body) {
      return new Answer(200, body, Map.of());
    }

    static Answer status(int status, Map<String, String> headers) {
      return new Answer(status, "{\"message\":\"HTTP " + status + "\"}", headers);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Answer> route = r -> null;

  FakeFleetSystem() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::serve);
    server.setExecutor(executor);
    server.start();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:PORT/api}. */
  URI url(String basePath) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + basePath);
  }

  void route(Function<Request, Answer> route) {
    this.route = route;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** A test resource as text, e.g. {@code fleet/skyhost-v2/vehicles-4012-page-1.json}. */
  static String resource(String name) {
    try (InputStream in = FakeFleetSystem.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
      Request request =
          new Request(
              exchange.getRequestURI().getPath(),
              query(exchange.getRequestURI().getRawQuery()),
              headers);
      requests.add(request);
      Answer answer = route.apply(request);
      if (answer == null) {
        answer = Answer.status(404, Map.of());
      }
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      answer.headers().forEach(exchange.getResponseHeaders()::set);
      exchange.sendResponseHeaders(answer.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      query.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return query;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
