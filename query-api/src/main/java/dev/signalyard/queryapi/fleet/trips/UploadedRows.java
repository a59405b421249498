package dev.signalyard.queryapi.fleet.trips;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows of an uploaded file, CSV with a header row or a JSON array of objects, as named cells: a
 * {@code String} per CSV cell, a {@link JsonNode} per JSON property. Structural problems (missing
 * or unknown columns, ragged rows, not an array) are collected as {@link RowError}s; the values
 * themselves are checked by {@link RowReader}.
 *
 * <p>Stateless, thread-safe.
 */
final class UploadedRows {

  /** One data row: its 1-based number and its cells by column name. */
  record Row(int number, Map<String, Object> cells) {}

  /** The readable rows and the errors of the rest (ragged rows, unknown fields). */
  record Parsed(List<Row> rows, List<RowError> errors) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private UploadedRows() {}

  /**
   * The rows of a CSV file whose header names exactly {@code columns}, in any order.
   *
   * @throws InvalidRowsException when the header is wrong
   */
  static Parsed csv(byte[] body, List<String> columns) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String[] lines = text.split("\r?\n", -1);
    List<RowError> errors = new ArrayList<>();
    List<String> header = cells(lines[0]).stream().map(String::trim).toList();
    for (String column : columns) {
      if (!header.contains(column)) {
        errors.add(new RowError(0, column, "column is missing from the header row"));
      }
    }
    for (String column : header) {
      if (!columns.contains(column)) {
        errors.add(new RowError(0, column, "is not a known column; expected " + columns));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRowsException(errors);
    }
    List<Row> rows = new ArrayList<>();
    int number = 0;
    for (int line = 1; line < lines.length; line++) {
      if (lines[line].isBlank()) {
        continue;
      }
      number++;
      List<String> cells = cells(lines[line]);
      if (cells.size() != header.size()) {
        errors.add(
            new RowError(
                number, "row", "has " + cells.size() + " cells, the header has " + header.size()));
        continue;
      }
      Map<String, Object> named = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        named.put(header.get(i), cells.get(i).trim());
      }
      rows.add(new Row(number, named));
    }
    return new Parsed(rows, errors);
  }

  /**
   * The rows of a JSON array of objects with properties among {@code columns}.
   *
   * @throws InvalidRowsException when it is not a JSON array
   */
  static Parsed json(byte[] body, List<String> columns) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new InvalidRowsException(
          List.of(new RowError(0, "body", "is not valid JSON: " + e.getOriginalMessage())));
    }
    if (root == null || !root.isArray()) {
      throw new InvalidRowsException(
          List.of(new RowError(0, "body", "must be a JSON array of objects")));
    }
    List<RowError> errors = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    Set<String> known = Set.copyOf(columns);
    int number = 0;
    for (JsonNode element : root) {
      number++;
      if (!element.isObject()) {
        errors.add(new RowError(number, "row", "must be a JSON object"));
        continue;
      }
      Map<String, Object> named = new LinkedHashMap<>();
      for (String name : element.propertyNames()) {
        if (known.contains(name)) {
          named.put(name, element.get(name));
        } else {
          errors.add(new RowError(number, name, "is not a known field"));
        }
      }
      rows.add(new Row(number, named));
    }
    return new Parsed(rows, errors);
  }

  /** The cells of one CSV line; a cell in double quotes may hold commas and doubled quotes. */
  static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
