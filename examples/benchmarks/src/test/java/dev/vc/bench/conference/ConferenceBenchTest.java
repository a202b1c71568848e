package dev.vc.bench.conference;

import dev.vc.bench.report.ChartImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One short real run of the conference benchmark: relay and two jpeg participants on 127.0.0.1. */
class ConferenceBenchTest {
    @Test
    void shouldMeasureEveryParticipantAndWriteTheCsvAndBothCharts(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ConferenceBenchOptions options = ConferenceBenchOptions.parse("--codecs", "jpeg", "--participants", "2",
                "--seconds", "2", "--warmup", "1", "--out", dir.toString());
        List<ConferenceRun> runs = new ConferenceBench(options, new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run();

        assertEquals(1, runs.size());
        assertTrue(runs.get(0).complete(), "each participant rendered the other's stream: " + runs.get(0));
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("jpeg, 2 participants") && text.contains("summary"), text);

        List<String> lines = Files.readAllLines(dir.resolve("conference.csv"));
        assertEquals(ConferenceReport.COLUMNS, List.of(lines.get(0).split(",")));
        assertEquals(4, lines.size(), "header, p1, p2, all: " + lines);
        List<Map<String, String>> rows = lines.subList(1, lines.size()).stream().map(ConferenceBenchTest::parse).toList();
        assertEquals(List.of("p1", "p2", "all"), rows.stream().map(r -> r.get("who")).toList());
        for (Map<String, String> row : rows) {
            assertEquals("jpeg", row.get("codec"));
            assertEquals("2", row.get("participants"));
            assertEquals("true", row.get("complete"));
            double window = number(row, "window_s");
            assertTrue(window >= 1.9 && window < 4, "the window is the 2 s asked for, warm-up excluded: " + row);
            assertTrue(number(row, "sent_fps") > 0 && number(row, "sent_fps") <= 31, row.toString());
            assertTrue(number(row, "recv_fps_mean") > 0 && number(row, "recv_fps_min") > 0, row.toString());
            assertTrue(number(row, "latency_frames") > 0, row.toString());
            assertTrue(number(row, "latency_p50_ms") > 0, row.toString());
            assertTrue(number(row, "latency_p50_ms") <= number(row, "latency_p99_ms")
                    && number(row, "latency_p99_ms") <= number(row, "latency_max_ms"), row.toString());
            assertTrue(number(row, "kbps_sent") > 100 && number(row, "kbps_received") > 100, row.toString());
            assertTrue(number(row, "cpu_pct") > 0, row.toString());
            assertTrue(number(row, "drop_frames_total") >= 0, row.toString());
        }
        Map<String, String> all = rows.get(2);
        assertEquals(number(rows.get(0), "latency_frames") + number(rows.get(1), "latency_frames"),
                number(all, "latency_frames"), 1e-9, "the room's distribution is both participants' together");
        assertEquals("2", all.get("streams_received"));
        assertFalse(all.get("relay_cpu_pct").isEmpty(), "the room's row has the relay's CPU");
        assertTrue(rows.get(0).get("relay_cpu_pct").isEmpty(), "a participant's row has not");
        assertTrue(number(all, "gc_ms") >= 0, all.toString());

        assertTrue(Files.readAllLines(dir.resolve("latency-percentiles.csv")).size() > 10);
        for (String png : new String[] {"latency.png", "cpu.png"}) {
            BufferedImage image = ImageIO.read(dir.resolve(png).toFile());
            assertNotNull(image, png + " decodes");
            assertEquals(800, image.getWidth());
            ChartImage.read(dir.resolve(png)).assertTitledChartWithData();
        }
    }

    private static Map<String, String> parse(String line) {
        List<String> values = Arrays.asList(line.split(",", -1));
        assertEquals(ConferenceReport.COLUMNS.size(), values.size(), line);
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            row.put(ConferenceReport.COLUMNS.get(i), values.get(i));
        }
        return row;
    }

    private static double number(Map<String, String> row, String column) {
        return Double.parseDouble(row.get(column));
    }
}
