package dev.vc.examples.client;

import dev.vc.api.Config;
import dev.vc.api.CoreSettings;
import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.PixelConversion;
import dev.vc.api.PixelFormat;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * The pictures a receiver renders when the relay switches it between two simulcast layers of one sender: a
 * 640x480 layer and a 320x240 layer, each encoded by its own encoder from a picture of four coloured quadrants
 * (a different set of colours per layer, so a screenshot tells which layer is shown, and whether it fills the
 * tile), cut into one stream at keyframes (640x480, 320x240, 640x480), and decoded by the real decoder as the
 * client configures it ({@code vc.decoder.output=bgrx32}).
 */
final class SwitchingStream {
    /** Frames per segment. */
    static final int SEGMENT = 6;
    /** The picture size of each segment. */
    static final int[][] SIZES = {{640, 480}, {320, 240}, {640, 480}};
    /** Quadrant colours (0xRRGGBB: top left, top right, bottom left, bottom right) of the big and small layer. */
    static final int[] BIG_COLOURS = {0xd02020, 0x2040d0, 0x20b040, 0xe0e0e0};
    static final int[] SMALL_COLOURS = {0xe0c020, 0x20c0c0, 0xc020c0, 0x303030};

    private SwitchingStream() {
    }

    /**
     * @param codec the codec of both layers
     * @return one decoded picture per frame of the stream, each a copy at its own size
     */
    static List<VideoFrame> decoded(VideoCodec codec) {
        Config config = Config.empty().with(CoreSettings.CODEC, codec == VideoCodec.H264 ? "h264" : "jpeg")
                .with(CoreSettings.DECODER_OUTPUT, "bgrx32");
        List<VideoFrame> pictures = new ArrayList<>();
        try (Encoder big = encoder(config, 640, 480); Encoder small = encoder(config, 320, 240);
             Decoder decoder = ProviderRegistry.decoderFor(config, codec).create(config)) {
            VideoFrame bigSource = quadrants(640, 480, BIG_COLOURS, big.inputFormat());
            VideoFrame smallSource = quadrants(320, 240, SMALL_COLOURS, small.inputFormat());
            EncodedFrame bigOut = new EncodedFrame();
            EncodedFrame smallOut = new EncodedFrame();
            VideoFrame picture = new VideoFrame();
            for (int i = 0; i < SIZES.length * SEGMENT; i++) {
                boolean wantSmall = SIZES[i / SEGMENT][0] == 320;
                if (i > 0 && i % SEGMENT == 0) {
                    (wantSmall ? small : big).requestKeyframe();
                }
                bigSource.stamp(i * 33_000_000L, i);
                smallSource.stamp(i * 33_000_000L, i);
                check(big.encode(bigSource, bigOut), "640x480 frame " + i);
                check(small.encode(smallSource, smallOut), "320x240 frame " + i);
                EncodedFrame taken = wantSmall ? smallOut : bigOut;
                check(taken.keyframe() == (i % SEGMENT == 0 || !codec.interFrame()), "segments start at keyframes, "
                        + "frame " + i);
                check(decoder.decode(taken, picture), "frame " + i + " decodes");
                pictures.add(new VideoFrame().copyFrom(picture));
            }
        }
        return pictures;
    }

    /** @return 0xRRGGBB of a BGR24 or BGRX32 picture at (x, y) */
    static int rgb(VideoFrame bgr, int x, int y) {
        byte[] d = bgr.data();
        int at = (y * bgr.width() + x) * (bgr.format() == PixelFormat.BGRX32 ? 4 : 3);
        return (d[at + 2] & 0xff) << 16 | (d[at + 1] & 0xff) << 8 | d[at] & 0xff;
    }

    /** @return whether two 0xRRGGBB colours differ by at most {@code tolerance} in every channel */
    static boolean near(int a, int b, int tolerance) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs((a >> shift & 0xff) - (b >> shift & 0xff)) > tolerance) {
                return false;
            }
        }
        return true;
    }

    private static Encoder encoder(Config config, int width, int height) {
        // No periodic keyframes: the stream's only keyframes are the first and the ones asked for at a switch.
        return ProviderRegistry.encoders().select(config)
                .create(new EncoderSettings(width, height, 30, 2_000_000, 80, 10_000, config));
    }

    private static VideoFrame quadrants(int width, int height, int[] colours, PixelFormat format) {
        VideoFrame bgr = new VideoFrame(width, height, PixelFormat.BGR24);
        byte[] d = bgr.data();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int c = colours[(y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1)];
                int at = (y * width + x) * 3;
                d[at] = (byte) c;
                d[at + 1] = (byte) (c >> 8);
                d[at + 2] = (byte) (c >> 16);
            }
        }
        if (format == PixelFormat.BGR24) {
            return bgr;
        }
        VideoFrame i420 = new VideoFrame(width, height, PixelFormat.I420);
        PixelConversion.bgr24ToI420(d, width, height, i420.data());
        return i420;
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
