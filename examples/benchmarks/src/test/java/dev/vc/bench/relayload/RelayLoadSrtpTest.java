package dev.vc.bench.relayload;

import dev.vc.bench.MediaMode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RelayLoad} with SRTP media on 127.0.0.1, one short window per profile: every participant joins, runs its
 * DTLS-SRTP handshake with the relay and sends protected packets; the relay forwards them, and the checking
 * receiver's unprotect proves that what the relay sent is SRTP under that receiver's keys.
 */
class RelayLoadSrtpTest {
    @Test
    void shouldJoinKeyAndGetAuthenticPacketsForwardedWithEitherProfile() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<RelayLoadSummary> runs = run(printed, "--media", "srtp-gcm,srtp-cm", "--seconds", "1", "--alloc",
                "--busy-poll");

        assertEquals(List.of(MediaMode.SRTP_GCM, MediaMode.SRTP_CM), runs.stream().map(RelayLoadSummary::media)
                .toList());
        for (RelayLoadSummary run : runs) {
            assertTrue(run.accepted() > 0 && run.forwarded() > 0, run.resultLine());
            assertTrue(run.received() > 0, run.resultLine());
            assertEquals(0, run.misrouted(), run.resultLine());
            assertTrue(run.authenticated() > 0, "the checking receiver unprotected nothing: " + run.resultLine());
            assertEquals(0, run.authFailed(), run.resultLine());
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("srtp-cm media, 1 room(s) x 3 joined"), text);
        assertTrue(text.contains("1 receiver thread(s), busy-polling"), "the receivers polled without sleeping");
    }

    @Test
    void shouldInterleavePlainAndSrtpAndPoolEachModesSlices() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<RelayLoadSummary> runs = run(printed, "--media", "plain,srtp-gcm", "--interleave", "--seconds", "2");

        assertEquals(List.of(MediaMode.PLAIN, MediaMode.SRTP_GCM), runs.stream().map(RelayLoadSummary::media)
                .toList());
        for (RelayLoadSummary run : runs) {
            assertTrue(run.forwarded() > 0 && run.forwardingCpuNanos() > 0, run.resultLine());
            assertTrue(run.seconds() >= 2 && run.seconds() < 3, "two 1 s slices measured: " + run.resultLine());
            assertEquals(0, run.misrouted(), run.resultLine());
        }
        assertTrue(runs.get(1).authenticated() > 0 && runs.get(1).authFailed() == 0, runs.get(1).resultLine());
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(4, text.lines().filter(l -> l.startsWith("[slice")).count(), text);
        assertTrue(text.contains("SLICES reference=plain media=srtp-gcm rounds=2"), text);
    }

    /** A small load (1 room of 3, 100 pkt/s each, 1 s of warm-up) and {@code args}, printed to {@code printed}. */
    private static List<RelayLoadSummary> run(ByteArrayOutputStream printed, String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("--rooms", "1", "--participants", "3", "--pps", "100",
                "--warmup", "1"));
        all.addAll(List.of(args));
        RelayLoadOptions options = RelayLoadOptions.parse(all.toArray(String[]::new));
        return new RelayLoad(options, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
    }
}
