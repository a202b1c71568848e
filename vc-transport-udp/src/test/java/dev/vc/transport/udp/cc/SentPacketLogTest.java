package dev.vc.transport.udp.cc;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentPacketLogTest {
    @Test
    void shouldRememberTheLastPacketsAcrossTheWrapAndForgetOlderOnes() {
        SentPacketLog log = new SentPacketLog(16);
        for (int i = 0; i < 40; i++) {
            log.onPacketSent((65520 + i) & 0xFFFF, 1_000L * i, 1000 + i);
        }
        int last = (65520 + 39) & 0xFFFF;
        assertTrue(log.isKnown(last));
        assertEquals(39_000, log.sendTimeMicros(last));
        assertEquals(1039, log.sizeBytes(last));
        assertEquals(SentPacketLog.SENT, log.state(last));
        assertTrue(log.isKnown((last - 15) & 0xFFFF), "16 kept");
        assertFalse(log.isKnown((last - 16) & 0xFFFF), "older forgotten");
        assertFalse(log.isKnown((last + 1) & 0xFFFF), "not sent yet");
        log.setState(last, SentPacketLog.RECEIVED);
        assertEquals(SentPacketLog.RECEIVED, log.state(last));
    }

    @Test
    void shouldRefuseACapacityThatIsNotAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new SentPacketLog(1000));
        assertThrows(IllegalArgumentException.class, () -> new SentPacketLog(1 << 16));
    }

    /**
     * Hostile sequence numbers (random, huge jumps both ways): the log never grows, the newest packet is
     * always known with what was recorded, and nothing more than {@code capacity} behind the newest is.
     */
    @Property(tries = 500)
    void staysBoundedAndConsistentUnderHostileSequenceNumbers(
            @ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 65535) Integer> sequences,
            @ForAll @Size(max = 50) List<@IntRange(min = 0, max = 65535) Integer> lookups) {
        int capacity = 64;
        SentPacketLog log = new SentPacketLog(capacity);
        long highest = -1;
        int highestSeq = -1;
        for (int i = 0; i < sequences.size(); i++) {
            int seq = sequences.get(i);
            log.onPacketSent(seq, i, i);
            long unwrapped;
            if (highest < 0) {
                unwrapped = 1L << 32 | seq;
            } else {
                unwrapped = highest + (short) (seq - (int) (highest & 0xFFFF));
            }
            if (unwrapped >= highest) {
                highest = unwrapped;
                highestSeq = seq;
                assertTrue(log.isKnown(seq));
                assertEquals(i, log.sendTimeMicros(seq));
            }
        }
        for (int seq : lookups) {
            long unwrapped = highest + (short) (seq - highestSeq);
            if (log.isKnown(seq)) {
                assertTrue(unwrapped > highest - capacity && unwrapped <= highest, "only the last " + capacity);
            }
        }
        assertEquals(capacity, log.capacity());
    }
}
