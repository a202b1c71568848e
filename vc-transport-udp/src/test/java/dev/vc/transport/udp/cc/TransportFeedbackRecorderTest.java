package dev.vc.transport.udp.cc;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransportFeedbackRecorderTest {
    private final byte[] buffer = new byte[1500];

    /** Drains the recorder at {@code now}; returns the messages read back. */
    private List<CapturedFeedback> drain(TransportFeedbackRecorder recorder, long now) {
        List<CapturedFeedback> messages = new ArrayList<>();
        int guard = 0;
        while (recorder.isFeedbackDue(now)) {
            int length = recorder.writeFeedback(buffer, 0, now);
            if (length > 0) {
                messages.add(CapturedFeedback.read(buffer, 0, length));
            }
            assertTrue(++guard <= 1000, "draining terminates");
        }
        return messages;
    }

    @Test
    void shouldReportEveryPacketAcrossTheWrapEveryFiftyMilliseconds() {
        TransportFeedbackRecorder recorder = new TransportFeedbackRecorder(7, 1024, 1200, 50_000);
        Map<Integer, Long> reported = new HashMap<>();
        long now = 1_000_000;
        int messages = 0;
        for (int i = 0; i < 200; i++) {
            int seq = (65500 + i) & 0xFFFF;
            recorder.onPacket(seq, 99, now);
            for (CapturedFeedback m : drain(recorder, now)) {
                messages++;
                assertEquals(7, m.senderSsrc);
                assertEquals(99, m.mediaSsrc);
                for (int k = 0; k < m.sequences.size(); k++) {
                    assertTrue(m.arrivals.get(k) != null, "nothing lost");
                    assertNull(reported.put(m.sequences.get(k), m.arrivals.get(k) % TransportFeedback.REFERENCE_WRAP_MICROS),
                            "reported once: " + m.sequences.get(k));
                }
            }
            now += 1_000;
        }
        assertEquals(3, messages, "one message per 50 ms over 200 ms (the last 49 packets still pending)");
        for (int i = 0; i < 150; i++) {
            assertEquals(1_000_000 + i * 1_000L, reported.get((65500 + i) & 0xFFFF));
        }
    }

    @Test
    void shouldReportALatePacketAgainOnceItArrives() {
        TransportFeedbackRecorder recorder = new TransportFeedbackRecorder(7, 1024, 1200, 50_000);
        recorder.onPacket(1, 5, 0);
        recorder.onPacket(2, 5, 1_000);
        recorder.onPacket(4, 5, 2_000);
        List<CapturedFeedback> first = drain(recorder, 50_000);
        assertEquals(1, first.size());
        assertEquals(List.of(1, 2, 3, 4), first.get(0).sequences);
        assertNull(first.get(0).arrivals.get(2), "3 not received yet");

        recorder.onPacket(3, 5, 60_000);
        assertFalse(recorder.isFeedbackDue(60_000), "not before the interval");
        List<CapturedFeedback> second = drain(recorder, 100_000);
        assertEquals(1, second.size());
        assertEquals(3, second.get(0).baseSequence, "the report goes back to the late packet");
        assertEquals(60_000L, second.get(0).arrivals.get(0));
    }

    @Test
    void shouldIgnoreDuplicatesAndPacketsOlderThanTheRing() {
        TransportFeedbackRecorder recorder = new TransportFeedbackRecorder(7, 64, 1200, 50_000);
        recorder.onPacket(1000, 5, 0);
        recorder.onPacket(1000, 5, 10);
        recorder.onPacket(1000 - 64, 5, 20);
        assertEquals(2, recorder.ignoredPackets());
    }

    @Test
    void shouldSplitManyPacketsIntoMessagesWithinTheMaximumLength() {
        TransportFeedbackRecorder recorder = new TransportFeedbackRecorder(7, 4096, 100, 50_000);
        long now = 0;
        int messages = 0;
        int statuses = 0;
        for (int seq = 0; seq < 1000; seq++) {
            recorder.onPacket(seq, 5, now);
            now += 10 + (seq % 7 == 0 ? 70_000 : 0);    // some large deltas
        }
        int guard = 0;
        while (recorder.isFeedbackDue(now)) {
            int length = recorder.writeFeedback(buffer, 0, now);
            assertTrue(length <= 100, "within the maximum: " + length);
            CapturedFeedback m = CapturedFeedback.read(buffer, 0, length);
            assertEquals(statuses, m.baseSequence, "each message starts where the last ended");
            statuses += m.statusCount;
            messages++;
            assertTrue(++guard < 1000);
        }
        assertEquals(1000, statuses);
        assertTrue(messages > 10, "split: " + messages);
    }

    @Test
    void shouldAskForFeedbackEarlyWhenAMessageWouldOtherwiseOutgrowTheMaximum() {
        TransportFeedbackRecorder recorder = new TransportFeedbackRecorder(7, 4096, 200, 50_000);
        int seq = 0;
        while (!recorder.isFeedbackDue(0)) {
            recorder.onPacket(seq++, 5, 0);
            assertTrue(seq < 200);
        }
        assertTrue(seq > 30, "not too early: " + seq);
    }

    /**
     * Hostile input: random sequence numbers with huge jumps both ways, arrival times going backwards. Every
     * message stays within the maximum length and the ring's capacity, parses, and draining terminates.
     */
    @Property(tries = 300)
    void staysBoundedUnderHostileInput(
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 65535) Integer> sequences,
            @ForAll @Size(max = 400) List<@IntRange(min = -2_000_000, max = 9_000_000) Integer> times,
            @ForAll @IntRange(min = 40, max = 1500) int maxBytes) {
        int capacity = 256;
        TransportFeedbackRecorder recorder = new TransportFeedbackRecorder(7, capacity, maxBytes, 50_000);
        long now = 0;
        for (int i = 0; i < sequences.size(); i++) {
            int seq = sequences.get(i);
            long t = i < times.size() ? times.get(i) : i;
            now = Math.max(now, t);
            recorder.onPacket(seq, 5, t);
            if (i % 17 == 0) {
                int guard = 0;
                while (recorder.isFeedbackDue(now)) {
                    int length = recorder.writeFeedback(buffer, 0, now);
                    assertTrue(length <= maxBytes, length + " > " + maxBytes);
                    if (length > 0) {
                        CapturedFeedback m = CapturedFeedback.read(buffer, 0, length);
                        assertTrue(m.statusCount <= capacity, "at most the ring: " + m.statusCount);
                    }
                    assertTrue(++guard <= capacity + 1, "draining terminates");
                }
            }
        }
        assertEquals(capacity, recorder.capacity());
    }
}
