package dev.vc.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.CodecException;
import dev.vc.api.Config;
import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.PixelFormat;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Bad input gives a decoded frame or a CodecException, never anything else, and never breaks the decoder. */
class JpegDecoderRobustnessTest {
    /** A valid 160x120 JPEG of a synthetic frame, and the frame itself. */
    private static final VideoFrame original = TestFrames.synthetic(160, 120, PixelFormat.BGR24, 1).get(0);
    private static final byte[] valid = encode(original);
    /** One decoder shared by every try of every property, so a bad frame must not break it for the next. */
    private static final Decoder decoder = new JpegDecoderProvider().create(Config.empty());

    private static byte[] encode(VideoFrame frame) {
        EncodedFrame jpeg = new EncodedFrame();
        try (Encoder encoder = new JpegEncoderProvider().create(EncoderSettings.from(Config.empty()))) {
            encoder.encode(frame, jpeg);
        }
        return Arrays.copyOf(jpeg.data(), jpeg.length());
    }

    private static EncodedFrame frame(byte[] bytes) {
        EncodedFrame frame = new EncodedFrame(Math.max(1, bytes.length));
        frame.set(bytes, 0, bytes.length);
        frame.describe(VideoCodec.JPEG, true, 160, 120, 1234, 5);
        return frame;
    }

    /** Decodes {@code bytes}, accepting a picture or a CodecException, then checks a valid frame still decodes. */
    private static void decodeThenRecover(Decoder decoder, byte[] bytes) {
        VideoFrame out = new VideoFrame();
        try {
            assertTrue(decoder.decode(frame(bytes), out));
            assertEquals(PixelFormat.BGR24, out.format());
        } catch (CodecException expected) {
            // the one allowed failure
        }
        VideoFrame good = new VideoFrame();
        assertTrue(decoder.decode(frame(valid), good));
        assertTrue(TestFrames.psnr(TestFrames.lumaMse(original, good)) > 30, "decoder recovered");
    }

    @Property
    void randomBytesDecodeOrFailWithCodecException(@ForAll @Size(max = 2048) byte[] garbage) {
        decodeThenRecover(decoder, garbage);
    }

    @Property
    void randomBytesAfterAJpegHeaderDecodeOrFailWithCodecException(@ForAll @Size(max = 2048) byte[] tail,
                                                                   @ForAll @IntRange(min = 2, max = 700) int keep) {
        byte[] spliced = Arrays.copyOf(valid, Math.min(keep, valid.length) + tail.length);
        System.arraycopy(tail, 0, spliced, Math.min(keep, valid.length), tail.length);
        decodeThenRecover(decoder, spliced);
    }

    @Property
    void truncationsDecodeOrFailWithCodecException(@ForAll @IntRange(min = 0, max = 100_000) int cut) {
        decodeThenRecover(decoder, Arrays.copyOf(valid, cut % valid.length));
    }

    @Property
    void corruptedBytesDecodeOrFailWithCodecException(@ForAll @IntRange(min = 0, max = 100_000) int position,
                                                      @ForAll byte value,
                                                      @ForAll @IntRange(min = 1, max = 8) int count) {
        byte[] corrupted = valid.clone();
        for (int i = 0; i < count; i++) {
            corrupted[(position + i * 97) % corrupted.length] = (byte) (value + i);
        }
        decodeThenRecover(decoder, corrupted);
    }

    @Test
    void shouldRejectTruncatedFramesWithCodecException() {
        Decoder fresh = new JpegDecoderProvider().create(Config.empty());
        assertThrows(CodecException.class, () -> fresh.decode(frame(Arrays.copyOf(valid, valid.length / 2)),
                new VideoFrame()));
        assertThrows(CodecException.class, () -> fresh.decode(frame(new byte[0]), new VideoFrame()));
        assertThrows(CodecException.class, () -> fresh.decode(frame(new byte[] {1, 2, 3, 4}), new VideoFrame()));
        fresh.close();
    }

    @Test
    void shouldDecodeAValidFrameAfterGarbage() {
        Decoder fresh = new JpegDecoderProvider().create(Config.empty());
        assertThrows(CodecException.class, () -> fresh.decode(frame(new byte[] {(byte) 0xFF, (byte) 0xD8, 9, 9}),
                new VideoFrame()));
        VideoFrame out = new VideoFrame();
        assertTrue(fresh.decode(frame(valid), out));
        assertEquals(160, out.width());
        assertEquals(1234, out.captureTimeNanos());
        assertEquals(5, out.sequence());
        fresh.close();
        fresh.close();
        assertThrows(CodecException.class, () -> fresh.decode(frame(valid), out));
    }

    @Test
    void shouldDecodeAGreyscaleJpegAsGreyBgr() throws Exception {
        java.awt.image.BufferedImage grey = new java.awt.image.BufferedImage(32, 16,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(3, 3, 0, 200);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(grey, "jpeg", bytes);
        VideoFrame out = new VideoFrame();
        assertTrue(decoder.decode(frame(bytes.toByteArray()), out));
        assertEquals(32, out.width());
        assertEquals(16, out.height());
        int at = (3 * 32 + 3) * 3;
        assertEquals(out.data()[at], out.data()[at + 2], "blue equals red");
        assertTrue((out.data()[at] & 0xFF) > 150, "the bright pixel survived");
        assertTrue(decoder.decode(frame(valid), out));
    }

    @Test
    void shouldRejectOtherCodecs() {
        EncodedFrame h264 = frame(valid).describe(VideoCodec.H264, true, 160, 120, 0, 0);
        assertThrows(CodecException.class, () -> decoder.decode(h264, new VideoFrame()));
    }
}
