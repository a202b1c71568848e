package dev.vc.api.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.Config;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Exponential backoff with jitter, bounded by the maximum. */
class ReconnectPolicyTest {
    @Test
    void shouldDoubleFromTheFirstDelayUpToTheMaximumWithAtMostHalfJitter() {
        ReconnectPolicy policy = new ReconnectPolicy(10, 500, 10_000);
        long[] nominal = {500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000};
        Random random = new Random(7);
        for (int attempt = 1; attempt <= nominal.length; attempt++) {
            for (int draw = 0; draw < 50; draw++) {
                long delay = policy.delayMillis(attempt, random);
                long top = nominal[attempt - 1];
                assertTrue(delay >= top - top / 2 && delay <= top, "attempt " + attempt + ": " + delay);
            }
        }
    }

    @Property
    void shouldNeverExceedTheMaximumNorOverflow(@ForAll @IntRange(min = 1, max = 1_000_000) int attempt,
                                                 @ForAll @LongRange(min = 1, max = 600_000) long backoff,
                                                 @ForAll @LongRange(min = 0, max = 600_000) long extra) {
        ReconnectPolicy policy = new ReconnectPolicy(attempt, backoff, backoff + extra);
        long delay = policy.delayMillis(attempt, new Random(attempt));
        assertTrue(delay >= 1 && delay <= backoff + extra, delay + " for attempt " + attempt);
    }

    @Test
    void shouldReadItsSettings() {
        ReconnectPolicy policy = ReconnectPolicy.from(Config.of(Map.of("vc.reconnect.attempts", "3",
                "vc.reconnect.backoff.ms", "200", "vc.reconnect.max.backoff.ms", "100")));
        assertEquals(new ReconnectPolicy(3, 200, 200), policy, "a maximum below the first delay is raised to it");
        assertEquals(new ReconnectPolicy(30, 500, 10_000), ReconnectPolicy.from(Config.empty()));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectPolicy(-1, 1, 1));
    }
}
