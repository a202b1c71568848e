package dev.vc.bench.roomcost;

import dev.vc.bench.roomcost.CpuSnapshot.ThreadTime;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** CPU attribution from two made-up snapshots: every Java thread counted once, the rest is the JVM's. */
class CpuSharesTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldSplitTheClientByStageAndCountEveryOtherThreadAsHarness() {
        CpuSnapshot before = new CpuSnapshot(0, Map.of(
                1L, new ThreadTime("vc-send-client", 5 * SECOND, 1_000),
                2L, new ThreadTime("vc-decode-client", SECOND, 0),
                3L, new ThreadTime("vc-relay-media", 0, 0),
                4L, new ThreadTime("vc-record-0", SECOND, 0)),
                20 * SECOND, 100, 1_000, Map.of("vc-send-client", 0L, "vc-decode-clien", SECOND, "vc-relay-media", 0L));
        CpuSnapshot after = new CpuSnapshot(2 * SECOND, Map.of(
                1L, new ThreadTime("vc-send-client", 5 * SECOND + 300_000_000L, 3_001_000),
                2L, new ThreadTime("vc-decode-client", SECOND + 200_000_000L, 2_000_000),
                3L, new ThreadTime("vc-relay-media", 100_000_000L, 50_000_000),
                5L, new ThreadTime("vc-udp-rx-4000", 40_000_000L, 1_000_000)),
                20 * SECOND + 740_000_000L, 250, 1_400,
                Map.of("vc-send-client", 60_000_000L, "vc-decode-clien", SECOND + 40_000_000L,
                        "vc-relay-media", SECOND));

        CpuShares shares = CpuShares.between(before, after, "client", 4000);

        assertEquals(2.0, shares.seconds(), 1e-9);
        assertEquals(15.0, shares.stage(ClientStage.ENCODE), 1e-9);
        assertEquals(10.0, shares.stage(ClientStage.DECODE), 1e-9);
        assertEquals(2.0, shares.stage(ClientStage.RECEIVE), 1e-9, "a thread started in the window counts from 0");
        assertEquals(0.0, shares.stage(ClientStage.RENDER), 1e-9);
        assertEquals(27.0, shares.client(), 1e-9);
        assertEquals(5.0, shares.harness(), 1e-9, "the relay's thread, not the client's");
        assertEquals(1, shares.threadsEnded(), "vc-record-0 ended in the window");
        // process 740 ms, Java threads 300 + 200 + 100 + 40 = 640 ms: 100 ms of GC, JIT and native threads
        assertEquals(5.0, shares.jvm(), 1e-9);
        assertEquals(37.5, shares.machineBusy(), 1e-9);
        // run-queue waits of the client's threads only, by their 15-character kernel names: 60 + 40 ms in 2 s
        assertEquals(5.0, shares.clientWait(), 1e-9);
        assertEquals(3_000_000, shares.clientAlloc(), 1e-6, "3 + 2 + 1 MB in 2 s, the relay's 50 MB left out");
        assertEquals("vc-send-client", shares.threads().get(0).name(), "busiest first");
        assertEquals(4, shares.threads().size());
    }

    @Test
    void shouldReportUnknownMachineAndWaitAsMinusOne() {
        CpuSnapshot before = new CpuSnapshot(0, Map.of(), 0, -1, -1, Map.of());
        CpuSnapshot after = new CpuSnapshot(SECOND, Map.of(), 0, -1, -1, Map.of());
        CpuShares shares = CpuShares.between(before, after, "client", 4000);
        assertEquals(-1, shares.machineBusy());
        assertEquals(-1, shares.clientWait());
        assertEquals(0, shares.client());
    }

    @Test
    void kernelNamesAreJavaNamesCutToFifteenCharacters() {
        assertEquals("vc-decode-clien", CpuSnapshot.comm("vc-decode-client"));
        assertEquals("vc-send-client", CpuSnapshot.comm("vc-send-client"));
    }
}
