package dev.signalyard.queryapi.fleet.trips;

/**
 * Why one row of an uploaded file was refused.
 *
 * @param row 1-based number of the data row: the n-th object of a JSON array, the n-th line after
 *     the header of a CSV file; 0 for the file as a whole (e.g. its header)
 * @param field the column or property, or "row" for the row as a whole
 * @param message what is wrong, for a human
 */
public record RowError(int row, String field, String message) {}
