package dev.vc.bench.faults.impair;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One direction of a link, without sockets: numbered packets in, the impaired sequence out. */
class ImpairerTest {
    private static final long HOLD = 50_000_000L;

    private static DelayLine noDelay() {
        return new DelayLine(0, 0, 0, new SplittableRandom(0));
    }

    /** Feeds packets 0..n-1 (4-byte numbers), 1 ms apart, then lets every hold and delay expire; returns what came out. */
    private static List<Integer> run(Impairer impairer, int n) {
        List<Integer> out = new ArrayList<>();
        Impairer.Output sink = (data, length) -> {
            assertEquals(4, length);
            out.add((data[0] & 0xFF) << 24 | (data[1] & 0xFF) << 16 | (data[2] & 0xFF) << 8 | (data[3] & 0xFF));
        };
        byte[] packet = new byte[4];
        long now = 1_000_000_000L;
        for (int i = 0; i < n; i++) {
            packet[0] = (byte) (i >>> 24);
            packet[1] = (byte) (i >>> 16);
            packet[2] = (byte) (i >>> 8);
            packet[3] = (byte) i;
            impairer.releaseDue(now, sink);
            impairer.accept(packet, 4, now, sink);
            assertTrue(impairer.heldPackets() <= Impairer.MAX_HELD);
            now += 1_000_000L;
        }
        long next = impairer.releaseDue(now + HOLD, sink);
        for (int i = 0; i < 2 * n && next != Long.MAX_VALUE; i++) {   // each call sends at least one packet
            next = impairer.releaseDue(next, sink);
        }
        assertEquals(0, impairer.heldPackets());
        assertEquals(0, impairer.delayedPackets());
        return out;
    }

    @Property(tries = 200)
    void lossKeepsTheOrderAndCountsWhatItDropped(@ForAll @DoubleRange(min = 0, max = 0.9) double p,
                                                 @ForAll long seed) {
        Impairer impairer = new Impairer(new BernoulliLoss(p, new SplittableRandom(seed)), 0, 3, 0,
                new SplittableRandom(seed), HOLD, noDelay());
        List<Integer> out = run(impairer, 500);
        for (int i = 1; i < out.size(); i++) {
            assertTrue(out.get(i) > out.get(i - 1), "in order, none twice");
        }
        ImpairmentCounts counts = impairer.counts();
        assertEquals(500, counts.packetsIn());
        assertEquals(500 - counts.dropped(), out.size());
        assertEquals(out.size(), counts.packetsOut());
    }

    @Property(tries = 200)
    void duplicationSendsSomePacketsTwiceInARow(@ForAll @DoubleRange(min = 0, max = 1) double p, @ForAll long seed) {
        Impairer impairer = new Impairer(LossModel.NONE, 0, 3, p, new SplittableRandom(seed), HOLD, noDelay());
        List<Integer> out = run(impairer, 500);
        List<Integer> distinct = out.stream().distinct().toList();
        assertEquals(500, distinct.size());
        for (int i = 1; i < out.size(); i++) {
            assertTrue(out.get(i) >= out.get(i - 1), "a copy follows its original at once");
        }
        assertEquals(out.size() - 500, impairer.counts().duplicated());
        assertEquals(out.size(), impairer.counts().packetsOut());
    }

    @Property(tries = 300)
    void reorderingDelaysHeldPacketsByAtMostTheDepthAndLosesNothing(
            @ForAll @DoubleRange(min = 0, max = 1) double p, @ForAll @IntRange(min = 1, max = 8) int depth,
            @ForAll long seed) {
        Impairer impairer = new Impairer(LossModel.NONE, p, depth, 0, new SplittableRandom(seed), HOLD, noDelay());
        List<Integer> out = run(impairer, 300);
        assertEquals(300, out.size());
        assertEquals(300, out.stream().distinct().count(), "every packet once");
        int overtaken = 0;
        for (int i = 0; i < out.size(); i++) {
            int packet = out.get(i);
            long newerBefore = out.subList(0, i).stream().filter(q -> q > packet).count();
            assertTrue(newerBefore <= depth, packet + " overtaken by " + newerBefore);
            overtaken += newerBefore > 0 ? 1 : 0;
        }
        assertTrue(overtaken <= impairer.counts().reordered(), "only held packets are overtaken");
    }

    @Test
    void aHeldPacketLeavesWhenItsHoldExpiresIfNothingOvertakesIt() {
        Impairer impairer = new Impairer(LossModel.NONE, 1, 3, 0, new SplittableRandom(1), HOLD, noDelay());
        List<Integer> out = new ArrayList<>();
        Impairer.Output sink = (data, length) -> out.add((int) data[0]);
        impairer.accept(new byte[] {7}, 1, 0, sink);
        assertEquals(List.of(), out);
        assertEquals(HOLD, impairer.releaseDue(HOLD - 1, sink), "the earliest deadline");
        assertEquals(List.of(), out);
        assertEquals(Long.MAX_VALUE, impairer.releaseDue(HOLD, sink));
        assertEquals(List.of(7), out);
    }

    @Test
    void holdsAtMostItsSlotsAndSendsTheRestUnreordered() {
        Impairer impairer = new Impairer(LossModel.NONE, 1, 64, 0, new SplittableRandom(1), HOLD, noDelay());
        List<Integer> out = run(impairer, 100);
        assertEquals(100, out.size(), "nothing lost; run() checked the slots were never exceeded");
        assertEquals(Impairer.MAX_HELD, out.get(0), "the first packet that found no free slot goes first");
    }

    @Test
    void delayedPacketsLeaveAfterTheDelayAndCountOnlyWhenTheyDo() {
        Impairer impairer = Impairment.parse("delay:20+duplicate:100").newImpairer(1);
        List<Integer> out = new ArrayList<>();
        Impairer.Output sink = (data, length) -> out.add((int) data[0]);
        impairer.accept(new byte[] {7}, 1, 0, sink);
        impairer.accept(new byte[] {8}, 1, 5_000_000L, sink);
        assertEquals(List.of(), out);
        assertEquals(4, impairer.delayedPackets());
        assertEquals(0, impairer.counts().packetsOut());
        assertEquals(20_000_000L, impairer.releaseDue(19_999_999L, sink), "the first copy's release time");
        assertEquals(25_000_000L, impairer.releaseDue(20_000_000L, sink));
        assertEquals(List.of(7, 7), out);
        assertEquals(Long.MAX_VALUE, impairer.releaseDue(25_000_000L, sink));
        assertEquals(List.of(7, 7, 8, 8), out);
        assertEquals(new ImpairmentCounts(2, 0, 2, 0, 0, 4), impairer.counts());
    }

    @Test
    void aHeldBackPacketIsDelayedFromWhenItIsReleased() {
        Impairer impairer = Impairment.parse("reorder:100:3+delay:10").newImpairer(1);
        List<Integer> out = new ArrayList<>();
        Impairer.Output sink = (data, length) -> out.add((int) data[0]);
        impairer.accept(new byte[] {7}, 1, 0, sink);
        long holdEnds = Impairment.MAX_HOLD_MILLIS * 1_000_000L;
        assertEquals(holdEnds, impairer.releaseDue(0, sink));
        assertEquals(holdEnds + 10_000_000L, impairer.releaseDue(holdEnds, sink), "now in the delay line");
        assertEquals(List.of(), out);
        impairer.releaseDue(holdEnds + 10_000_000L, sink);
        assertEquals(List.of(7), out);
    }

    @Property(tries = 100)
    void aSeedReplaysTheSameImpairments(@ForAll long seed) {
        Impairment impairment = Impairment.parse("bursty:10:3+reorder:10:2+duplicate:10+delay:2:3");
        assertEquals(run(impairment.newImpairer(seed), 400), run(impairment.newImpairer(seed), 400));
    }
}
