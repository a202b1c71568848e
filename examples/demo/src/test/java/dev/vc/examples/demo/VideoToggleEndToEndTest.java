package dev.vc.examples.demo;

import dev.vc.api.Config;
import dev.vc.api.session.Participant;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Camera off and on, end to end over loopback: a participant that switches its video off for a second and back on,
 * three times, keeps its uplink estimate. While the video is off it sends nothing, so the relay has nothing to
 * report on; the estimator used to count that silence as feedback that stopped coming and halved the estimate at
 * the first packet after each pause (1.3 Mbit/s to 0.3 in three cycles).
 */
class VideoToggleEndToEndTest {
    private static final long OFF_MILLIS = 1_200;
    private static final long ON_MILLIS = 600;
    private static final int CYCLES = 3;

    @Test
    void shouldKeepTheUplinkEstimateWhenVideoIsSwitchedOffAndOn() throws Exception {
        Config config = Config.of(Map.of("vc.codec", "jpeg", "vc.source", "synthetic", "vc.renderer", "headless",
                "vc.width", "320", "vc.height", "240", "vc.fps", "30"));
        try (LoopbackConference conference = LoopbackConference.open(config, 2)) {
            conference.start();
            Participant sender = conference.participants().get(0);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (estimate(sender) < 0) {
                assertTrue(System.nanoTime() < deadline, "no uplink estimate: " + sender.stats().transport());
                Thread.sleep(50);
            }
            Thread.sleep(1_000);
            long before = estimate(sender);
            List<Long> afterEachResume = new ArrayList<>();
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                sender.setVideoEnabled(false);
                Thread.sleep(OFF_MILLIS);
                sender.setVideoEnabled(true);
                Thread.sleep(ON_MILLIS);
                afterEachResume.add(estimate(sender));
            }
            long lowest = afterEachResume.stream().mapToLong(Long::longValue).min().orElseThrow();
            // A halving per pause left a quarter after the third (1.34 Mbit/s, then 0.69, 0.60, 0.31); an over-use
            // on a busy machine (0.85 x what was acknowledged) leaves far more than the bound.
            assertTrue(lowest >= 0.4 * before, "estimate " + before + " bit/s before, after each resume "
                    + afterEachResume + ": " + sender.stats().transport());
            assertTrue(sender.stats().transport().packetsSent() > 0, "it sent");
        }
    }

    private static long estimate(Participant participant) {
        return participant.stats().transport().uplinkEstimateBps();
    }
}
