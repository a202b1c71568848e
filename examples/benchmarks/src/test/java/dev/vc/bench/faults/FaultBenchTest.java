package dev.vc.bench.faults;

import dev.vc.bench.report.ChartImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short fault scenario end to end: relay, two h264 participants each behind an impairing link losing 5 % both
 * ways, the real NACK and PLI paths. Functional assertions only: what happened, not how fast.
 */
class FaultBenchTest {
    @Test
    void shouldKeepRenderingThroughLossByAskingForRetransmissions(@TempDir Path out) throws Exception {
        FaultBenchOptions options = FaultBenchOptions.parse("--participants", "2", "--codec", "h264", "--seconds", "3",
                "--warmup", "1", "--scenarios", "random:5", "--out", out.toString());
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        FaultBench bench = new FaultBench(options, new PrintStream(table, true, StandardCharsets.UTF_8));

        List<FaultResult> results = bench.run();

        FaultResult r = results.get(0);
        assertTrue(r.up().dropped() > 0 && r.down().dropped() > 0, "the links lost packets both ways: " + r);
        assertTrue(r.framesExpected() > 0, "the participants sent: " + r);
        assertTrue(r.framesRendered() > 0, "the streams kept rendering through the loss: " + r);
        assertTrue(r.nacksSent() > 0, "receivers asked for the lost packets: " + r);
        assertTrue(r.retransmissions() > 0, "senders resent them: " + r);
        assertTrue(table.toString(StandardCharsets.UTF_8).contains("random:5"), "a row was printed");

        bench.write(results);
        List<String> csv = Files.readAllLines(out.resolve("faults.csv"));
        assertEquals(2, csv.size());
        assertTrue(csv.get(0).startsWith("scenario,links,participants,codec,"));
        assertTrue(csv.get(1).startsWith("random:5,both,2,h264,3,5,"), csv.get(1));
        assertTrue(Files.size(out.resolve("faults-rendered.png")) > 0);
        assertTrue(Files.size(out.resolve("faults-freeze.png")) > 0);
        ChartImage.read(out.resolve("faults-rendered.png")).assertTitledChartWithData();
        ChartImage.read(out.resolve("faults-freeze.png")).assertTitledChartWithData();
    }
}
