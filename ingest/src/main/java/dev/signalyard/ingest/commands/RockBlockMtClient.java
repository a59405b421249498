package dev.signalyard.ingest.commands;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sends one MT message to RockBLOCK: a form POST of {@code imei}, {@code username}, {@code
 * password}, {@code data} (hex) and, when asked, {@code flush=yes}, with {@code Accept:
 * text/plain}, and classifies the answer.
 *
 * <p>The credentials travel only in the request body. No outcome, exception text or log line made
 * here contains them: errors are described by their kind, status and RockBLOCK's own description.
 * Redirects are not followed, so the credentials are never re-posted to another address.
 *
 * <p>Thread-safety: thread-safe; the JDK HTTP client is shared.
 */
class RockBlockMtClient {

  private final HttpClient http;
  private final URI mtUrl;
  private final MtCredentials credentials;
  private final Duration requestTimeout;

  RockBlockMtClient(URI mtUrl, MtCredentials credentials, Duration requestTimeout) {
    this.mtUrl = mtUrl;
    this.credentials = credentials;
    this.requestTimeout = requestTimeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(requestTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Sends {@code payload} to the device {@code imei}.
   *
   * @throws InterruptedException when the calling thread is interrupted while waiting
   */
  MtOutcome send(String imei, byte[] payload, boolean flush) throws InterruptedException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("imei", imei);
    form.put("username", credentials.username());
    form.put("password", credentials.password());
    form.put("data", HexFormat.of().formatHex(payload));
    if (flush) {
      form.put("flush", "yes");
    }
    HttpRequest request =
        HttpRequest.newBuilder(mtUrl)
            .timeout(requestTimeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      return new MtOutcome.Failed(
          "TIMEOUT", "No answer within " + requestTimeout.toMillis() + " ms", true);
    } catch (IOException e) {
      // The JDK's messages name the host and the failure, never the request body.
      String reason = e.getMessage() == null ? "" : ": " + e.getMessage();
      return new MtOutcome.Failed("NETWORK", e.getClass().getSimpleName() + reason, true);
    }
    return classify(response.statusCode(), response.body());
  }

  /** The outcome of an HTTP answer: RockBLOCK's answer when the body is one, else by status. */
  static MtOutcome classify(int status, String body) {
    MtAnswer answer = MtAnswer.parse(body).orElse(null);
    if (answer instanceof MtAnswer.Queued queued) {
      return new MtOutcome.Sent(queued.mtId());
    }
    if (answer instanceof MtAnswer.Refused refused) {
      return new MtOutcome.Failed(
          Integer.toString(refused.code()), refused.description(), refused.isTransient());
    }
    if (status >= 500) {
      return new MtOutcome.Failed("HTTP_" + status, "RockBLOCK answered HTTP " + status, true);
    }
    if (status >= 300) {
      return new MtOutcome.Failed("HTTP_" + status, "RockBLOCK answered HTTP " + status, false);
    }
    // Neither OK nor FAILED: whether the message was queued is unknown, and sending it again
    // could deliver (and charge) it twice, so it is not retried.
    return new MtOutcome.Failed(
        "BAD_ANSWER", "RockBLOCK answered HTTP " + status + " with an unrecognised body", false);
  }

  private static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
