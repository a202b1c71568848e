package dev.vc.codec.h264;

import dev.vc.api.CodecException;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.PixelFormat;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EncoderLifecycleTest {
    @ParameterizedTest
    @ValueSource(strings = {"h264", "h264-jcodec"})
    void shouldDescribeItselfRejectWrongFramesAndCloseIdempotently(String name) {
        Encoder encoder = Fixtures.encoder(name, 600_000, 300);
        assertEquals(VideoCodec.H264, encoder.codec());
        assertEquals(PixelFormat.I420, encoder.inputFormat());
        EncodedFrame out = new EncodedFrame();
        assertThrows(CodecException.class, () -> encoder.encode(new VideoFrame(320, 240, PixelFormat.I420), out));
        assertThrows(CodecException.class, () -> encoder.encode(new VideoFrame(640, 480, PixelFormat.BGR24), out));
        assertThrows(IllegalArgumentException.class, () -> encoder.setBitrate(5));
        encoder.close();
        encoder.close();
        assertThrows(CodecException.class, () -> encoder.encode(Fixtures.frames().get(0), out));
    }
}
