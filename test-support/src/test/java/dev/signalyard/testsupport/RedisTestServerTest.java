package dev.signalyard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedisTestServerTest {

  private final RedisTestServer redis = RedisTestServer.shared();

  @Test
  void sharedReturnsTheSameServerEveryTime() {
    assertThat(RedisTestServer.shared()).isSameAs(redis);
  }

  @Test
  void storesAndReturnsAValue() throws IOException {
    // Plain RESP over a socket: the test needs no Redis client library.
    try (Socket socket = new Socket(redis.host(), redis.port());
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      OutputStream out = socket.getOutputStream();

      send(out, "SET", "test-support:greeting", "hello");
      assertThat(in.readLine()).isEqualTo("+OK");

      send(out, "GET", "test-support:greeting");
      assertThat(in.readLine()).isEqualTo("$5");
      assertThat(in.readLine()).isEqualTo("hello");
    }
  }

  @Test
  void uriNamesHostAndPort() {
    assertThat(redis.uri()).isEqualTo("redis://" + redis.host() + ":" + redis.port());
  }

  private static void send(OutputStream out, String... command) throws IOException {
    StringBuilder request = new StringBuilder("*").append(command.length).append("\r\n");
    for (String part : command) {
      request.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
      request.append(part).append("\r\n");
    }
    out.write(request.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
