package dev.vc.examples.demo;

import dev.vc.api.Config;
import dev.vc.api.session.Participant;
import dev.vc.api.session.ParticipantStats;
import dev.vc.relay.RelayStats;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bandwidth estimation on every hop, end to end over loopback: a relay and two participants. Each client's
 * uplink estimate comes from the relay's transport-cc feedback; the relay's estimate of each client's
 * downlink comes from that client's feedback. Asserts that the estimates appear, not what they are.
 */
class BandwidthEstimationEndToEndTest {
    @Test
    void shouldShowAnEstimateForEveryHopInTheStats() throws Exception {
        Config config = Config.of(Map.of("vc.codec", "jpeg", "vc.source", "synthetic", "vc.renderer", "headless",
                "vc.width", "320", "vc.height", "240", "vc.fps", "30"));
        try (LoopbackConference conference = LoopbackConference.open(config, 2)) {
            conference.start();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!everyHopEstimated(conference)) {
                assertTrue(System.nanoTime() < deadline, "no estimate on every hop: "
                        + conference.participants().stream().map(Participant::stats).toList() + "\n"
                        + conference.relay().stats());
                Thread.sleep(50);
            }
            for (Participant p : conference.participants()) {
                ParticipantStats stats = p.stats();
                assertTrue(stats.transport().uplinkEstimateBps() >= 30_000, p.name() + ": " + stats.transport());
                assertTrue(stats.framesRendered() > 0, p.name() + " still receives");
            }
            RelayStats relay = conference.relay().stats();
            assertEquals(2, relay.downlinkEstimates().length, "one downlink estimate per receiver: " + relay);
            for (RelayStats.MemberStats m : relay.members()) {
                assertTrue(m.uplinkFeedbackSent() > 0 && m.downlinkFeedbackTaken() > 0, m.toString());
                assertEquals(0L, m.drops().get(dev.vc.relay.DropReason.MALFORMED_FEEDBACK), m.toString());
            }
        }
    }

    private static boolean everyHopEstimated(LoopbackConference conference) {
        return conference.participants().stream().allMatch(p -> p.stats().transport().uplinkEstimateBps() >= 0)
                && conference.relay().stats().members().stream().allMatch(m -> m.downlinkEstimateBps() >= 0);
    }
}
