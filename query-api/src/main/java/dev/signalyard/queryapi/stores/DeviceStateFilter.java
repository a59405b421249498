package dev.signalyard.queryapi.stores;

import dev.signalyard.schemas.devices.DeviceState;
import java.util.Locale;

/**
 * Which devices a list asks for: those whose IMEI contains {@code imeiPart} (ignoring case; empty
 * matches all) and, when {@code online} is not null, whose online flag equals it. Applied where the
 * states are, so replicas send only the matching ones.
 *
 * <p>Thread-safety: immutable.
 */
public record DeviceStateFilter(String imeiPart, Boolean online) {

  public DeviceStateFilter {
    imeiPart = imeiPart == null ? "" : imeiPart.toLowerCase(Locale.ROOT);
  }

  public boolean matches(DeviceState state) {
    return state.getImei().toLowerCase(Locale.ROOT).contains(imeiPart)
        && (online == null || state.getOnline() == online);
  }
}
