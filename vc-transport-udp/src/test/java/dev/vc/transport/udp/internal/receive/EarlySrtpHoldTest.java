package dev.vc.transport.udp.internal.receive;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link EarlySrtp} keeps: copies, in order, bounded in number and size, forgotten once handed over. */
class EarlySrtpHoldTest {
    @Test
    void shouldKeepABoundedNumberOfCopiesAndHandThemOverInOrderOnce() {
        EarlySrtp early = new EarlySrtp();
        byte[] buffer = new byte[EarlySrtp.BYTES + 1];
        for (int i = 0; i < EarlySrtp.PACKETS; i++) {
            Arrays.fill(buffer, (byte) i);
            assertTrue(early.hold(buffer, 100 + i, i), "packet " + i);
        }
        Arrays.fill(buffer, (byte) 0x55);                          // the receive loop reuses its buffer
        assertFalse(early.hold(buffer, 100, 99), "no more than " + EarlySrtp.PACKETS);
        List<byte[]> replayed = new ArrayList<>();
        List<Long> arrivals = new ArrayList<>();
        early.replay((packet, length, arrivalNanos) -> {
            replayed.add(Arrays.copyOf(packet, length));
            arrivals.add(arrivalNanos);
        });
        assertEquals(EarlySrtp.PACKETS, replayed.size(), "every copy");
        byte[] fifth = new byte[105];
        Arrays.fill(fifth, (byte) 5);
        assertArrayEquals(fifth, replayed.get(5), "a copy, as it was");
        assertEquals(5L, arrivals.get(5), "with its arrival");
        assertEquals(0, early.count(), "forgotten once handed over");
        early.replay((packet, length, arrivalNanos) -> replayed.add(packet));
        assertEquals(EarlySrtp.PACKETS, replayed.size(), "nothing twice");
        assertFalse(early.hold(buffer, EarlySrtp.BYTES + 1, 0), "too large");
    }
}
