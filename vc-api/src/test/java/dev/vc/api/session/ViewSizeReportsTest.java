package dev.vc.api.session;

import dev.vc.api.RemoteStream;
import dev.vc.api.Renderer;
import dev.vc.api.VideoCodec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** View size reports with a hand-driven clock and scheduler: what is sent to the relay, when, and what is not. */
class ViewSizeReportsTest {
    private static final int OWN_SSRC = 0x5e1f;
    private static final RemoteStream ALICE = RemoteStream.of(0xa11ce, VideoCodec.H264);
    private static final RemoteStream BOB = RemoteStream.of(0xb0b, VideoCodec.H264);
    private static final int ALICE_ID = 7;
    private static final int BOB_ID = 8;
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** A send the reports made: to whom, what size, at what time on the test clock. */
    record Sent(int participantId, int width, int height, long atMillis) {
    }

    /** A scheduler that runs tasks only when the test moves the clock past their time. */
    private static final class Harness {
        long now = 1_000 * MS;
        final List<long[]> due = new ArrayList<>();
        final List<Runnable> tasks = new ArrayList<>();
        final List<Sent> sent = new ArrayList<>();
        boolean connected = true;
        final ViewSizeReports reports = new ViewSizeReports(OWN_SSRC,
                ssrc -> ssrc == ALICE.ssrc() ? ALICE_ID : ssrc == BOB.ssrc() ? BOB_ID : -1,
                (id, w, h) -> connected && sent.add(new Sent(id, w, h, now / MS)), () -> now,
                (delay, task) -> {
                    due.add(new long[] {now + delay});
                    tasks.add(task);
                });

        /** Moves the clock, running every task that falls due, in order. */
        void advanceMillis(long millis) {
            long until = now + millis * MS;
            while (true) {
                int next = -1;
                for (int i = 0; i < due.size(); i++) {
                    if (due.get(i)[0] <= until && (next < 0 || due.get(i)[0] < due.get(next)[0])) {
                        next = i;
                    }
                }
                if (next < 0) {
                    break;
                }
                now = Math.max(now, due.remove(next)[0]);
                tasks.remove(next).run();
            }
            now = until;
        }
    }

    @Test
    void shouldSendTheFirstSizeAtOnceAndACoalescedBurstAtMostEveryHalfSecond() {
        Harness h = new Harness();
        h.reports.onViewSize(ALICE, 640, 480);
        assertTrue(h.sent.isEmpty(), "nothing is sent on the reporting thread");
        h.advanceMillis(0);
        assertEquals(List.of(new Sent(ALICE_ID, 640, 480, 1_000)), h.sent);

        // A window being dragged: many sizes within 100 ms; the last one goes, half a second after the first send.
        for (int w = 600; w >= 400; w -= 20) {
            h.reports.onViewSize(ALICE, w, w * 3 / 4);
            h.advanceMillis(10);
        }
        h.advanceMillis(1_000);
        assertEquals(List.of(new Sent(ALICE_ID, 640, 480, 1_000), new Sent(ALICE_ID, 400, 300, 1_500)), h.sent);
        assertEquals(2, h.reports.sent());
    }

    @Test
    void shouldSendOnlyRealChangesAndAlwaysHidingAndShowing() {
        Harness h = new Harness();
        h.reports.onViewSize(ALICE, 320, 240);
        h.advanceMillis(600);
        h.reports.onViewSize(ALICE, 323, 236);   // within the slack
        h.advanceMillis(600);
        h.reports.onViewSize(ALICE, 0, 0);       // minimised
        h.advanceMillis(600);
        h.reports.onViewSize(ALICE, 0, 0);
        h.advanceMillis(600);
        h.reports.onViewSize(ALICE, 321, 240);   // restored
        h.advanceMillis(600);
        assertEquals(List.of(new Sent(ALICE_ID, 320, 240, 1_000), new Sent(ALICE_ID, 0, 0, 2_200),
                new Sent(ALICE_ID, 321, 240, 3_400)), h.sent);
        assertEquals(2, h.reports.unchanged());
    }

    @Test
    void shouldNotSendABurstThatEndsWhereItStarted() {
        Harness h = new Harness();
        h.reports.onViewSize(ALICE, 320, 240);
        h.advanceMillis(100);
        h.reports.onViewSize(ALICE, 640, 480);
        h.reports.onViewSize(ALICE, 320, 240);
        h.advanceMillis(1_000);
        assertEquals(1, h.sent.size(), h.sent.toString());
        assertEquals(1, h.reports.unchanged());
    }

    @Test
    void shouldKeepEachSendersIntervalApart() {
        Harness h = new Harness();
        h.reports.onViewSize(ALICE, 320, 240);
        h.reports.onViewSize(BOB, 160, 120);
        h.advanceMillis(0);
        h.reports.onViewSize(BOB, 640, 480);
        h.advanceMillis(1_000);
        assertEquals(List.of(new Sent(ALICE_ID, 320, 240, 1_000), new Sent(BOB_ID, 160, 120, 1_000),
                new Sent(BOB_ID, 640, 480, 1_500)), h.sent);
    }

    @Test
    void shouldCountWhatItCannotSendAndNeverReportTheSelfView() {
        Harness h = new Harness();
        h.reports.onViewSize(RemoteStream.of(OWN_SSRC, VideoCodec.H264), 320, 240);
        h.reports.onViewSize(RemoteStream.of(0xdead, VideoCodec.H264), 320, 240);
        h.reports.onViewSize(ALICE, -1, 240);
        h.reports.onViewSize(ALICE, 70_000, 240);
        h.advanceMillis(10);
        assertTrue(h.sent.isEmpty(), h.sent.toString());
        assertEquals(1, h.reports.unknownSender());
        assertEquals(2, h.reports.outOfRange());

        h.connected = false;
        h.reports.onViewSize(ALICE, 320, 240);
        h.advanceMillis(10);
        assertEquals(1, h.reports.refused());
    }

    @Test
    void shouldForgetALeaverAndStopWhenClosed() {
        Harness h = new Harness();
        h.reports.onViewSize(ALICE, 320, 240);
        h.advanceMillis(0);
        h.reports.onViewSize(ALICE, 640, 480);
        h.reports.forget(ALICE.ssrc());
        h.advanceMillis(1_000);
        assertEquals(1, h.sent.size(), "the pending size of a leaver is not sent");

        h.reports.onViewSize(BOB, 320, 240);
        h.reports.close();
        h.reports.onViewSize(BOB, 640, 480);
        h.advanceMillis(1_000);
        assertEquals(1, h.sent.size(), "nothing after close: " + h.sent);
    }

    @Property
    void shouldSendAtMostTwiceASecondPerSenderAndEndOnTheLastSize(
            @ForAll @IntRange(min = 0, max = 2_000) int w1, @ForAll @IntRange(min = 0, max = 2_000) int w2,
            @ForAll @IntRange(min = 1, max = 40) int reports, @ForAll @IntRange(min = 0, max = 300) int gapMillis) {
        Harness h = new Harness();
        int width = 0;
        for (int i = 0; i < reports; i++) {
            width = i % 2 == 0 ? w1 : w2;
            h.reports.onViewSize(ALICE, width, width);
            h.advanceMillis(gapMillis);
        }
        h.advanceMillis(1_000);
        for (int i = 1; i < h.sent.size(); i++) {
            assertTrue(h.sent.get(i).atMillis() - h.sent.get(i - 1).atMillis() >= 500, h.sent.toString());
        }
        assertFalse(h.sent.isEmpty(), "the first report is always sent");
        Sent last = h.sent.get(h.sent.size() - 1);
        assertFalse(Renderer.ViewSizeListener.changed(last.width(), last.height(), width, width),
                "the relay ends up with the last size: " + h.sent + " last " + width);
    }
}
