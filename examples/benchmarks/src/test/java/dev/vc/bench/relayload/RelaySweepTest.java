package dev.vc.bench.relayload;

import dev.vc.api.ConfigException;
import dev.vc.bench.report.ChartImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelaySweepTest {
    @Test
    void shouldDefaultToRoomsOfTenFromTenUpToOnePercentLoss() {
        RelaySweepOptions options = RelaySweepOptions.parse();
        assertEquals(10, options.from());
        assertEquals(2, options.step());
        assertEquals(1.0, options.lossLimit());
        assertEquals(Path.of("target", "bench", "relay"), options.out());
    }

    @Test
    void shouldRejectBadValuesWithTheFlagName() {
        assertTrue(assertThrows(ConfigException.class, () -> RelaySweepOptions.parse("--step", "0"))
                .getMessage().contains("--step"));
        assertTrue(assertThrows(ConfigException.class, () -> RelaySweepOptions.parse("--loss-limit", "x"))
                .getMessage().contains("--loss-limit"));
        assertTrue(assertThrows(ConfigException.class, () -> RelaySweepOptions.parse("--rooms", "3"))
                .getMessage().contains("unknown option --rooms"));
    }

    @Test
    void shouldRunEachPointAgainstRelayAndCeilingAndWriteTheReport(@TempDir Path dir) throws Exception {
        RelaySweepOptions options = RelaySweepOptions.parse("--from", "1", "--step", "1", "--max", "2",
                "--seconds", "1", "--warmup", "0", "--ceiling", "--loss-limit", "100", "--out", dir.toString());
        List<RelayLoadSummary> runs = new RelaySweep(options, new PrintStream(PrintStream.nullOutputStream())).run();

        assertEquals(List.of("relay", "ceiling", "relay", "ceiling"), runs.stream().map(RelayLoadSummary::target).toList());
        for (RelayLoadSummary run : runs) {
            assertTrue(run.forwardedPps() > 0, run.resultLine());
        }
        List<String> lines = Files.readAllLines(dir.resolve("relay.csv"));
        assertEquals(5, lines.size());
        assertTrue(lines.get(0).startsWith("target,rooms,participants,streams_forwarded,"));
        assertTrue(lines.get(3).startsWith("relay,2,10,180,"), lines.get(3));
        assertNotNull(ImageIO.read(dir.resolve("relay.png").toFile()));
        ChartImage.read(dir.resolve("relay.png")).assertTitledChartWithData();
    }
}
