package dev.signalyard.fleet.simulation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Exports of a simulation outcome: the driving book and the vehicle-usage table as CSV (RFC 4180,
 * comma separated, dot decimals, ISO-8601 UTC times, UTF-8) and all of it as an XLSX workbook with
 * the sheets "Opsummering", "Køretøjer" and "Kørebog". Stateless and thread-safe.
 */
public final class SimulationExports {
  static final List<String> DRIVING_BOOK_HEADER =
      List.of(
          "trip_id",
          "start_time",
          "end_time",
          "distance",
          "current_vehicle_name",
          "current_vehicle_id",
          "current_type",
          "simulation_vehicle_name",
          "simulation_vehicle_id",
          "simulation_type");

  static final List<String> USAGE_HEADER =
      List.of(
          "fleet",
          "vehicle_id",
          "Køretøj",
          "Allokerede km",
          "Årlig km",
          "WLTP",
          "Udledning for allokeret (kg CO2e)",
          "Årlig udledning (kg CO2e)",
          "Årlig Omkostning kr",
          "Årlig Driftsomkostning kr",
          "Årlig Samfundsøkonomisk Omkostning kr",
          "Samlet Årlig Omkostning kr");

  private SimulationExports() {}

  /** The driving book as CSV, one row per trip after a header row. */
  public static String drivingBookCsv(SimulationOutcome outcome) {
    StringBuilder csv = new StringBuilder();
    line(csv, DRIVING_BOOK_HEADER);
    for (DrivingBookEntry e : outcome.drivingBook()) {
      line(csv, drivingBookRow(e));
    }
    return csv.toString();
  }

  /** The vehicle-usage tables of both fleets as CSV; column "fleet" is current or simulated. */
  public static String vehicleUsageCsv(SimulationOutcome outcome) {
    StringBuilder csv = new StringBuilder();
    line(csv, USAGE_HEADER);
    for (VehicleUsage u : outcome.currentUsage()) {
      line(csv, usageRow("current", u));
    }
    for (VehicleUsage u : outcome.simulatedUsage()) {
      line(csv, usageRow("simulated", u));
    }
    return csv.toString();
  }

  /** The summary, the vehicle usage and the driving book as an XLSX workbook. */
  public static byte[] xlsx(SimulationOutcome outcome) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      Workbook workbook = new Workbook(bytes, "Signalyard", "1.0");
      Worksheet summary = workbook.newWorksheet("Opsummering");
      Object[][] facts = {
        {"Antal ture", outcome.numberOfTrips()},
        {"Ikke allokerede ture", outcome.unallocated()},
        {"Nuværende samlet årlig omkostning kr", outcome.current().totalCost()},
        {"Simuleret samlet årlig omkostning kr", outcome.simulated().totalCost()},
        {"Økonomisk besparelse kr", outcome.financialSavings()},
        {"Nuværende årlig udledning t CO2e", outcome.current().co2eTonnes()},
        {"Simuleret årlig udledning t CO2e", outcome.simulated().co2eTonnes()},
        {"CO2e besparelse t", outcome.co2eSavingsTonnes()}
      };
      for (int r = 0; r < facts.length; r++) {
        summary.value(r, 0, (String) facts[r][0]);
        summary.value(r, 1, (Number) facts[r][1]);
      }
      Worksheet usage = workbook.newWorksheet("Køretøjer");
      header(usage, USAGE_HEADER);
      int row = 1;
      for (VehicleUsage u : outcome.currentUsage()) {
        cells(usage, row++, usageCells("current", u));
      }
      for (VehicleUsage u : outcome.simulatedUsage()) {
        cells(usage, row++, usageCells("simulated", u));
      }
      Worksheet book = workbook.newWorksheet("Kørebog");
      header(book, DRIVING_BOOK_HEADER);
      row = 1;
      for (DrivingBookEntry e : outcome.drivingBook()) {
        cells(book, row++, drivingBookCells(e));
      }
      workbook.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static Object[] drivingBookCells(DrivingBookEntry e) {
    return new Object[] {
      e.tripId(),
      e.start().toString(),
      e.end().toString(),
      e.distanceKm(),
      e.currentVehicleName(),
      e.currentVehicleId(),
      e.currentType(),
      e.simulationVehicleName(),
      e.simulationVehicleId(),
      e.simulationType()
    };
  }

  private static Object[] usageCells(String fleet, VehicleUsage u) {
    return new Object[] {
      fleet,
      u.vehicleId(),
      u.vehicle(),
      u.allocatedKm(),
      u.yearlyKm(),
      u.wltp(),
      u.allocatedEmissionKg(),
      u.yearlyEmissionKg(),
      u.yearlyCost(),
      u.yearlyRunningCost(),
      u.yearlySocietalCost(),
      u.totalYearlyCost()
    };
  }

  private static List<String> drivingBookRow(DrivingBookEntry e) {
    return text(drivingBookCells(e));
  }

  private static List<String> usageRow(String fleet, VehicleUsage u) {
    return text(usageCells(fleet, u));
  }

  private static List<String> text(Object[] cells) {
    return Arrays.stream(cells).map(String::valueOf).toList();
  }

  private static void header(Worksheet sheet, List<String> names) {
    for (int c = 0; c < names.size(); c++) {
      sheet.value(0, c, names.get(c));
      sheet.style(0, c).bold().set();
    }
  }

  private static void cells(Worksheet sheet, int row, Object[] values) {
    for (int c = 0; c < values.length; c++) {
      if (values[c] instanceof Number number) {
        sheet.value(row, c, number);
      } else {
        sheet.value(row, c, String.valueOf(values[c]));
      }
    }
  }

  private static void line(StringBuilder csv, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        csv.append(',');
      }
      csv.append(quote(fields.get(i)));
    }
    csv.append("\r\n");
  }

  private static String quote(String field) {
    if (field.contains(",")
        || field.contains("\"")
        || field.contains("\n")
        || field.contains("\r")) {
      return '"' + field.replace("\"", "\"\"") + '"';
    }
    return field;
  }
}
