package dev.signalyard.ingest.commands;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 that answers like RockBLOCK's MT endpoint: {@code text/plain}
 * {@code OK,<mtId>} by default, or the answers scripted per IMEI, in order. Records every request.
 *
 * <p>Thread-safety: thread-safe; requests are served on a thread pool.
 */
final class FakeRockBlockMt implements AutoCloseable {

  /**
   * One scripted answer: an HTTP status and body, after an optional delay; status {@value #DROP}
   * closes the connection without answering.
   */
  record Answer(int status, String body, Duration delay) {
    static Answer ok(String mtId) {
      return new Answer(200, "OK," + mtId, Duration.ZERO);
    }

    static Answer failed(int code, String description) {
      return new Answer(200, "FAILED," + code + "," + description, Duration.ZERO);
    }

    static Answer http(int status, String body) {
      return new Answer(status, body, Duration.ZERO);
    }

    static Answer drop() {
      return new Answer(DROP, "", Duration.ZERO);
    }
  }

  /** A request as received: its form fields and headers of interest. */
  record Request(Map<String, String> form, String accept, String contentType) {}

  static final int DROP = -1;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger nextMtId = new AtomicInteger(4114651);

  FakeRockBlockMt() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/rockblock/MT", this::serve);
    server.setExecutor(executor);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/rockblock/MT");
  }

  /** Answers the next requests for {@code imei} with {@code answers}, then with OK. */
  void script(String imei, Answer... answers) {
    scripts.put(imei, new ArrayDeque<>(List.of(answers)));
  }

  List<Request> requestsFor(String imei) {
    return requests.stream().filter(r -> imei.equals(r.form().get("imei"))).toList();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> form = parseForm(body);
      requests.add(
          new Request(
              form,
              exchange.getRequestHeaders().getFirst("Accept"),
              exchange.getRequestHeaders().getFirst("Content-Type")));
      Deque<Answer> script = scripts.get(form.getOrDefault("imei", ""));
      Answer answer = script == null ? null : script.pollFirst();
      if (answer == null) {
        answer = Answer.ok(Integer.toString(nextMtId.getAndIncrement()));
      }
      if (!answer.delay().isZero()) {
        Thread.sleep(answer.delay().toMillis());
      }
      if (answer.status() == DROP) {
        return;
      }
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain;charset=UTF-8");
      exchange.sendResponseHeaders(answer.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, String> parseForm(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
