package dev.vc.ui.swing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.PixelFormat;
import dev.vc.api.RemoteStream;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;
import dev.vc.ui.swing.internal.TestFrames;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The grid painted into an offscreen image through {@code paint(Graphics)}: no display needed. */
class VideoGridTest {
    @Test
    void shouldDrawAPictureSlightlyLargerThanItsTileUnscaledWithItsCentreCropped() {
        BufferedImage picture = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                picture.setRGB(x, y, x << 12 | y);   // every pixel its own colour
            }
        }
        BufferedImage screen = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = screen.createGraphics();
        VideoGrid.drawPicture(g, picture, new Rectangle(10, 20, 315, 236));   // the 3x3 tile of a 1280x720 grid
        g.dispose();
        for (int[] at : new int[][] {{0, 0}, {314, 235}, {100, 50}}) {
            assertEquals(picture.getRGB(at[0] + 2, at[1] + 2), screen.getRGB(10 + at[0], 20 + at[1]),
                    "tile pixel " + at[0] + "," + at[1] + " is the picture's, 2 pixels in: no scaling");
        }
        assertEquals(0, screen.getRGB(9, 19) & 0xffffff, "nothing drawn outside the tile");
        assertEquals(0, screen.getRGB(325, 256) & 0xffffff, "nothing drawn outside the tile");
    }

    @Test
    void shouldScaleAPictureMuchLargerOrSmallerThanItsTile() {
        BufferedImage picture = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D p = picture.createGraphics();
        p.setColor(java.awt.Color.RED);
        p.fillRect(0, 0, 640, 480);
        p.setColor(java.awt.Color.BLUE);
        p.fillRect(320, 240, 320, 240);   // bottom right quarter
        p.dispose();
        BufferedImage screen = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = screen.createGraphics();
        VideoGrid.drawPicture(g, picture, new Rectangle(0, 0, 315, 236));
        g.dispose();
        assertEquals(0xff0000, screen.getRGB(10, 10) & 0xffffff);
        assertEquals(0x0000ff, screen.getRGB(300, 230) & 0xffffff, "the whole picture fills the tile");
    }

    private static final RemoteStream ALICE = new RemoteStream(0x1111, VideoCodec.JPEG, "alice");
    private static final RemoteStream BOB = new RemoteStream(0x2222, VideoCodec.JPEG, "bob");

    private final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(100));

    private VideoGrid grid(SwingSettings settings, int width, int height) {
        VideoGrid grid = new VideoGrid(settings, now::get);
        grid.setSize(width, height);
        return grid;
    }

    private static SwingSettings settings(boolean overlay, int maxStreams) {
        return new SwingSettings("vc", 320, 240, overlay, SwingSettings.Scaling.NEAREST, 60, 3000, maxStreams);
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

    /** A point inside the tile clear of the label strip, the overlay and the centred "stale" text. */
    private static int sample(BufferedImage image, Rectangle tile) {
        return image.getRGB(tile.x + tile.width * 3 / 4, tile.y + tile.height / 2) & 0xffffff;
    }

    @Test
    void shouldPaintTheNewestFrameWhenSeveralArriveBeforeAPaint() {
        VideoGrid grid = grid(SwingSettings.DEFAULTS, 320, 240);
        grid.onFrame(ALICE, TestFrames.solid(64, 48, PixelFormat.BGR24, 255, 0, 0));
        grid.onFrame(ALICE, TestFrames.solid(64, 48, PixelFormat.BGR24, 0, 255, 0));
        grid.onFrame(ALICE, TestFrames.solid(64, 48, PixelFormat.BGR24, 0, 0, 255));
        BufferedImage painted = paint(grid);
        assertEquals(0x0000ff, sample(painted, grid.tileBounds()[0]));

        // And again after a paint: two more frames, the last one shows.
        grid.onFrame(ALICE, TestFrames.solid(64, 48, PixelFormat.I420, 255, 255, 255));
        grid.onFrame(ALICE, TestFrames.solid(64, 48, PixelFormat.BGR24, 255, 255, 0));
        assertEquals(0xffff00, sample(paint(grid), grid.tileBounds()[0]));
    }

    @Test
    void shouldGiveEachStreamATileInArrivalOrderAndRemoveItWhenItEnds() {
        VideoGrid grid = grid(SwingSettings.DEFAULTS, 640, 240);
        grid.onFrame(ALICE, TestFrames.solid(64, 48, PixelFormat.BGR24, 255, 0, 0));
        grid.onFrame(BOB, TestFrames.solid(64, 48, PixelFormat.I420, 0, 0, 255));
        assertEquals(2, grid.tileCount());
        Rectangle[] tiles = grid.tileBounds();
        assertTrue(tiles[0].x < tiles[1].x, "2x1: alice left, bob right");
        BufferedImage painted = paint(grid);
        assertEquals(0xff0000, sample(painted, tiles[0]));
        int bob = sample(painted, tiles[1]);
        assertTrue((bob & 0xff) > 250 && (bob >> 16) < 5, Integer.toHexString(bob));

        grid.onStreamEnded(ALICE);
        assertEquals(1, grid.tileCount());
        Rectangle only = grid.tileBounds()[0];
        assertEquals(bob, sample(paint(grid), only));
        grid.onStreamEnded(ALICE);   // twice: harmless
        grid.onStreamEnded(BOB);
        assertEquals(0, grid.tileCount());
        assertEquals(0x18181c, paint(grid).getRGB(320, 120 + 40) & 0xffffff, "background once empty");
    }

    @Test
    void shouldGreyAStreamWithoutFramesForTheStaleTimeoutUntilItEnds() {
        VideoGrid grid = grid(SwingSettings.DEFAULTS, 320, 240);
        grid.onFrame(ALICE, TestFrames.solid(64, 48, PixelFormat.BGR24, 255, 0, 0));
        Rectangle tile = grid.tileBounds()[0];
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(2_900));
        assertEquals(0xff0000, sample(paint(grid), tile), "fresh before the timeout");

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
        int stale = sample(paint(grid), tile);
        int r = stale >> 16 & 0xff;
        int g = stale >> 8 & 0xff;
        int b = stale & 0xff;
        assertTrue(r - Math.min(g, b) < 90 && r > 90, "greyed: " + Integer.toHexString(stale));
        assertEquals(1, grid.tileCount(), "stale is shown, not removed");

        grid.onFrame(ALICE, TestFrames.solid(64, 48, PixelFormat.BGR24, 255, 0, 0));
        assertEquals(0xff0000, sample(paint(grid), tile), "a new frame revives it");
    }

    @Test
    void shouldDrawTheLabelAndTheOverlayOnlyWhenEnabled() {
        VideoFrame black = TestFrames.solid(64, 48, PixelFormat.BGR24, 0, 0, 0);
        VideoGrid with = grid(SwingSettings.DEFAULTS, 320, 240);
        VideoGrid without = grid(settings(false, 64), 320, 240);
        with.onFrame(ALICE, black);
        without.onFrame(ALICE, black);
        Rectangle tile = with.tileBounds()[0];
        Rectangle top = new Rectangle(tile.x, tile.y, tile.width / 2, 16);
        Rectangle bottom = new Rectangle(tile.x, tile.y + tile.height - 16, tile.width / 2, 16);
        assertTrue(brightPixels(paint(with), top) > 0, "overlay text drawn");
        assertEquals(0, brightPixels(paint(without), top), "no overlay when vc.ui.overlay=false");
        assertTrue(brightPixels(paint(without), bottom) > 0, "label always drawn");
    }

    @Test
    void shouldIgnoreFramesBeyondMaxStreamsAndEverythingAfterClose() {
        VideoGrid grid = grid(settings(true, 1), 320, 240);
        VideoFrame frame = TestFrames.solid(64, 48, PixelFormat.BGR24, 9, 9, 9);
        grid.onFrame(ALICE, frame);
        grid.onFrame(BOB, frame);
        assertEquals(1, grid.tileCount());
        assertEquals(1, grid.ignoredFrames());
        grid.close();
        grid.close();
        grid.onFrame(BOB, frame);
        assertEquals(0, grid.tileCount());
        paint(grid);
    }

    @Test
    void shouldReadItsSettingsFromTheConfiguration() {
        SwingSettings settings = SwingSettings.from(Config.empty().with("vc.ui.overlay", "FALSE")
                .with("vc.ui.title", "Room 7").with("vc.ui.width", "800").with("vc.stale.timeout.ms", "1500"));
        assertFalse(settings.overlay());
        assertEquals("Room 7", settings.title());
        assertEquals(800, settings.width());
        assertEquals(720, settings.height());
        assertEquals(1500, settings.staleTimeoutMs());
        assertEquals(SwingSettings.DEFAULTS, SwingSettings.from(Config.empty()));
        assertEquals(SwingSettings.Scaling.BILINEAR,
                SwingSettings.from(Config.empty().with("vc.ui.scaling", "bilinear")).scaling());
        assertThrows(ConfigException.class, () -> SwingSettings.from(Config.empty().with("vc.ui.overlay", "maybe")));
        assertThrows(ConfigException.class, () -> SwingSettings.from(Config.empty().with("vc.ui.scaling", "cubic")));
        assertEquals(new Dimension(1280, 720), new VideoGrid().getPreferredSize());
    }

    private static int brightPixels(BufferedImage image, Rectangle area) {
        int count = 0;
        for (int y = area.y; y < area.y + area.height; y++) {
            for (int x = area.x; x < area.x + area.width; x++) {
                int rgb = image.getRGB(x, y);
                if ((rgb >> 16 & 0xff) > 128 && (rgb >> 8 & 0xff) > 128 && (rgb & 0xff) > 128) {
                    count++;
                }
            }
        }
        return count;
    }
}
