package dev.vc.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VideoFrameTest {
    @Test
    void shouldReuseItsBufferWhenRefilledWithTheSameOrSmallerSize() {
        VideoFrame frame = new VideoFrame(640, 480, PixelFormat.BGR24);
        byte[] buffer = frame.data();
        frame.reset(640, 480, PixelFormat.I420);
        frame.reset(320, 240, PixelFormat.BGR24);
        assertSame(buffer, frame.data());
        assertEquals(320 * 240 * 3, frame.size());
    }

    @Test
    void shouldSizeI420AsOneAndAHalfBytesPerPixel() {
        assertEquals(640 * 480 * 3 / 2, PixelFormat.I420.bufferSize(640, 480));
    }

    @Test
    void shouldRejectOddI420AndAbsurdSizes() {
        assertThrows(IllegalArgumentException.class, () -> new VideoFrame(641, 480, PixelFormat.I420));
        assertThrows(IllegalArgumentException.class, () -> new VideoFrame(0, 480, PixelFormat.BGR24));
        assertThrows(IllegalArgumentException.class, () -> new VideoFrame(100_000, 480, PixelFormat.BGR24));
    }
}
