package dev.vc.transport.udp.internal.send;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacerTest {
    @Test
    void shouldSendABurstAtOnceAndSpaceTheRestAtThePacingRate() {
        Pacer pacer = new Pacer(8_000_000, 4 * 1000, 0);  // 1 byte/us, burst of 4 packets of 1000 B
        long now = 0;
        for (int i = 0; i < 4; i++) {
            assertEquals(0, pacer.waitNanos(1000, now), "the burst goes at once");
        }
        long wait = pacer.waitNanos(1000, now);
        assertEquals(1_000_000, wait, "then one packet per 1000 B at 1 byte/us");
        now += wait;
        assertEquals(1_000_000, pacer.waitNanos(1000, now));
    }

    @Test
    void shouldNotPaceWhenTurnedOff() {
        Pacer pacer = new Pacer(0, 1000, 0);
        for (int i = 0; i < 100; i++) {
            assertEquals(0, pacer.waitNanos(1200, 0));
        }
    }

    @Property(tries = 300)
    void aFrameLeavesNoFasterThanTheRateAllowsBeyondTheBurst(@ForAll @IntRange(min = 1, max = 200) int packets,
                                                            @ForAll @IntRange(min = 100, max = 1500) int size,
                                                            @ForAll @IntRange(min = 1_000, max = 100_000) int kbps) {
        Pacer pacer = new Pacer(kbps * 1000L, 4 * size, 0);
        long now = 0;
        for (int i = 0; i < packets; i++) {
            now += pacer.waitNanos(size, now);
        }
        double minimum = Math.max(0, (packets - 4) * (double) size * 8 / (kbps * 1000.0) * 1e9);
        assertTrue(now >= minimum - packets, "took " + now + " ns, rate allows no less than " + minimum);
        assertTrue(now <= minimum + packets + 1, "took " + now + " ns, more than the rate needs: " + minimum);
    }

    @Test
    void shouldRefillWhileIdle() {
        Pacer pacer = new Pacer(8_000_000, 2000, 0);
        pacer.waitNanos(2000, 0);
        assertTrue(pacer.waitNanos(1000, 0) > 0);
        assertEquals(0, pacer.waitNanos(1000, 10_000_000), "10 ms idle refills the burst");
    }
}
