package dev.signalyard.testsupport;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * A jstack-like dump of every thread of this JVM as text, with each thread's whole stack (unlike
 * {@link ThreadInfo#toString()}, which stops after eight frames), the monitors and ownable
 * synchronizers it holds, the lock it waits for and who owns that lock, and any deadlock.
 *
 * <p>Thread-safe: stateless.
 */
final class ThreadDump {

  private ThreadDump() {}

  static String ofAllThreads() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    StringBuilder text = new StringBuilder();
    long[] deadlocked = threads.findDeadlockedThreads();
    if (deadlocked != null) {
      text.append("DEADLOCK among threads ");
      for (ThreadInfo info : threads.getThreadInfo(deadlocked)) {
        text.append('"').append(info == null ? "?" : info.getThreadName()).append("\" ");
      }
      text.append("\n\n");
    }
    for (ThreadInfo info : threads.dumpAllThreads(true, true)) {
      append(text, info);
    }
    return text.toString();
  }

  private static void append(StringBuilder text, ThreadInfo info) {
    text.append('"')
        .append(info.getThreadName())
        .append("\" #")
        .append(info.getThreadId())
        .append(info.isDaemon() ? " daemon" : "")
        .append(" prio=")
        .append(info.getPriority())
        .append(' ')
        .append(info.getThreadState());
    if (info.getLockName() != null) {
      text.append(" on ").append(info.getLockName());
    }
    if (info.getLockOwnerName() != null) {
      text.append(" owned by \"")
          .append(info.getLockOwnerName())
          .append("\" #")
          .append(info.getLockOwnerId());
    }
    if (info.isSuspended()) {
      text.append(" (suspended)");
    }
    if (info.isInNative()) {
      text.append(" (in native)");
    }
    text.append('\n');
    StackTraceElement[] stack = info.getStackTrace();
    MonitorInfo[] monitors = info.getLockedMonitors();
    for (int depth = 0; depth < stack.length; depth++) {
      text.append("\tat ").append(stack[depth]).append('\n');
      if (depth == 0 && info.getLockInfo() != null) {
        text.append("\t- ")
            .append(waitVerb(info.getThreadState()))
            .append(' ')
            .append(info.getLockInfo())
            .append('\n');
      }
      for (MonitorInfo monitor : monitors) {
        if (monitor.getLockedStackDepth() == depth) {
          text.append("\t- locked ").append(monitor).append('\n');
        }
      }
    }
    LockInfo[] synchronizers = info.getLockedSynchronizers();
    if (synchronizers.length > 0) {
      text.append("\n\tLocked ownable synchronizers:\n");
      for (LockInfo synchronizer : synchronizers) {
        text.append("\t- ").append(synchronizer).append('\n');
      }
    }
    text.append('\n');
  }

  private static String waitVerb(Thread.State state) {
    return switch (state) {
      case BLOCKED -> "blocked on";
      case WAITING, TIMED_WAITING -> "waiting on";
      default -> "on";
    };
  }
}
