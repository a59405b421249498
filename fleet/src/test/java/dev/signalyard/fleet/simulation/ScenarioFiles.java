package dev.signalyard.fleet.simulation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads and writes the stored simulation scenario under {@code src/test/resources/simulation}: a
 * month of 9 cars' trips on a mixed simulated fleet, which {@code ScenarioTest} checks for
 * consistency. Stateless; thread-safe.
 *
 * <p>Both files are UTF-8 CSV with a header row; lines starting with {@code #} are comments; no
 * field holds a comma or a quote, so there is no quoting. An empty field is a null value; numbers
 * are written by {@link Double#toString}, so they read back exactly.
 *
 * <ul>
 *   <li>{@value #VEHICLES_FILE}: one row per vehicle, {@code fleet} is {@code current} or {@code
 *       simulated}, {@code type} a {@link VehicleType} name, the other columns the {@link Vehicle}
 *       components in order. The simulated EVs share one id, as clones of one car do.
 *   <li>{@value #TRIPS_FILE}: one row per roundtrip with ISO-8601 instants; {@code segments} holds
 *       the legs in time order as {@code start/end/km}, separated by {@code ;}.
 * </ul>
 *
 * <p>The files were made by {@link Scenario} (seed 2026, 9 current cars, 2 bikes, 2 e-bikes, 3 EVs,
 * 2 fossil cars). To rewrite them, from the repository root:
 *
 * <pre>
 * ./mvnw -q -o -pl fleet test-compile
 * java -cp fleet/target/classes:fleet/target/test-classes \
 *     dev.signalyard.fleet.simulation.ScenarioFiles fleet/src/test/resources/simulation
 * </pre>
 */
public final class ScenarioFiles {
  static final String VEHICLES_FILE = "scenario-vehicles.csv";
  static final String TRIPS_FILE = "scenario-trips.csv";

  /** The month the stored trips lie in. */
  static final LocalDate FROM = LocalDate.parse("2026-03-01");

  static final LocalDate TO = LocalDate.parse("2026-03-31");

  private static final String VEHICLES_HEADER =
      "fleet,id,name,type,fuel_id,wltp_fossil,wltp_el,capacity_decrease,range_km,omkostning_aar,"
          + "km_aar,sleep_hours";
  private static final String TRIPS_HEADER = "id,current_vehicle_id,start,end,distance_km,segments";
  private static final String ORIGIN =
      "# Written by dev.signalyard.fleet.simulation.ScenarioFiles from Scenario (seed 2026).";

  private ScenarioFiles() {}

  /** Rewrites the stored files from the generator into the directory given as first argument. */
  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args.length > 0 ? args[0] : "fleet/src/test/resources/simulation");
    List<Vehicle> current = Scenario.currentFleet(9);
    List<Vehicle> simulated = Scenario.simulatedFleet(2, 2, 3, 2);
    List<SimTrip> trips = Scenario.trips(current, 2026);
    Files.createDirectories(directory);
    Files.writeString(
        directory.resolve(VEHICLES_FILE), vehiclesCsv(current, simulated), StandardCharsets.UTF_8);
    Files.writeString(directory.resolve(TRIPS_FILE), tripsCsv(trips), StandardCharsets.UTF_8);
    System.out.printf(
        "wrote %d trips, %d + %d vehicles to %s%n",
        trips.size(), current.size(), simulated.size(), directory);
  }

  /** The stored scenario, read from the test classpath. */
  static ScenarioData load() {
    return parse(resource(VEHICLES_FILE), resource(TRIPS_FILE));
  }

  /**
   * The scenario held by the text of the two files.
   *
   * @throws IllegalArgumentException naming the file when a header, row or value is malformed
   */
  static ScenarioData parse(String vehicles, String tripsCsv) {
    List<Vehicle> current = new ArrayList<>();
    List<Vehicle> simulated = new ArrayList<>();
    for (String[] row : rows(vehicles, VEHICLES_HEADER, VEHICLES_FILE)) {
      Vehicle vehicle = parseRow(VEHICLES_FILE, row, ScenarioFiles::vehicle);
      switch (row[0]) {
        case "current" -> current.add(vehicle);
        case "simulated" -> simulated.add(vehicle);
        default ->
            throw new IllegalArgumentException(
                VEHICLES_FILE + ": fleet must be current or simulated, was " + row[0]);
      }
    }
    List<SimTrip> trips =
        rows(tripsCsv, TRIPS_HEADER, TRIPS_FILE).stream()
            .map(row -> parseRow(TRIPS_FILE, row, ScenarioFiles::trip))
            .toList();
    return new ScenarioData(trips, current, simulated, FROM, TO);
  }

  /** The vehicles file holding both fleets, current first. */
  static String vehiclesCsv(List<Vehicle> current, List<Vehicle> simulated) {
    StringBuilder csv = new StringBuilder(ORIGIN).append('\n').append(VEHICLES_HEADER).append('\n');
    for (Vehicle v : current) {
      csv.append(vehicleRow("current", v)).append('\n');
    }
    for (Vehicle v : simulated) {
      csv.append(vehicleRow("simulated", v)).append('\n');
    }
    return csv.toString();
  }

  /** The trips file, one row per trip in the given order. */
  static String tripsCsv(List<SimTrip> trips) {
    StringBuilder csv = new StringBuilder(ORIGIN).append('\n').append(TRIPS_HEADER).append('\n');
    for (SimTrip trip : trips) {
      List<String> legs =
          trip.segments().stream()
              .map(s -> s.start() + "/" + s.end() + "/" + s.distanceKm())
              .toList();
      csv.append(
              row(
                  trip.id(),
                  Long.toString(trip.currentVehicleId()),
                  trip.start().toString(),
                  trip.end().toString(),
                  Double.toString(trip.distanceKm()),
                  String.join(";", legs)))
          .append('\n');
    }
    return csv.toString();
  }

  private static String vehicleRow(String fleet, Vehicle v) {
    return row(
        fleet,
        Long.toString(v.id()),
        v.name(),
        v.type().name(),
        v.fuelId() == null ? "" : v.fuelId().toString(),
        number(v.wltpFossil()),
        number(v.wltpEl()),
        number(v.capacityDecrease()),
        number(v.rangeKm()),
        number(v.omkostningAar()),
        number(v.kmAar()),
        number(v.sleepHours()));
  }

  private static String number(Double value) {
    return value == null ? "" : value.toString();
  }

  private static String row(String... fields) {
    for (String field : fields) {
      if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
        throw new IllegalArgumentException("field cannot be stored unquoted: " + field);
      }
    }
    return String.join(",", fields);
  }

  private static Vehicle vehicle(String[] row) {
    return new Vehicle(
        Long.parseLong(row[1]),
        row[2],
        VehicleType.valueOf(row[3]),
        optional(row[4], Integer::valueOf),
        optional(row[5], Double::valueOf),
        optional(row[6], Double::valueOf),
        optional(row[7], Double::valueOf),
        optional(row[8], Double::valueOf),
        optional(row[9], Double::valueOf),
        optional(row[10], Double::valueOf),
        optional(row[11], Double::valueOf));
  }

  private static SimTrip trip(String[] row) {
    List<Segment> segments = new ArrayList<>();
    if (!row[5].isEmpty()) {
      for (String leg : row[5].split(";")) {
        String[] parts = leg.split("/");
        if (parts.length != 3) {
          throw new IllegalArgumentException("malformed segment " + leg);
        }
        segments.add(
            new Segment(
                Instant.parse(parts[0]), Instant.parse(parts[1]), Double.parseDouble(parts[2])));
      }
    }
    return new SimTrip(
        row[0],
        Long.parseLong(row[1]),
        Instant.parse(row[2]),
        Instant.parse(row[3]),
        Double.parseDouble(row[4]),
        segments);
  }

  private static <T> T parseRow(String file, String[] row, Function<String[], T> parse) {
    try {
      return parse.apply(row);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          file + ": row " + String.join(",", row) + ": " + e.getMessage(), e);
    }
  }

  private static <T> T optional(String field, Function<String, T> parse) {
    return field.isEmpty() ? null : parse.apply(field);
  }

  /** The data rows after the header, each split into exactly as many fields as the header has. */
  private static List<String[]> rows(String csv, String header, String file) {
    List<String> lines =
        csv.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    if (lines.isEmpty() || !lines.get(0).equals(header)) {
      throw new IllegalArgumentException(file + ": header must be " + header);
    }
    int columns = header.split(",").length;
    List<String[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split(",", -1);
      if (fields.length != columns) {
        throw new IllegalArgumentException(
            file + ": expected " + columns + " fields, got " + fields.length + " in: " + line);
      }
      rows.add(fields);
    }
    return rows;
  }

  /** The text of a stored file, read from the test classpath. */
  static String resource(String file) {
    try (InputStream in = ScenarioFiles.class.getResourceAsStream("/simulation/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource simulation/" + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
