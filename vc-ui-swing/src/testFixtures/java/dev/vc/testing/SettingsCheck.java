package dev.vc.testing;

import dev.vc.api.ConfigException;
import dev.vc.api.Setting;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks a module's settings home: its declarations hold together, and the docs list exactly its keys with their
 * defaults. Each module with a settings home runs both from one small test; the transport's
 * {@code UdpSettings.ALL} is checked the same way.
 *
 * <pre>{@code
 * SettingsCheck.assertWellDeclared(CaptureSettings.ALL);
 * SettingsCheck.assertDocumented(DocTables.read("configuration.md"), "CaptureSettings", CaptureSettings.ALL);
 * }</pre>
 *
 * <p>In the docs, a home's keys are the settings tables under the {@code ##} heading that names it in backticks;
 * a row's {@code default} cell starts with the default in backticks ({@code `5000`}), or, for a setting with
 * no default, with plain text ({@code best available}); an {@code accepts} column, where a table has one, holds
 * {@link Setting#accepted()}.
 */
public final class SettingsCheck {
    /** A value no setting but free text accepts. */
    private static final String BAD = "¿?";

    private SettingsCheck() {
    }

    /**
     * Fails unless every key is declared once, each default's text parses back to the default, and a value the
     * setting does not accept fails with an error naming the key and the accepted forms.
     *
     * @param settings a settings home's {@code ALL}
     */
    public static void assertWellDeclared(List<Setting<?>> settings) {
        Set<String> keys = new HashSet<>();
        for (Setting<?> setting : settings) {
            assertTrue(keys.add(setting.key()), "declared twice: " + setting.key());
            Object defaultValue = setting.defaultValue();
            if (defaultValue != null) {
                assertEquals(defaultValue, setting.parse(String.valueOf(defaultValue)), setting.key());
                assertEquals(setting.type(), defaultValue.getClass(), setting.key());
            }
            if (!setting.type().equals(String.class) || !setting.accepted().equals("any text")) {
                ConfigException e = assertThrows(ConfigException.class, () -> setting.parse(BAD), setting.key());
                assertEquals(setting.key() + " must be " + setting.accepted() + ", got '" + BAD + "'", e.getMessage());
            }
        }
    }

    /**
     * Fails when a declared key is missing from the page's tables under {@code home}'s heading, its default or
     * accepted forms differ there, or those tables list a key that is not declared.
     *
     * @param page     a page, such as {@code DocTables.read("configuration.md")}
     * @param home     the settings home's simple class name, as the heading names it
     * @param settings its {@code ALL}
     * @return the home's rows by key, for checks of further columns (the relay's flags)
     */
    public static Map<String, DocTables.Row> assertDocumented(DocTables page, String home, List<Setting<?>> settings) {
        Map<String, DocTables.Row> documented = new LinkedHashMap<>();
        for (DocTables.Row row : page.rows()) {
            if (row.under(home) && documented.put(row.key(), row) != null) {
                fail(page.page() + " lists " + row.key() + " twice");
            }
        }
        assertFalse(documented.isEmpty(), page.page() + " has no settings table under a heading naming `" + home + "`");
        Map<String, DocTables.Row> rows = new LinkedHashMap<>(documented);
        List<String> problems = new ArrayList<>();
        for (Setting<?> setting : settings) {
            DocTables.Row row = rows.remove(setting.key());
            if (row == null) {
                problems.add("missing " + setting.key());
                continue;
            }
            String cell = row.cell("default");
            boolean agrees = setting.defaultValue() == null ? !cell.startsWith("`")
                    : cell.startsWith("`" + setting.defaultValue() + "`");
            if (!agrees) {
                problems.add(setting.key() + ": default is " + setting.defaultValue() + ", the page says " + cell);
            }
            String accepts = row.cell("accepts");
            if (accepts != null && !accepts.equals(setting.accepted())) {
                problems.add(setting.key() + ": accepts " + setting.accepted() + ", the page says " + accepts);
            }
        }
        rows.keySet().forEach(key -> problems.add("not declared in " + home + ": " + key));
        assertEquals(List.of(), problems, page.page() + " against " + home);
        return documented;
    }

    /**
     * Fails unless every settings table of the page sits under a heading naming one of the homes, and each home
     * has such a heading: so a key listed outside every home's section cannot go unchecked.
     *
     * @param page  a page, such as {@code DocTables.read("configuration.md")}
     * @param homes the simple class names of every settings home
     */
    public static void assertEveryTableHasAHome(DocTables page, Set<String> homes) {
        Set<String> seen = new HashSet<>();
        for (DocTables.Row row : page.rows()) {
            List<String> named = homes.stream().filter(row::under).toList();
            assertEquals(1, named.size(), page.page() + ": " + row.key() + " is under '" + row.heading()
                    + "', which should name one settings home of " + homes);
            seen.addAll(named);
        }
        assertEquals(homes, seen, page.page() + ": homes with a section");
    }
}
