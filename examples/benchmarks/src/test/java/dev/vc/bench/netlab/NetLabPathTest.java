package dev.vc.bench.netlab;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --path}: the impairing proxy on the edge participant's media path, inside the edge namespace, behind the
 * shaped link. A room of two, the edge participant's media delayed 50 ms each way: its round trip (from RTCP) is
 * at least the 100 ms the path adds, the proxy carried its media both ways, and the lab leaves nothing behind.
 * Skipped with the reason where the lab cannot run.
 */
class NetLabPathTest {
    private static final int SECONDS = 8;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void shouldPutTheDelayOnTheEdgeMembersMediaPathBothWays(@TempDir Path out) throws Exception {
        String unavailable = Lab.unavailableBecause();
        Assumptions.assumeTrue(unavailable == null, () -> "no network lab here, skipped: " + unavailable);
        NetLabOptions options = NetLabOptions.parse("--scenarios", "weak-receiver", "--participants", "2",
                "--seconds", Integer.toString(SECONDS), "--warmup", "2", "--path", "delay:50", "--out", out.toString());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        NetLabBench bench = new NetLabBench(options, new PrintStream(printed, true, StandardCharsets.UTF_8),
                dev.vc.bench.ChildJvm.currentModulePath());

        NetLabResult r = bench.run().get(0);
        String table = printed.toString(StandardCharsets.UTF_8);

        assertTrue(r.pathTotal("packets_out") > 0, "media went through the proxy\n" + table);
        assertEquals(0, r.pathTotal("overflowed"), table);
        assertTrue(r.roundTripMedianMs("p2") >= 100, "the edge member's round trip includes the path's 2 x 50 ms\n"
                + table);
        assertTrue(r.memberTotal("p2", "kbps_received") > 0, "media reached the edge member\n" + table);
        assertTrue(r.memberTotal("p1", "kbps_received") > 0, "the edge member's media reached the relay\n" + table);
        LabNames mine = LabNames.ofThisProcess();
        assertTrue(Lab.namespaceNames().stream().noneMatch(mine::owns), "every lab namespace is gone: "
                + Lab.namespaceNames());
        assertTrue(!Shell.run(List.of("ip", "-o", "link", "show")).contains(LabNames.DEVICE_PREFIX + mine.pid()),
                "no veth end is left");
    }
}
