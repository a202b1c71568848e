package dev.vc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings tables of one page under {@code docs/}: every markdown table whose header has a {@code key} and a
 * {@code default} column, each row as column name to cell, with the {@code ##} heading it sits under. Read by
 * {@link SettingsCheck}.
 *
 * <pre>{@code
 * for (DocTables.Row row : DocTables.read("relay.md").rows()) {
 *     String key = row.key();                  // vc.relay.media.port
 *     String flag = row.cell("flag");          // `--media-port`
 * }
 * }</pre>
 *
 * @param page the page, such as {@code configuration.md}
 * @param rows every row of every settings table, in page order
 */
public record DocTables(String page, List<Row> rows) {
    /**
     * One row of a settings table.
     *
     * @param heading the {@code ##} heading the table sits under, without the hashes
     * @param cells   column name (lower case) to cell text, trimmed
     */
    public record Row(String heading, Map<String, String> cells) {
        /** @return the key, the row's {@code key} cell without its backticks */
        public String key() {
            return unquote(cell("key"));
        }

        /**
         * @param column a column name, lower case
         * @return its cell, or null if the table has no such column
         */
        public String cell(String column) {
            return cells.get(column);
        }

        /** @return whether the heading names {@code home} in backticks, such as {@code `CoreSettings`} */
        boolean under(String home) {
            return heading.contains("`" + home + "`");
        }
    }

    /**
     * @param page a page under the repository's {@code docs/}, found from the working directory upwards
     * @return its settings tables
     */
    public static DocTables read(String page) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docs").resolve(page))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docs/" + page + " above " + Path.of("").toAbsolutePath());
        }
        try {
            return parse(page, Files.readAllLines(dir.resolve("docs").resolve(page)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param page  the page's name, for messages
     * @param lines its markdown
     * @return its settings tables
     */
    public static DocTables parse(String page, List<String> lines) {
        List<Row> rows = new ArrayList<>();
        String heading = "";
        List<String> header = null;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                heading = line.substring(3).trim();
            }
            if (!line.startsWith("|")) {
                header = null;
            } else if (header == null) {
                header = cells(line).stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
            } else if (!line.startsWith("|---") && header.contains("key") && header.contains("default")) {
                List<String> cells = cells(line);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size() && i < cells.size(); i++) {
                    row.put(header.get(i), cells.get(i));
                }
                rows.add(new Row(heading, row));
            }
        }
        return new DocTables(page, List.copyOf(rows));
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        return List.of(inner.split("\\|", -1)).stream().map(String::trim).toList();
    }

    /**
     * @param cell a cell holding one code span, such as {@code `vc.fps`}
     * @return the text inside the backticks; the cell unchanged if it is not one code span
     */
    static String unquote(String cell) {
        boolean quoted = cell.length() >= 2 && cell.startsWith("`") && cell.endsWith("`")
                && cell.indexOf('`', 1) == cell.length() - 1;
        return quoted ? cell.substring(1, cell.length() - 1) : cell;
    }
}
