package dev.vc.ui.swing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.PixelFormat;
import dev.vc.api.VideoFrame;
import dev.vc.ui.swing.internal.TestFrames;
import dev.vc.ui.swing.internal.TileBuffer;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks that the steady-state frame copy into a tile allocates nothing. What it costs is measured by the
 * JMH benchmarks (docs/benchmarks.md).
 */
class TileCopyAllocationTest {
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
}
