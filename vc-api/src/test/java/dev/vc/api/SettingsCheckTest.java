package dev.vc.api;

import dev.vc.testing.DocTables;
import dev.vc.testing.SettingsCheck;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The docs check itself: it passes on a page that agrees and fails, naming the key, on each kind of drift. */
class SettingsCheckTest {
    private static final Setting<Integer> FPS = Setting.ofInt("vc.fps", 30, 1, 240, "frames per second");
    private static final Setting<String> FILE = Setting.ofString("vc.source.file", null, "the file");
    private static final List<Setting<?>> HOME = List.of(FPS, FILE);

    private static DocTables page(String... rows) {
        List<String> lines = new java.util.ArrayList<>(List.of("# Page", "", "## Example (`ExampleSettings`)", "",
                "| key | default | accepts | meaning |", "|---|---|---|---|"));
        lines.addAll(List.of(rows));
        lines.addAll(List.of("", "## Other (`OtherSettings`)", "", "| key | default |", "|---|---|",
                "| `vc.other` | `1` |"));
        return DocTables.parse("page.md", lines);
    }

    private static String failure(DocTables page) {
        return assertThrows(AssertionFailedError.class,
                () -> SettingsCheck.assertDocumented(page, "ExampleSettings", HOME)).getMessage();
    }

    @Test
    void shouldPassWhenThePageAgrees() {
        var rows = SettingsCheck.assertDocumented(page("| `vc.fps` | `30` | an integer in 1..240 | fps |",
                "| `vc.source.file` | none (required) | any text | the file |"), "ExampleSettings", HOME);
        assertEquals(List.of("vc.fps", "vc.source.file"), List.copyOf(rows.keySet()));
        assertEquals("fps", rows.get("vc.fps").cell("meaning"));
    }

    @Test
    void shouldFailOnAMissingKey() {
        String message = failure(page("| `vc.fps` | `30` | an integer in 1..240 | fps |"));
        assertTrue(message.contains("missing vc.source.file"), message);
    }

    @Test
    void shouldFailOnADifferentDefault() {
        String message = failure(page("| `vc.fps` | `25` | an integer in 1..240 | fps |",
                "| `vc.source.file` | `talk.mp4` | any text | the file |"));
        assertTrue(message.contains("vc.fps: default is 30, the page says `25`"), message);
        assertTrue(message.contains("vc.source.file: default is null"), message);
    }

    @Test
    void shouldFailOnDifferentAcceptedForms() {
        String message = failure(page("| `vc.fps` | `30` | an integer in 1..120 | fps |",
                "| `vc.source.file` | none | any text | the file |"));
        assertTrue(message.contains("vc.fps: accepts an integer in 1..240, the page says an integer in 1..120"),
                message);
    }

    @Test
    void shouldFailOnAKeyTheHomeDoesNotDeclare() {
        String message = failure(page("| `vc.fps` | `30` | an integer in 1..240 | fps |",
                "| `vc.source.file` | none | any text | the file |", "| `vc.source.fps` | `30` | an integer | typo |"));
        assertTrue(message.contains("not declared in ExampleSettings: vc.source.fps"), message);
    }

    @Test
    void shouldFailOnATableOutsideEveryHome() {
        DocTables page = page("| `vc.fps` | `30` | an integer in 1..240 | fps |");
        SettingsCheck.assertEveryTableHasAHome(page, Set.of("ExampleSettings", "OtherSettings"));
        assertThrows(AssertionFailedError.class,
                () -> SettingsCheck.assertEveryTableHasAHome(page, Set.of("ExampleSettings")));
    }

    @Test
    void shouldFailOnAKeyDeclaredTwice() {
        SettingsCheck.assertWellDeclared(HOME);
        assertThrows(AssertionFailedError.class, () -> SettingsCheck.assertWellDeclared(List.of(FPS, FPS)));
    }
}
