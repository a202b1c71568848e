package dev.vc.ui.swing;

import dev.vc.testing.Allocations;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.PixelFormat;
import dev.vc.api.VideoFrame;
import dev.vc.ui.swing.internal.TestFrames;
import dev.vc.ui.swing.internal.TileBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks that the steady-state frame copy into a tile allocates nothing. What it costs is measured by the
 * JMH benchmarks (docs/benchmarks.md).
 */
class TileCopyAllocationTest {
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
        Assumptions.assumeTrue(Allocations.currentThread() >= 0, "thread allocation counter not available");
        long before = Allocations.currentThread();
        for (int i = 0; i < 300; i++) {
            buffer.write(frame, i);
            if (i % 3 == 0) {
                buffer.acquire();
            }
        }
        long allocated = Allocations.currentThread() - before;
        System.out.printf("vc-ui-swing TileBuffer.write 640x480 %s: %d bytes allocated over 300 frames%n",
                format, allocated);
        assertTrue(allocated < 500, "allocated " + allocated + " bytes over 300 frames");
    }
}
