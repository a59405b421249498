package dev.signalyard.benchmarks;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.convert.DurationStyle;

/**
 * The command line of a benchmark, read the same way by every benchmark's options record: each
 * option comes from an argument ({@code --name=value} or {@code --name value}), else from a system
 * property ({@code -Dbenchmark.name=value}), else its default. Durations accept plain seconds
 * ({@code 30}) or a unit ({@code 500ms}, {@code 2m}). Immutable.
 */
final class OptionValues {

  private final Map<String, String> arguments;

  private OptionValues(Map<String, String> arguments) {
    this.arguments = arguments;
  }

  /**
   * Reads {@code args}; throws {@link IllegalArgumentException} naming an argument that is not an
   * option, an option without a value or one not in {@code names}.
   */
  static OptionValues parse(String[] args, Set<String> names) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("Unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String value;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      if (!names.contains(name)) {
        throw new IllegalArgumentException("Unknown option --" + name);
      }
      values.put(name, value);
    }
    return new OptionValues(values);
  }

  /**
   * The integer options of a benchmark whose options are all integers: {@code defaults} names them,
   * in order, with their defaults; the result holds every one, read as {@link #parse} does.
   */
  static Map<String, Integer> integers(String[] args, Map<String, Integer> defaults) {
    OptionValues values = parse(args, defaults.keySet());
    Map<String, Integer> options = new LinkedHashMap<>();
    defaults.forEach((name, fallback) -> options.put(name, values.integer(name, fallback)));
    return options;
  }

  int integer(String name, int fallback) {
    return Integer.parseInt(text(name, Integer.toString(fallback)));
  }

  double decimal(String name, double fallback) {
    return Double.parseDouble(text(name, Double.toString(fallback)));
  }

  Duration duration(String name, Duration fallback) {
    String value = text(name, null);
    return value == null
        ? fallback
        : DurationStyle.detectAndParse(value.trim(), ChronoUnit.SECONDS);
  }

  private String text(String name, String fallback) {
    return arguments.getOrDefault(name, System.getProperty("benchmark." + name, fallback));
  }
}
