package dev.vc.transport.udp.cc;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever a receiver saw (gaps, reordering, sequence wrap-around, large and negative receive deltas),
 * {@link TransportFeedbackWriter} then {@link TransportFeedbackReader} give back the same statuses and the
 * same arrival times to 250 µs.
 */
class TransportFeedbackRoundTripTest {
    /** One sequence number: skipped (not received) or received at an offset from the previous received one. */
    record Slot(boolean received, long deltaMicros) {
    }

    @Provide
    Arbitrary<List<Slot>> patterns() {
        Arbitrary<Long> small = Arbitraries.longs().between(0, 63_750);
        Arbitrary<Long> large = Arbitraries.longs().between(-8_000_000, 8_000_000);
        Arbitrary<Long> negative = Arbitraries.longs().between(-100_000, -1);
        Arbitrary<Long> delta = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, small), net.jqwik.api.Tuple.of(1, large),
                net.jqwik.api.Tuple.of(1, negative));
        Arbitrary<Boolean> received = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just(true)), net.jqwik.api.Tuple.of(1, Arbitraries.just(false)));
        Arbitrary<Slot> slot = Combinators.combine(received, delta).as(Slot::new);
        // Long runs of one kind too: lists of runs.
        Arbitrary<List<Slot>> run = Combinators.combine(slot, Arbitraries.integers().between(1, 40))
                .as((s, n) -> java.util.Collections.nCopies(n, s));
        return Arbitraries.oneOf(slot.list().ofMinSize(1).ofMaxSize(600),
                run.list().ofMinSize(1).ofMaxSize(30).map(runs -> runs.stream().flatMap(List::stream).toList()));
    }

    @Property
    void writerThenReaderGivesBackTheStatusesAndArrivalTimes(
            @ForAll("patterns") List<Slot> pattern,
            @ForAll @IntRange(min = 0, max = 65535) int base,
            @ForAll @LongRange(min = 10_000_000, max = 1_000_000_000_000L) long start,
            @ForAll @IntRange(min = 0, max = 255) int feedbackCount) {
        TransportFeedbackWriter writer = new TransportFeedbackWriter(8192);
        List<Integer> sequences = new ArrayList<>();
        List<Long> arrivals = new ArrayList<>();
        long time = start;
        int last = -1;
        for (int i = 0; i < pattern.size(); i++) {
            Slot slot = pattern.get(i);
            if (!slot.received() && i != 0) {
                continue;
            }
            if (last == -1) {
                writer.begin(0x11223344, 0x55667788, base, time, feedbackCount);
            } else {
                time += slot.deltaMicros();
            }
            int sequence = (base + i) & 0xFFFF;
            assertTrue(writer.addReceived(sequence, time), "fits: " + i);
            sequences.add(sequence);
            arrivals.add(time);
            last = i;
        }
        byte[] out = new byte[8192 + 16];
        int length = writer.write(out, 3);
        assertEquals(writer.length(), length);
        assertEquals(0, length % 4, "padded to 32 bits");

        CapturedFeedback read = CapturedFeedback.read(out, 3, length);
        assertEquals(base, read.baseSequence);
        assertEquals(last + 1, read.statusCount, "statuses up to the last received packet");
        assertEquals(0x11223344, read.senderSsrc);
        assertEquals(0x55667788, read.mediaSsrc);
        assertEquals(feedbackCount, read.feedbackPacketCount);
        int r = 0;
        for (int i = 0; i <= last; i++) {
            assertEquals((base + i) & 0xFFFF, read.sequences.get(i), "sequence numbers wrap at 65535");
            if (r < sequences.size() && sequences.get(r) == (int) read.sequences.get(i)) {
                Long got = read.arrivals.get(i);
                assertTrue(got != null, "received: " + i);
                assertTrue(Math.abs(got - arrivals.get(r)) <= 125,
                        "arrival to 250 µs: " + got + " vs " + arrivals.get(r));
                r++;
            } else {
                assertNull(read.arrivals.get(i), "not received: " + i);
            }
        }
        assertEquals(sequences.size(), r);
    }

    @Property
    void aFullWriterRefusesWithoutLosingWhatItHasAndStaysWithinItsLength(
            @ForAll("patterns") List<Slot> pattern,
            @ForAll @IntRange(min = 24, max = 400) int maxLength) {
        TransportFeedbackWriter writer = new TransportFeedbackWriter(maxLength);
        writer.begin(1, 2, 0, 0, 0);
        long time = 0;
        int accepted = 0;
        List<Long> arrivals = new ArrayList<>();
        for (int i = 0; i < pattern.size(); i++) {
            time += Math.abs(pattern.get(i).deltaMicros());
            if (!writer.addReceived(i, time)) {
                break;
            }
            arrivals.add(time);
            accepted++;
        }
        if (accepted == 0) {
            return;
        }
        byte[] out = new byte[maxLength];
        int length = writer.write(out, 0);
        assertTrue(length <= maxLength, length + " > " + maxLength);
        CapturedFeedback read = CapturedFeedback.read(out, 0, length);
        assertEquals(accepted, read.statusCount);
        for (int i = 0; i < accepted; i++) {
            assertTrue(Math.abs(read.arrivals.get(i) - arrivals.get(i)) <= 125);
        }
    }
}
