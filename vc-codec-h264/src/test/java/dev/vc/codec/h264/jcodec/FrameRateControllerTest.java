package dev.vc.codec.h264.jcodec;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.jcodec.codecs.h264.io.model.SliceType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rate controller's invariants, driven the way jcodec's encoder drives it, without encoding. */
class FrameRateControllerTest {
    private static final org.jcodec.common.model.Size VGA = new org.jcodec.common.model.Size(640, 480);
    private static final int MBS = 40 * 30;

    /** Whatever sizes the macroblocks come out, every QP handed to jcodec stays in [minQp, 51]. */
    @Property(tries = 200)
    void qpShouldStayInRangeWhateverTheMacroblocksCost(@ForAll @IntRange(min = 1, max = 51) int minQp,
                                                       @ForAll @IntRange(min = 50_000, max = 10_000_000) int bitrate,
                                                       @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0,
                                                               max = 20_000) Integer> mbBits) {
        FrameRateController rc = new FrameRateController(bitrate, 30, minQp, 51, true);
        for (int frame = 0; frame < 6; frame++) {
            boolean idr = frame == 0 || frame == 4;
            if (!idr && rc.shouldSkip()) {
                rc.skipped();
                continue;
            }
            rc.plan(idr);
            int qp = rc.startPicture(VGA, 640 * 480, idr ? SliceType.I : SliceType.P);
            assertTrue(qp >= minQp && qp <= 51, "frame QP " + qp);
            long total = 0;
            for (int mb = 0; mb < MBS; mb++) {
                qp += rc.initialQpDelta();
                int bits = mbBits.get((mb + frame) % mbBits.size());
                int delta;
                while ((delta = rc.accept(bits)) != 0) {
                    qp += delta;
                    assertTrue(qp <= 51, "QP past 51 on re-encode");
                    bits = bits * 3 / 4;        // a higher QP gives a smaller macroblock
                }
                assertTrue(qp >= 1 && qp <= 51, "macroblock QP " + qp);
                total += bits;
            }
            rc.encoded((int) Math.min(Integer.MAX_VALUE, total / 8));
        }
    }

    @Test
    void shouldRaiseQpWhenFramesComeOutTooLargeAndLowerItWhenTooSmall() {
        FrameRateController rc = new FrameRateController(600_000, 30, 16, 51, false);
        rc.plan(true);
        rc.startPicture(VGA, 640 * 480, SliceType.I);
        feed(rc, 40);
        rc.encoded(40 * MBS / 8);
        rc.plan(false);
        int first = rc.frameQp();
        for (int i = 0; i < 10; i++) {                     // each P frame 5x its 20 kbit budget
            rc.startPicture(VGA, 640 * 480, SliceType.P);
            feed(rc, 100_000 / MBS);
            rc.encoded(100_000 / 8);
            rc.plan(false);
        }
        int raised = rc.frameQp();
        assertTrue(raised > first, first + " -> " + raised);
        for (int i = 0; i < 40; i++) {                     // now each a tenth of the budget
            rc.startPicture(VGA, 640 * 480, SliceType.P);
            feed(rc, 2_000 / MBS + 1);
            rc.encoded(2_000 / 8);
            rc.plan(false);
        }
        assertTrue(rc.frameQp() < raised, raised + " -> " + rc.frameQp());
    }

    @Test
    void shouldSkipOnlyWhenTheBucketOverflowsAndSkippingIsOn() {
        FrameRateController skipping = new FrameRateController(600_000, 30, 16, 51, true);
        FrameRateController never = new FrameRateController(600_000, 30, 16, 51, false);
        assertFalse(skipping.shouldSkip());
        for (FrameRateController rc : List.of(skipping, never)) {
            rc.plan(false);
            rc.startPicture(VGA, 640 * 480, SliceType.P);
            feed(rc, 200);
            rc.encoded(600_000 / 8);                       // a whole second's budget in one frame
        }
        assertTrue(skipping.shouldSkip());
        assertFalse(never.shouldSkip());
        int skips = 0;
        while (skipping.shouldSkip()) {
            skipping.skipped();
            skips++;
        }
        // Drains to 80% of a half-second bucket: (600k - 0.8 * 300k) / 20k per frame = 18, minus the frame's own.
        assertEquals(17, skips);
    }

    private static void feed(FrameRateController rc, int bitsPerMb) {
        for (int mb = 0; mb < MBS; mb++) {
            rc.initialQpDelta();
            while (rc.accept(bitsPerMb) != 0) {
                bitsPerMb = bitsPerMb * 3 / 4;
            }
        }
    }
}
