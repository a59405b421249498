package dev.signalyard.queryapi.fleet;

/**
 * One validated change of a simulation setting.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name the reference's key name, e.g. {@code sub_time} or {@code vagt_12}
 * @param value the value as stored (a number's text, a text, or JSON); {@code null} removes a
 *     per-location shift setting
 * @param type {@code number}, {@code text} or {@code json}
 * @param locationId the location a {@code vagt_{id}} setting belongs to, else {@code null}
 */
record SettingChange(String name, String value, String type, Long locationId) {}
