/**
 * Fleet domain logic, free of Spring and Kafka: {@code roundtrips} (aggregation of trips into
 * roundtrips, precision, trips from GPS logs) and {@code simulation} (allocation, acceptance rules,
 * cost model, intelligent allocation, goal seek).
 */
package dev.signalyard.fleet;
