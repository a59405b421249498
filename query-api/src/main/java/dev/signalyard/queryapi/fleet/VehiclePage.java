package dev.signalyard.queryapi.fleet;

import java.util.List;

/**
 * One page of {@code GET /api/fleet/vehicles}: the vehicles on it, the page (from 0) and its size
 * as asked, and how many vehicles matched in all.
 *
 * <p>Thread-safety: immutable.
 */
public record VehiclePage(List<VehicleView> items, int page, int size, long total) {}
