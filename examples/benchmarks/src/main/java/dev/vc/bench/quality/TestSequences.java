package dev.vc.bench.quality;

import dev.vc.api.CoreSettings;
import dev.vc.api.Config;
import dev.vc.api.FrameSource;
import dev.vc.api.PixelFormat;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.SourceException;
import dev.vc.api.SourceSettings;
import dev.vc.api.VideoFrame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The raw test sequences of the codec benchmarks and {@link dev.vc.bench.quality.QualityBench}, at 30 fps:
 *
 * <ul>
 *   <li>{@value #SYNTHETIC}: vc's own synthetic camera ({@code ProviderRegistry.sources().byName("synthetic")}, seed
 *       1): moving gradient, bouncing shapes, a scrolling checkerboard, mild noise.</li>
 *   <li>{@value #DETAILED}: FFmpeg's {@code testsrc2} pattern (moving colour bars, gradients, text, a clock) with
 *       temporal uniform noise of strength 6 added per frame, like a camera sensor's; written by the
 *       {@code ffmpeg} command-line tool ({@link FfmpegCli}) as raw frames into a temporary file and read back.
 *       Harder for every codec: the noise never predicts from the previous frame. FFmpeg's noise filter has a
 *       fixed default seed, so the frames are the same on every run.</li>
 * </ul>
 *
 * <pre>{@code
 * VideoFrame[] frames = TestSequences.sequence(TestSequences.DETAILED, 300, 640, 480, PixelFormat.BGR24);
 * }</pre>
 */
public final class TestSequences {
    /** vc's synthetic camera. */
    public static final String SYNTHETIC = "synthetic";
    /** FFmpeg testsrc2 with temporal sensor-like noise. */
    public static final String DETAILED = "testsrc2-noise";
    /** Every sequence, in the order reports list them. */
    public static final List<String> NAMES = List.of(SYNTHETIC, DETAILED);
    /** The frame rate of every sequence. */
    public static final int FRAME_RATE = 30;
    /** The lavfi graph of {@link #DETAILED}, to be formatted with the width and height. */
    public static final String DETAILED_FILTER = "testsrc2=size=%dx%d:rate=30,noise=alls=6:allf=t+u";

    private static final long FIRST_CAPTURE_NANOS = 1_700_000_000_000_000_000L;
    private static final long FRAME_NANOS = 1_000_000_000L / FRAME_RATE;
    /** Captures of the synthetic camera tried before giving up. */
    private static final int SYNTHETIC_ATTEMPTS = 3;
    /** A read this close to the next slot's time counts as a whole period late (slot boundaries are not exact). */
    private static final double LATE_MARGIN_NANOS = 1e6;

    private TestSequences() {
    }

    /**
     * @param sequence {@link #SYNTHETIC} or {@link #DETAILED}
     * @param count    frames wanted
     * @param width    width in pixels
     * @param height   height in pixels
     * @param format   pixel layout
     * @return the frames, stamped with sequence numbers 0.. and 30 fps capture times
     * @throws IOException              if ffmpeg fails
     * @throws IllegalArgumentException if the sequence is unknown
     */
    public static VideoFrame[] sequence(String sequence, int count, int width, int height, PixelFormat format)
            throws IOException {
        VideoFrame[] frames = switch (sequence) {
            case SYNTHETIC -> synthetic(count, width, height, format);
            case DETAILED -> lavfi(String.format(DETAILED_FILTER, width, height), count, width, height, format);
            default -> throw new IllegalArgumentException("unknown sequence " + sequence + ", expected one of " + NAMES);
        };
        for (int i = 0; i < frames.length; i++) {
            frames[i].stamp(FIRST_CAPTURE_NANOS + i * FRAME_NANOS, i);
        }
        return frames;
    }

    /**
     * Reads frames from the synthetic camera, paced at 30 fps (ten seconds for 300 frames). The camera paints the
     * picture of a frame slot and skips slots when its reader falls a whole frame period behind, which would make
     * the frames depend on the machine's load. So every read is checked against its slot's time, and a capture
     * during which a read came that late is started again, up to three times in all: the frames returned are slots
     * 0, 1, 2... and the same on every run. They are allocated before the camera opens, so the paced reads do
     * nothing else.
     *
     * @param count  frames wanted
     * @param width  width in pixels
     * @param height height in pixels
     * @param format pixel layout, painted directly by the camera
     * @return the frames as the camera stamped them
     * @throws SourceException if every attempt fell behind (the machine is too busy to read 30 fps)
     */
    public static VideoFrame[] synthetic(int count, int width, int height, PixelFormat format) {
        Config config = Config.empty().with(CoreSettings.WIDTH, width)
                .with(CoreSettings.HEIGHT, height).with(CoreSettings.FPS, FRAME_RATE);
        VideoFrame[] frames = new VideoFrame[count];
        for (int i = 0; i < count; i++) {
            frames[i] = new VideoFrame(width, height, format);
        }
        for (int attempt = 1; attempt <= SYNTHETIC_ATTEMPTS; attempt++) {
            if (readEverySlot(frames, config, format)) {
                return frames;
            }
        }
        throw new SourceException("the synthetic camera fell a frame period behind in each of " + SYNTHETIC_ATTEMPTS
                + " attempts to read " + count + " frames: the machine is too busy");
    }

    /** @return false if a read came so late that the camera may have skipped a slot before it */
    private static boolean readEverySlot(VideoFrame[] frames, Config config, PixelFormat format) {
        try (FrameSource source = ProviderRegistry.sources().byName("synthetic")
                .open(SourceSettings.from(config, format))) {
            for (int i = 0; i < frames.length; i++) {
                if (!source.read(frames[i])) {
                    throw new SourceException("the synthetic camera ended");
                }
                long sinceFirst = frames[i].captureTimeNanos() - frames[0].captureTimeNanos();
                if (sinceFirst > (i + 1) * 1e9 / FRAME_RATE - LATE_MARGIN_NANOS) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Renders a lavfi source graph with the ffmpeg CLI into raw frames.
     *
     * @param graph  the lavfi graph, e.g. {@code testsrc2=size=640x480:rate=30}
     * @param count  frames wanted
     * @param width  width the graph makes
     * @param height height the graph makes
     * @param format pixel layout ffmpeg converts to ({@code yuv420p} or {@code bgr24})
     * @return the frames, unstamped
     * @throws IOException if ffmpeg fails or writes too little
     */
    public static VideoFrame[] lavfi(String graph, int count, int width, int height, PixelFormat format)
            throws IOException {
        Path raw = Files.createTempFile("vc-sequence-", format == PixelFormat.I420 ? ".yuv" : ".bgr");
        try {
            FfmpegCli.run(List.of(FfmpegCli.executable(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                    "-i", graph, "-frames:v", Integer.toString(count),
                    "-pix_fmt", format == PixelFormat.I420 ? "yuv420p" : "bgr24", "-f", "rawvideo", raw.toString()), 120);
            byte[] all = Files.readAllBytes(raw);
            int size = format.bufferSize(width, height);
            if (all.length < (long) size * count) {
                throw new IOException("ffmpeg wrote " + all.length + " bytes, expected " + (long) size * count);
            }
            VideoFrame[] frames = new VideoFrame[count];
            for (int i = 0; i < count; i++) {
                frames[i] = new VideoFrame(width, height, format);
                System.arraycopy(all, i * size, frames[i].data(), 0, size);
            }
            return frames;
        } finally {
            Files.deleteIfExists(raw);
        }
    }
}
