package dev.vc.ui.swing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.Config;
import dev.vc.api.PixelFormat;
import dev.vc.api.RemoteStream;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;
import dev.vc.ui.swing.internal.SwingSettings;
import dev.vc.ui.swing.internal.TestFrames;
import dev.vc.ui.swing.internal.TileBuffer;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.lang.reflect.Method;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks that the steady-state frame copy allocates nothing, and prints (never asserts) what the copy of a
 * 640x480 frame and a paint of ten tiles cost. Rough figures, not a benchmark.
 */
class CopyAndPaintCostTest {
    private static final Object THREAD_BEAN;
    private static final Method ALLOCATED_BYTES;

    static {
        Object bean = null;
        Method method = null;
        try {
            bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            method = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        } catch (ReflectiveOperationException | RuntimeException e) {
            method = null;
        }
        THREAD_BEAN = bean;
        ALLOCATED_BYTES = method;
    }

    /** {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}, reflectively (no module read edge). */
    private static long allocatedBytes() {
        if (ALLOCATED_BYTES == null) {
            return -1;
        }
        try {
            return (Long) ALLOCATED_BYTES.invoke(THREAD_BEAN);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    @ParameterizedTest
    @EnumSource(PixelFormat.class)
    void shouldAllocateNothingPerFrameInSteadyState(PixelFormat format) {
        TileBuffer buffer = new TileBuffer(0);
        VideoFrame frame = TestFrames.solid(640, 480, format, 10, 20, 30);
        for (int i = 0; i < 300; i++) {
            buffer.write(frame, i);
            if (i % 3 == 0) {
                buffer.acquire();
            }
        }
        Assumptions.assumeTrue(allocatedBytes() >= 0, "thread allocation counter not available");
        long before = allocatedBytes();
        for (int i = 0; i < 300; i++) {
            buffer.write(frame, i);
            if (i % 3 == 0) {
                buffer.acquire();
            }
        }
        long allocated = allocatedBytes() - before;
        System.out.printf("vc-ui-swing TileBuffer.write 640x480 %s: %d bytes allocated over 300 frames%n",
                format, allocated);
        assertTrue(allocated < 500, "allocated " + allocated + " bytes over 300 frames");
    }

    @ParameterizedTest
    @EnumSource(PixelFormat.class)
    void printsTheCostOfOnFrameFor640x480(PixelFormat format) {
        VideoGrid grid = new VideoGrid();
        RemoteStream stream = RemoteStream.of(7, VideoCodec.H264);
        VideoFrame frame = TestFrames.solid(640, 480, format, 10, 20, 30);
        for (int i = 0; i < 2_000; i++) {
            grid.onFrame(stream, frame);
        }
        int frames = 2_000;
        long before = allocatedBytes();
        long start = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            grid.onFrame(stream, frame);
        }
        double micros = (System.nanoTime() - start) / 1e3 / frames;
        long allocated = allocatedBytes() - before;
        System.out.printf("vc-ui-swing onFrame 640x480 %s: %.1f us/frame (%d bytes allocated over %d frames,"
                + " repaint events included)%n", format, micros, allocated, frames);
        grid.close();
    }

    @ParameterizedTest
    @EnumSource(SwingSettings.Scaling.class)
    void printsTheCostOfPaintingTenTiles(SwingSettings.Scaling scaling) {
        VideoGrid grid = new VideoGrid(Config.empty().with("vc.ui.scaling", scaling.name().toLowerCase(Locale.ROOT)));
        grid.setSize(1280, 720);
        VideoFrame frame = new VideoFrame();
        BufferedImage screen = new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = screen.createGraphics();
        try {
            int paints = 60;
            long paintNanos = 0;
            for (int i = -30; i < paints; i++) {   // 30 warm-up rounds
                // A fresh frame per stream between paints, as in a live call: each paint swaps every buffer.
                for (int s = 0; s < 10; s++) {
                    grid.onFrame(RemoteStream.of(s, VideoCodec.JPEG), TestFrames.moving(frame, 640, 480, i, s));
                }
                long start = System.nanoTime();
                grid.paint(g);
                if (i >= 0) {
                    paintNanos += System.nanoTime() - start;
                }
            }
            assertTrue(grid.tileCount() == 10);
            System.out.printf("vc-ui-swing paint of 10 tiles (640x480 each, overlay on, %s) into a 1280x720"
                    + " offscreen image: %.2f ms/paint%n", scaling, paintNanos / 1e6 / paints);
        } finally {
            g.dispose();
            grid.close();
        }
    }
}
