package dev.signalyard.queryapi.devices;

import java.util.List;

/**
 * One page of {@code GET /api/devices}: the devices on it, the page (from 0) and its size as asked,
 * and how many devices matched in all.
 *
 * <p>Thread-safety: immutable.
 */
public record DevicePage(List<DeviceStateView> items, int page, int size, long total) {}
