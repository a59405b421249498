package dev.signalyard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks free TCP ports on the loopback interface for servers that must be told their port up front.
 *
 * <p>The ports are free when returned; another process could still take one before the server binds
 * it, which on a test machine is rare enough to accept.
 */
public final class FreePorts {

  private FreePorts() {}

  /** {@code count} different free ports. */
  public static int[] pick(int count) {
    ServerSocket[] sockets = new ServerSocket[count];
    try {
      // All sockets stay open until every port is known, so the ports differ from each other.
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      }
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find free ports", e);
    } finally {
      for (ServerSocket socket : sockets) {
        closeQuietly(socket);
      }
    }
  }

  private static void closeQuietly(ServerSocket socket) {
    if (socket == null) {
      return;
    }
    try {
      socket.close();
    } catch (IOException e) {
      // The port would merely stay taken; the ports picked so far are still free and usable.
    }
  }
}
