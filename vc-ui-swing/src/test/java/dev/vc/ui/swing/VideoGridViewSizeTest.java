package dev.vc.ui.swing;

import dev.vc.api.PixelFormat;
import dev.vc.api.RemoteStream;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;
import dev.vc.testing.Allocations;
import dev.vc.ui.swing.internal.TestFrames;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the grid reports as each stream's view size, driven by hand ({@link VideoGrid#reportViewSizes()} is what
 * its timer runs twice a second); no display needed.
 */
class VideoGridViewSizeTest {
    private static final VideoFrame FRAME = TestFrames.solid(64, 48, PixelFormat.BGR24, 50, 60, 70);

    /** One report: the stream's SSRC and the size. */
    record Report(int ssrc, int width, int height) {
    }

    private final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(100));
    private final List<Report> reports = new ArrayList<>();

    private VideoGrid grid(int width, int height) {
        VideoGrid grid = new VideoGrid(SwingSettings.DEFAULTS, now::get);
        grid.setSize(width, height);
        grid.setViewSizeListener((stream, w, h) -> reports.add(new Report(stream.ssrc(), w, h)));
        return grid;
    }

    private static RemoteStream stream(int i) {
        return new RemoteStream(0x100 + i, VideoCodec.H264, "p" + i);
    }

    private List<Report> drain() {
        List<Report> out = List.copyOf(reports);
        reports.clear();
        return out;
    }

    @Test
    void shouldReportThePictureAreaOfEachTileOfAThreeByThreeGrid() {
        VideoGrid grid = grid(1280, 720);
        for (int i = 0; i < 9; i++) {
            grid.onFrame(stream(i), FRAME);
        }
        grid.reportViewSizes();
        List<Report> expected = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            expected.add(new Report(0x100 + i, 315, 236));   // cells of 426x240, 4:3 pictures inside
        }
        assertEquals(expected, drain());
        assertEquals(315, grid.tileBounds()[4].width, "the reported size is the painted picture's");
        assertEquals(236, grid.tileBounds()[4].height);

        grid.reportViewSizes();
        assertEquals(List.of(), drain(), "nothing changed, nothing reported");
    }

    @Test
    void shouldReportAgainWhenTheLayoutChangesByMoreThanAFewPixels() {
        VideoGrid grid = grid(640, 480);
        grid.onFrame(stream(0), FRAME);
        grid.reportViewSizes();
        assertEquals(List.of(new Report(0x100, 635, 476)), drain());

        grid.setSize(642, 482);   // a few pixels: not worth telling
        grid.reportViewSizes();
        assertEquals(List.of(), drain());

        grid.setSize(320, 240);
        grid.reportViewSizes();
        assertEquals(List.of(new Report(0x100, 315, 236)), drain());

        grid.onFrame(stream(1), FRAME);   // 2x1: both halves
        grid.reportViewSizes();
        assertEquals(List.of(new Report(0x100, 156, 117), new Report(0x101, 156, 117)), drain());

        grid.onStreamEnded(stream(0));   // the other one gets the whole grid again
        grid.reportViewSizes();
        assertEquals(List.of(new Report(0x101, 315, 236)), drain());
    }

    @Test
    void shouldReportNothingShownWhileMinimisedAndAskAgainForStreamsThatWentStaleMeanwhile() {
        VideoGrid grid = grid(640, 240);
        grid.onFrame(stream(0), FRAME);
        grid.onFrame(stream(1), FRAME);
        grid.reportViewSizes();
        assertEquals(2, drain().size());

        grid.iconified(true);
        grid.reportViewSizes();
        assertEquals(List.of(new Report(0x100, 0, 0), new Report(0x101, 0, 0)), drain());
        grid.onStreamEnded(stream(1));   // the relay stopped it, so it went stale
        grid.reportViewSizes();
        assertEquals(List.of(), drain(), "still minimised");

        grid.iconified(false);
        grid.reportViewSizes();
        assertEquals(List.of(new Report(0x100, 315, 236), new Report(0x101, 315, 236)), drain(),
                "the tile still there, and the stream that ended, at the size of a second tile");
        grid.reportViewSizes();
        assertEquals(List.of(), drain(), "asked for once");

        grid.onFrame(stream(1), FRAME);   // it is back
        grid.reportViewSizes();
        assertEquals(List.of(new Report(0x101, 315, 236)), drain(), "its new tile is reported as usual");
    }

    @Test
    void shouldNotAskAgainForAStreamThatEndedWhileShown() {
        VideoGrid grid = grid(640, 480);
        grid.onFrame(stream(0), FRAME);
        grid.onFrame(stream(1), FRAME);
        grid.reportViewSizes();
        drain();
        grid.onStreamEnded(stream(1));
        grid.iconified(true);
        grid.reportViewSizes();
        grid.iconified(false);
        grid.reportViewSizes();
        assertEquals(List.of(new Report(0x100, 0, 0), new Report(0x100, 635, 476)), drain());
    }

    @Test
    void shouldReportEveryStreamToANewListenerAndNothingBeforeLayoutOrAfterClose() {
        VideoGrid grid = grid(0, 0);
        grid.onFrame(stream(0), FRAME);
        grid.reportViewSizes();
        assertEquals(List.of(), drain(), "not laid out yet: no size to tell");
        grid.setSize(320, 240);
        grid.reportViewSizes();
        assertEquals(1, drain().size());

        List<Report> second = new ArrayList<>();
        grid.setViewSizeListener((stream, w, h) -> second.add(new Report(stream.ssrc(), w, h)));
        grid.reportViewSizes();
        assertEquals(List.of(new Report(0x100, 315, 236)), second);

        grid.close();
        grid.setSize(640, 480);
        grid.reportViewSizes();
        assertEquals(1, second.size(), "closed: nothing more");
    }

    @Test
    void shouldAllocateNothingWhenNoSizeChanged() {
        VideoGrid grid = grid(1280, 720);
        for (int i = 0; i < 9; i++) {
            grid.onFrame(stream(i), FRAME);
        }
        for (int i = 0; i < 1_000; i++) {
            grid.reportViewSizes();
        }
        drain();
        Assumptions.assumeTrue(Allocations.currentThread() >= 0, "thread allocation counter not available");
        long before = Allocations.currentThread();
        for (int i = 0; i < 1_000; i++) {
            grid.reportViewSizes();
        }
        long allocated = Allocations.currentThread() - before;
        System.out.printf("vc-ui-swing VideoGrid.reportViewSizes, 9 tiles: %d bytes over 1000 checks%n", allocated);
        assertTrue(allocated < 500, "allocated " + allocated + " bytes over 1000 checks");
        assertEquals(List.of(), drain());
    }
}
