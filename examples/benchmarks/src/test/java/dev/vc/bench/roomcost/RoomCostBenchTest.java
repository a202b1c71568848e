package dev.vc.bench.roomcost;

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
 * The benchmark end to end, briefly: a room of 3 per codec (the client and two replayed senders through a relay
 * on 127.0.0.1), one second of warm-up and two measured. Asserts what must hold on any machine, however busy:
 * every replayed stream reached the client and was rendered, nothing failed to decode, the client's own threads
 * were measured, and the report files exist.
 */
class RoomCostBenchTest {
    @Test
    void shouldMeasureAClientReceivingEveryReplayedStreamAndWriteTheReport(@TempDir Path dir) throws Exception {
        RoomCostOptions options = RoomCostOptions.parse("--codec", "h264,jpeg", "--sizes", "3", "--seconds", "2",
                "--warmup", "1", "--record-seconds", "1", "--out", dir.toString());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        List<RoomCostResult> results = new RoomCostBench(options, out).run();

        assertEquals(List.of("h264", "jpeg"), results.stream().map(RoomCostResult::codec).toList());
        for (RoomCostResult r : results) {
            assertEquals(3, r.participants());
            assertEquals(2, r.streams(), r.codec() + ": the client receives both replayed senders");
            assertTrue(r.fpsMin() > 0, r.codec() + ": every stream rendered frames in the window: " + r);
            assertTrue(r.sentFps() > 0, r.codec() + ": the client sent its own stream: " + r);
            assertEquals(0, r.decodeErrors(), r.codec() + ": " + r);
            assertTrue(r.cpu().stage(ClientStage.ENCODE) > 0 && r.cpu().stage(ClientStage.DECODE) > 0,
                    r.codec() + ": the client's send and decode threads were found: " + r.cpu());
            assertTrue(r.latencyP50() > 0, r.codec() + ": latency measured from the replayed capture time: " + r);
        }
        // The relay asks every sender for a keyframe when the client binds, and the client's h264 decoders ask
        // for one until they get it: the replayers must have answered.
        assertTrue(results.get(0).plisAnswered() > 0, "h264 PLIs answered: " + results.get(0));
        List<String> csv = Files.readAllLines(dir.resolve(RoomCostReport.CSV));
        assertEquals(3, csv.size(), "header and one row per codec: " + csv);
        assertTrue(csv.get(0).startsWith("codec,participants,streams,client_cpu_pct,"), csv.get(0));
        assertTrue(csv.get(1).startsWith("h264,3,2,") && csv.get(2).startsWith("jpeg,3,2,"), csv.toString());
        assertTrue(Files.size(dir.resolve(RoomCostReport.CPU_CHART)) > 0);
        assertTrue(Files.size(dir.resolve(RoomCostReport.FPS_CHART)) > 0);
        ChartImage.read(dir.resolve(RoomCostReport.CPU_CHART)).assertTitledChartWithData();
        ChartImage.read(dir.resolve(RoomCostReport.FPS_CHART)).assertTitledChartWithData();
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("codec    N  in | client"), printed.toString());
    }

    /**
     * {@code --view}: every receiver reports 3x3 tiles (315x236), so the relay itself forwards the client the
     * replayers' 320x240 layer, and, as nobody shows the client larger, the client stops encoding its 640x480 one.
     */
    @Test
    void shouldLetTheRelayChooseTheSmallLayerForReceiversShowingTiles(@TempDir Path dir) throws Exception {
        RoomCostOptions options = RoomCostOptions.parse("--sizes", "3", "--seconds", "2", "--warmup", "2",
                "--record-seconds", "1", "--view", "315x236", "--out", dir.toString());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        RoomCostResult r = new RoomCostBench(options, new PrintStream(printed, true, StandardCharsets.UTF_8)).run()
                .get(0);

        assertEquals("320x240 x2", r.receivedSizes(), "the small layer of both replayers: " + printed);
        assertTrue(r.fpsMin() > 0, "every stream rendered frames: " + r);
        assertTrue(r.sentLayers().startsWith("640x480 0.0 fps, 320x240 "), r.sentLayers());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("replayers reported 4 of 4 view sizes"),
                printed.toString());
    }
}
