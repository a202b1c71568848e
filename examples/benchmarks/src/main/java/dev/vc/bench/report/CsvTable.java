package dev.vc.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table written as RFC 4180 CSV: a header row, then one row per {@link #row(Object...)}. Numbers are
 * written with a dot as the decimal separator whatever the locale, so spreadsheets and scripts read them alike.
 */
public final class CsvTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * @param columns the column names
     */
    public CsvTable(String... columns) {
        this.header = List.of(columns);
    }

    /**
     * Adds a row.
     *
     * @param values one value per column; doubles are written with up to three decimals
     * @return this table
     * @throws IllegalArgumentException if the number of values differs from the number of columns
     */
    public CsvTable row(Object... values) {
        if (values.length != header.size()) {
            throw new IllegalArgumentException(
                    "row has " + values.length + " values for " + header.size() + " columns " + header);
        }
        List<String> row = new ArrayList<>(values.length);
        for (Object value : values) {
            row.add(format(value));
        }
        rows.add(row);
        return this;
    }

    /** @return the rows added so far, excluding the header */
    public int size() {
        return rows.size();
    }

    private static String format(Object value) {
        if (value instanceof Double || value instanceof Float) {
            String text = String.format(Locale.ROOT, "%.3f", ((Number) value).doubleValue());
            return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
        }
        return String.valueOf(value);
    }

    private static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /** @return the whole table as CSV text, lines ending in CRLF as RFC 4180 says */
    public String text() {
        StringBuilder out = new StringBuilder();
        appendLine(out, header);
        rows.forEach(row -> appendLine(out, row));
        return out.toString();
    }

    private static void appendLine(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(fields.get(i)));
        }
        out.append("\r\n");
    }

    /**
     * Writes the table, creating the parent directory if needed.
     *
     * @param file where to write
     * @throws IOException if it cannot be written
     */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text(), StandardCharsets.UTF_8);
    }
}
