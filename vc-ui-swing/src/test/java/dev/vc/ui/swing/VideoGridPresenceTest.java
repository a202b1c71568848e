package dev.vc.ui.swing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.vc.api.PixelFormat;
import dev.vc.api.RemoteStream;
import dev.vc.api.VideoCodec;
import dev.vc.ui.swing.internal.TestFrames;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Room members keep a tile from join to leave: a placeholder while no picture comes. No display needed. */
class VideoGridPresenceTest {
    private static final RemoteStream ALICE = new RemoteStream(0x1110, VideoCodec.JPEG, "alice");
    private static final RemoteStream BOB = new RemoteStream(0x2220, VideoCodec.JPEG, "bob");
    private static final int NO_PICTURE = 0x303036;

    private final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(100));

    private VideoGrid grid() {
        VideoGrid grid = new VideoGrid(new SwingSettings("vc", 320, 240, false, SwingSettings.Scaling.NEAREST, 60,
                3000, 16), now::get);
        grid.setSize(640, 240);
        return grid;
    }

    private static BufferedImage paint(VideoGrid grid) {
        BufferedImage image = new BufferedImage(grid.getWidth(), grid.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            grid.paint(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A point in the tile's right quarter, clear of the centred name and "video off". */
    private static int sample(BufferedImage image, Rectangle tile) {
        return image.getRGB(tile.x + tile.width * 7 / 8, tile.y + tile.height / 4) & 0xffffff;
    }

    @Test
    void shouldShowAMemberWithoutVideoAsAPlaceholderFromJoinToLeave() {
        VideoGrid grid = grid();
        grid.onParticipantPresent(ALICE);
        grid.onParticipantPresent(BOB);
        assertEquals(List.of("alice", "bob"), grid.tileLabels());
        assertEquals(List.of("alice", "bob"), grid.placeholders(), "nobody has sent a picture yet");
        BufferedImage image = paint(grid);
        assertEquals(NO_PICTURE, sample(image, grid.tileBounds()[1]), "bob's placeholder is painted");

        grid.onFrame(ALICE, TestFrames.solid(64, 48, PixelFormat.BGR24, 255, 0, 0));
        assertEquals(List.of("bob"), grid.placeholders(), "alice's picture replaces her placeholder");
        assertNotEquals(NO_PICTURE, sample(paint(grid), grid.tileBounds()[0]));

        now.addAndGet(TimeUnit.SECONDS.toNanos(4));   // alice turned her video off: no frame for the stale timeout
        assertEquals(List.of("alice", "bob"), grid.placeholders());
        assertEquals(NO_PICTURE, sample(paint(grid), grid.tileBounds()[0]), "a stale member shows its placeholder");

        grid.onStreamEnded(ALICE);   // the receive pipeline ends the silent stream: the member stays
        assertEquals(List.of("alice", "bob"), grid.tileLabels());
        assertEquals(2, grid.tileCount());

        grid.onParticipantGone(BOB);
        assertEquals(List.of("alice"), grid.tileLabels(), "a member that left loses its tile");
        grid.onParticipantGone(ALICE);
        assertEquals(0, grid.tileCount());
    }

    @Test
    void shouldStillRemoveTheTileOfAStreamWhoseSenderIsNoMember() {
        VideoGrid grid = grid();
        grid.onFrame(ALICE, TestFrames.solid(64, 48, PixelFormat.BGR24, 0, 255, 0));
        assertEquals(1, grid.tileCount());
        grid.onStreamEnded(ALICE);
        assertEquals(0, grid.tileCount(), "without presence a stream's tile goes when it ends, as before");
    }

    @Test
    void shouldGiveAMemberWhosePicturesCameFirstItsPlaceWhenItsStreamEnds() {
        VideoGrid grid = grid();
        grid.onFrame(BOB, TestFrames.solid(64, 48, PixelFormat.BGR24, 0, 0, 255));
        grid.onParticipantPresent(BOB);   // the roster event after the first frame: the same tile
        assertEquals(List.of("bob"), grid.tileLabels());
        grid.onStreamEnded(BOB);
        assertEquals(List.of("bob"), grid.placeholders());
    }
}
