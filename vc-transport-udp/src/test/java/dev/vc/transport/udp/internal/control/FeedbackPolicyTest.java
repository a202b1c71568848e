package dev.vc.transport.udp.internal.control;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sender's answer to NACK and PLI storms is bounded, and what it refuses is counted. */
class FeedbackPolicyTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldHoldRetransmissionsToAFifthOfTheSendRate() {
        FeedbackPolicy policy = new FeedbackPolicy();
        long now = 0;
        long sent = 0;
        policy.onSent(sent, now);
        for (int s = 1; s <= 10; s++) {                 // 10 s at 100 kB/s
            now = s * SECOND;
            sent += 100_000;
            policy.onSent(sent, now);
        }
        long resent = 0;
        for (int i = 0; i < 20_000; i++) {              // 1,000 NACKed packets of 1,000 bytes... each second
            if (policy.allowRetransmission(1_000, now + i * (SECOND / 1_000))) {
                resent += 1_000;
            }
        }
        double seconds = 20;
        assertTrue(resent <= 20_000 * seconds + 10_000 + 1_000, "resent " + resent);
        assertTrue(resent >= 20_000 * seconds * 0.9, "but still answers honest NACKs: " + resent);
        assertTrue(policy.refused().get("RETRANSMISSION_BUDGET") > 0);
    }

    @Test
    void shouldLetPlisCauseAtMostTwoKeyframesASecond() {
        FeedbackPolicy policy = new FeedbackPolicy();
        int keyframes = 0;
        for (int i = 0; i < 500; i++) {
            if (policy.allowKeyframe(0, i * 2_000_000L)) {
                keyframes++;
            }
        }
        assertEquals(2, keyframes);
        assertEquals(498L, policy.refused().get("KEYFRAME_INTERVAL"));
    }
}
