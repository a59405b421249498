package dev.signalyard.demo;

import java.util.concurrent.CountDownLatch;

/**
 * Starts the demo: {@code ./run-demo} from the repository root builds this module and runs it.
 * Prints where to look, then runs until Ctrl-C, which stops everything and deletes its data.
 */
public final class DemoMain {

  private DemoMain() {}

  public static void main(String[] args) throws Exception {
    DemoSettings settings;
    try {
      settings = DemoSettings.from(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("Invalid demo setting: " + e.getMessage());
      System.exit(2);
      return;
    }
    Demo demo;
    try {
      demo = Demo.start(settings);
    } catch (Exception e) {
      System.err.println("The demo could not start: " + rootMessage(e));
      System.err.println(
          "If a port is taken, choose others with SIGNALYARD_DEMO_*_PORT (see"
              + " docs/configuration.md).");
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Stopping the Signalyard demo...");
                  demo.close();
                  System.out.println("Signalyard demo stopped; its temporary data is deleted.");
                  stopped.countDown();
                },
                "demo-shutdown"));
    System.out.println(demo.banner());
    stopped.await();
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return e == cause ? e.toString() : e.getMessage() + " (cause: " + cause + ")";
  }
}
