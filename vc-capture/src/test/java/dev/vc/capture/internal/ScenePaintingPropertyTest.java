package dev.vc.capture.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vc.api.Config;
import dev.vc.api.PixelFormat;
import dev.vc.api.SourceSettings;
import dev.vc.api.VideoFrame;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class ScenePaintingPropertyTest {
    @Property
    void paintsAnyEvenSizeInBoundsAndDeterministically(@ForAll @IntRange(min = 8, max = 200) int halfWidth,
                                                       @ForAll @IntRange(min = 8, max = 200) int halfHeight,
                                                       @ForAll PixelFormat format, @ForAll int seed,
                                                       @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long slot) {
        SourceSettings settings = new SourceSettings(2 * halfWidth, 2 * halfHeight, 30, format, Config.empty());
        VideoFrame first = new VideoFrame();
        VideoFrame second = new VideoFrame();
        new SyntheticSource(settings, seed, new FakePacingClock()).paint(slot, first);
        new SyntheticSource(settings, seed, new FakePacingClock()).paint(slot, second);
        assertEquals(format.bufferSize(2 * halfWidth, 2 * halfHeight), first.size());
        assertArrayEquals(Arrays.copyOf(first.data(), first.size()), Arrays.copyOf(second.data(), second.size()));
    }

    @Property(tries = 200)
    void paintsOddBgrSizes(@ForAll @IntRange(min = 16, max = 301) int width,
                           @ForAll @IntRange(min = 16, max = 301) int height, @ForAll int seed,
                           @ForAll @LongRange(min = 0, max = 100_000) long slot) {
        SourceSettings settings = new SourceSettings(width, height, 30, PixelFormat.BGR24, Config.empty());
        VideoFrame frame = new VideoFrame();
        new SyntheticSource(settings, seed, new FakePacingClock()).paint(slot, frame);
        assertEquals(width * height * 3, frame.size());
    }
}
