package dev.vc.capture.internal;

import dev.vc.testing.Allocations;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.Config;
import dev.vc.api.PixelFormat;
import dev.vc.api.SourceSettings;
import dev.vc.api.VideoFrame;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks that steady-state reads allocate nothing, and prints (never asserts) the cost of a 640x480 frame.
 */
class AllocationAndCostTest {
    @ParameterizedTest
    @EnumSource(PixelFormat.class)
    void shouldAllocateNothingPerFrameInSteadyState(PixelFormat format) {
        SourceSettings settings = new SourceSettings(640, 480, 30, format, Config.empty());
        try (SyntheticSource camera = new SyntheticSource(settings, 5, new FakePacingClock())) {
            VideoFrame frame = new VideoFrame();
            for (int i = 0; i < 1_000; i++) {
                camera.read(frame); // warm up (JIT) and size the frame
            }
            Assumptions.assumeTrue(Allocations.currentThread() >= 0, "thread allocation counter not available");
            long before = Allocations.currentThread();
            for (int i = 0; i < 500; i++) {
                camera.read(frame);
            }
            long allocated = Allocations.currentThread() - before;
            System.out.printf("synthetic camera 640x480 %s: %d bytes allocated over 500 reads%n", format, allocated);
            // Allow for the counter's own boxing; a single allocation per frame would be 8 KB or more.
            assertTrue(allocated < 500, "allocated " + allocated + " bytes over 500 frames");
        }
    }
}
