package dev.vc.bench.netlab;

import dev.vc.bench.report.ChartImage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The network lab end to end, a short weak-receiver scenario through the same code as {@link NetLabBench}: a
 * relay and four participants in one namespace, a fifth behind a 1.2 Mbit/s downlink (half of what its four
 * senders' largest layers need). It asserts: the kernel shapes the link to its rate, the participants on
 * unshaped paths are not hurt by the weak one, the relay fits the weak receiver's streams into its link, and the lab leaves nothing behind.
 * Behaviour only: issue #12's figures come from {@code NetLabBench} runs (docs/benchmarks.md). Skipped
 * with the reason where the lab cannot run (not root, no iproute2, namespaces not allowed).
 */
class NetLabTest {
    private static final int SECONDS = 10;
    private static final int RATE_KBPS = 1_200;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void shouldShapeTheWeakLinkSpareTheOthersAndLeaveNothingBehind(@TempDir Path out) throws Exception {
        String unavailable = Lab.unavailableBecause();
        Assumptions.assumeTrue(unavailable == null, () -> "no network lab here, skipped: " + unavailable);
        NetLabOptions options = NetLabOptions.parse("--scenarios", "weak-receiver", "--seconds",
                Integer.toString(SECONDS), "--warmup", "2", "--rate-kbps", Integer.toString(RATE_KBPS), "--out",
                out.toString());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        NetLabBench bench = new NetLabBench(options, new PrintStream(printed, true, StandardCharsets.UTF_8),
                dev.vc.bench.ChildJvm.currentModulePath());

        List<NetLabResult> results = bench.run();
        String table = printed.toString(StandardCharsets.UTF_8);

        assertLabRemoved();
        NetLabResult r = results.get(0);
        assertEquals(SECONDS, r.link().size(), "one link row a second: " + r.link());
        assertShaped(r, table);
        assertOthersUnhurt(r, table);
        assertTrue(r.memberTotal("p5", "kbps_received") > 0, "media reached the weak receiver\n" + table);

        bench.write(results);
        assertEquals(SECONDS + 1, Files.readAllLines(out.resolve("netlab-links.csv")).size());
        ChartImage.read(out.resolve("netlab-weak-receiver-rate.png")).assertTitledChartWithData();
        ChartImage.read(out.resolve("netlab-weak-receiver-queue.png")).assertTitledChartWithData();
    }

    /**
     * The shaper is the bottleneck (never much more than its rate passes) and the relay fits the weak receiver's
     * streams into it (issue #12: its downlink estimate picks smaller layers), so the link's queue does not stay
     * full as it did before the relay adapted.
     */
    private static void assertShaped(NetLabResult r, String table) {
        int queued = 0;
        for (LinkSecond s : r.link()) {
            assertEquals(RATE_KBPS, s.capacityKbps());
            // one burst (10 KiB = 82 kbit) and a late reading on a busy machine: 15 % over at most in one second
            assertTrue(s.kbpsThrough() <= RATE_KBPS * 1.15, "second " + s.t() + " passed more than the rate: " + s
                    + "\n" + table);
            if (s.t() > 3 && s.queueMsMean() >= 100) {
                queued++;
            }
        }
        assertTrue(queued <= (SECONDS - 3) / 2, "the queue stayed full in " + queued + " seconds: " + r.link());
    }

    /**
     * The participants beside the relay render what their peers send, whatever happens behind the weak link. Not
     * an absolute 25 fps: on a 2-core machine shared with builds the senders themselves encode 20-24 frames a second
     * at times (seen here at load average 5-7); relative to what was sent, at most 20 % may go missing on an
     * unshaped path. What is counted is rendered, so a receiver's decode thread that falls behind on a busy machine
     * counts too (one rendered 87 % in a full `mvn verify`, and 100 % when the test ran alone); the weak link hurting
     * the others, as before congestion control, took them to 0.
     */
    private static void assertOthersUnhurt(NetLabResult r, String table) {
        List<String> core = r.scenario().core();
        for (String receiver : core) {
            for (String sender : core) {
                if (receiver.equals(sender)) {
                    continue;
                }
                double sent = 0;
                for (LabLine l : r.lines()) {
                    if (l.kind().equals("member") && l.text("who").equals(sender) && l.number("t") > 2) {
                        sent += l.number("fps_sent");
                    }
                }
                double rendered = r.fps(receiver, sender, 3, SECONDS) * (SECONDS - 2);
                assertTrue(rendered >= 0.8 * sent, receiver + " rendered " + rendered + " of the " + sent
                        + " frames " + sender + " sent\n" + table);
            }
        }
        // a floor far below 30 that a starved 2-core machine still clears: the pipeline runs at all
        double mean = r.meanFps(core::contains, core::contains, 3, SECONDS);
        assertTrue(mean >= 10, "unshaped participants receive " + mean + " fps from each other\n" + table);
    }

    private static void assertLabRemoved() throws Exception {
        LabNames mine = LabNames.ofThisProcess();
        assertTrue(Lab.namespaceNames().stream().noneMatch(mine::owns), "every lab namespace is gone: "
                + Lab.namespaceNames());
        String links = Shell.run(List.of("ip", "-o", "link", "show"));
        assertTrue(!links.contains(LabNames.DEVICE_PREFIX + mine.pid() + "c")
                && !links.contains(LabNames.DEVICE_PREFIX + mine.pid() + "e"), "no veth end is left: " + links);
    }
}
