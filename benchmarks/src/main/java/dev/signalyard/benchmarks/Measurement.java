package dev.signalyard.benchmarks;

import java.util.Map;

/**
 * One endpoint's load result and where the CPU went during its measured window.
 *
 * @param load throughput, latencies and errors
 * @param cpuCores cores used by each role during the window, from {@link CpuUsage#coresBetween}
 */
record Measurement(LoadResult load, Map<String, Double> cpuCores) {}
