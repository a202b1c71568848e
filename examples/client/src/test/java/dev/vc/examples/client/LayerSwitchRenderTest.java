package dev.vc.examples.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.Config;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.RemoteStream;
import dev.vc.api.Renderer;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;
import dev.vc.ui.swing.VideoGrid;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A stream that switches simulcast layers (640x480, 320x240, 640x480 at keyframes), decoded by the real decoder
 * and rendered by the headless renderer and by the Swing grid painted off screen: each picture comes out at its
 * layer's size, and the grid's tile shows the current layer's picture filling the whole tile.
 * {@link LayerSwitchOnScreenTest} does the same in a real window.
 */
class LayerSwitchRenderTest {
    private static final RemoteStream ALICE = new RemoteStream(0xa11ce, VideoCodec.H264, "alice");

    @ParameterizedTest
    @EnumSource(VideoCodec.class)
    void shouldShowEachLayerAtItsSizeFillingTheTile(VideoCodec codec) {
        List<VideoFrame> pictures = SwitchingStream.decoded(codec);
        RemoteStream stream = new RemoteStream(ALICE.ssrc(), codec, ALICE.label());
        for (int i = 0; i < pictures.size(); i++) {
            int[] size = SwitchingStream.SIZES[i / SwitchingStream.SEGMENT];
            VideoFrame picture = pictures.get(i);
            assertEquals(size[0] + "x" + size[1], picture.width() + "x" + picture.height(), "frame " + i);
            assertQuadrants(colours(i), (x, y) -> SwitchingStream.rgb(picture, x * picture.width() / 4,
                    y * picture.height() / 4), "decoded frame " + i);
        }

        try (Renderer headless = ProviderRegistry.renderers().byName("headless").create(Config.empty())) {
            pictures.forEach(p -> headless.onFrame(stream, p));
            headless.onStreamEnded(stream);
        }

        VideoGrid grid = new VideoGrid(Config.empty());
        grid.setSize(640, 480);
        for (int segment = 0; segment < SwitchingStream.SIZES.length; segment++) {
            for (int i = segment * SwitchingStream.SEGMENT; i < (segment + 1) * SwitchingStream.SEGMENT; i++) {
                grid.onFrame(stream, pictures.get(i));
            }
            BufferedImage painted = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = painted.createGraphics();
            try {
                grid.paint(g);
            } finally {
                g.dispose();
            }
            Rectangle tile = grid.tileBounds()[0];
            int first = segment * SwitchingStream.SEGMENT;
            assertQuadrants(colours(first), (x, y) -> painted.getRGB(tile.x + x * tile.width / 4,
                    tile.y + y * tile.height / 4) & 0xffffff, codec + " tile after segment " + segment);
        }
        assertEquals(1, grid.tileCount(), "one stream, one tile, whatever its size");
        grid.close();
    }

    private static int[] colours(int frame) {
        return SwitchingStream.SIZES[frame / SwitchingStream.SEGMENT][0] == 320 ? SwitchingStream.SMALL_COLOURS
                : SwitchingStream.BIG_COLOURS;
    }

    /** Where to sample: (x, y) in quarters of the picture's width and height. */
    interface Sampler {
        int rgb(int quarterX, int quarterY);
    }

    /** Checks the centre of each quadrant (1 and 3 quarters across and down) against its colour. */
    static void assertQuadrants(int[] colours, Sampler sampler, String what) {
        for (int q = 0; q < 4; q++) {
            int seen = sampler.rgb(q % 2 == 0 ? 1 : 3, q < 2 ? 1 : 3);
            assertTrue(SwitchingStream.near(seen, colours[q], 40), what + ": quadrant " + q + " is "
                    + Integer.toHexString(seen) + ", expected " + Integer.toHexString(colours[q]));
        }
    }
}
