package dev.vc.bench;

import dev.vc.api.Config;
import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.FrameSource;
import dev.vc.api.PixelFormat;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.SourceSettings;
import dev.vc.api.VideoFrame;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test sequences and quality figures shared by the codec benchmarks and {@link FfmpegCliBaseline}; nothing here
 * is measured.
 *
 * <ul>
 *   <li>{@value #SYNTHETIC}: vc's own synthetic camera ({@code ProviderRegistry.sources().byName("synthetic")}, seed
 *       1, 30 fps): moving gradient, bouncing shapes, a scrolling checkerboard, mild noise.</li>
 *   <li>{@value #DETAILED}: FFmpeg's {@code testsrc2} pattern (moving colour bars, gradients, text, a clock) with
 *       temporal uniform noise of strength 6 added per frame, like a camera sensor's; written by the
 *       {@code ffmpeg} command-line tool as raw frames into a temporary file and read back. Harder for every
 *       codec: the noise never predicts from the previous frame.</li>
 * </ul>
 *
 * Frames come in the pixel format the encoder under test wants (I420 for H.264, BGR24 for JPEG), both formats
 * from the same picture.
 */
final class BenchFrames {
    /** vc's synthetic camera. */
    static final String SYNTHETIC = "synthetic";
    /** FFmpeg testsrc2 with temporal sensor-like noise. */
    static final String DETAILED = "testsrc2-noise";
    /** The lavfi graph of {@link #DETAILED}. */
    static final String DETAILED_FILTER = "testsrc2=size=%dx%d:rate=30,noise=alls=6:allf=t+u";

    private BenchFrames() {
    }

    /**
     * @param sequence {@link #SYNTHETIC} or {@link #DETAILED}
     * @param count    frames wanted
     * @param width    width in pixels
     * @param height   height in pixels
     * @param format   pixel layout
     * @return the frames, stamped with sequence numbers 0.. and 30 fps capture times
     * @throws IOException if ffmpeg fails
     */
    static VideoFrame[] sequence(String sequence, int count, int width, int height, PixelFormat format)
            throws IOException {
        VideoFrame[] frames = switch (sequence) {
            case SYNTHETIC -> synthetic(count, width, height, format);
            case DETAILED -> lavfi(String.format(DETAILED_FILTER, width, height), count, width, height, format);
            default -> throw new IllegalArgumentException("unknown sequence " + sequence);
        };
        for (int i = 0; i < frames.length; i++) {
            frames[i].stamp(1_700_000_000_000_000_000L + i * 33_333_333L, i);
        }
        return frames;
    }

    /** Reads {@code count} frames from the synthetic camera (paced at 30 fps: two seconds for 60 frames). */
    static VideoFrame[] synthetic(int count, int width, int height, PixelFormat format) {
        Config config = Config.empty().with("vc.width", Integer.toString(width))
                .with("vc.height", Integer.toString(height)).with("vc.fps", "30");
        VideoFrame[] frames = new VideoFrame[count];
        try (FrameSource source = ProviderRegistry.sources().byName("synthetic")
                .open(SourceSettings.from(config, format))) {
            for (int i = 0; i < count; i++) {
                frames[i] = new VideoFrame();
                if (!source.read(frames[i])) {
                    throw new IllegalStateException("the synthetic camera ended");
                }
            }
        }
        return frames;
    }

    /** Renders a lavfi source graph with the ffmpeg CLI into raw frames. */
    static VideoFrame[] lavfi(String graph, int count, int width, int height, PixelFormat format)
            throws IOException {
        Path raw = Files.createTempFile("vc-bench-", format == PixelFormat.I420 ? ".yuv" : ".bgr");
        try {
            run(List.of(systemFfmpeg(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", graph,
                    "-frames:v", Integer.toString(count), "-pix_fmt", format == PixelFormat.I420 ? "yuv420p" : "bgr24",
                    "-f", "rawvideo", raw.toString()), 120);
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

    /** @return the ffmpeg CLI: {@code -Dvc.bench.ffmpeg}, else {@code ffmpeg} from the PATH */
    static String systemFfmpeg() {
        return System.getProperty("vc.bench.ffmpeg", "ffmpeg");
    }

    /**
     * Runs a command, bounded in time.
     *
     * @param command the command line
     * @param seconds time allowed
     * @return what the command wrote to stdout and stderr
     * @throws IOException if it cannot start, fails, or runs out of time
     */
    static String run(List<String> command, int seconds) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Process process = builder.start();
        byte[][] err = new byte[1][];
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                err[0] = in.readAllBytes();
            } catch (IOException e) {
                err[0] = new byte[0];
            }
        }, "ffmpeg-output");
        reader.start();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out after " + seconds + " s: " + String.join(" ", command));
            }
            reader.join(5_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        String stderr = err[0] == null ? "" : new String(err[0], java.nio.charset.StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("exit " + process.exitValue() + ": " + String.join(" ", command) + "\n" + stderr);
        }
        return stderr;
    }

    /**
     * The configuration each codec is benchmarked with: 640x480-style size, 30 fps, quality 60, keyframe
     * interval 300 (the defaults); {@code h264} at the default 600 kbit/s; {@code h264-jcodec} at 3 Mbit/s (what
     * the README quotes) without frame skipping, so that every call really encodes.
     */
    static Config codecConfig(String codec, int width, int height) {
        Config config = Config.empty().with("vc.width", Integer.toString(width))
                .with("vc.height", Integer.toString(height)).with("vc.fps", "30");
        if (codec.equals("h264-jcodec")) {
            config = config.with("vc.bitrate", "3000000").with("vc.h264.jcodec.frameskip", "false");
        }
        return config;
    }

    /**
     * @param codec the encoder provider name
     * @return the pixel format its encoder takes without conversion
     */
    static PixelFormat inputFormat(String codec, int width, int height) {
        try (Encoder encoder = ProviderRegistry.encoders().byName(codec)
                .create(EncoderSettings.from(codecConfig(codec, width, height)))) {
            return encoder.inputFormat();
        }
    }

    /** Index of op {@code n} in a ping-pong walk over {@code count} frames: 0..count-1, count-2..1, 0.. */
    static int pingPong(long n, int count) {
        if (count == 1) {
            return 0;
        }
        int period = 2 * (count - 1);
        int i = (int) (n % period);
        return i < count ? i : period - i;
    }

    /**
     * Encodes a sequence the way a sender would (an encoder that has already run {@code warmFrames} frames of the
     * same content, then a requested keyframe), decodes it, and measures size and luma PSNR.
     *
     * @param codec      provider name (encoder and decoder)
     * @param frames     raw frames in the encoder's input format
     * @param warmFrames frames to encode first (ping-pong), so rate control settles
     * @return the encoded GOP (first frame a keyframe) and its figures
     */
    static Encoded encodeGop(String codec, VideoFrame[] frames, int warmFrames) {
        int width = frames[0].width();
        int height = frames[0].height();
        Config config = codecConfig(codec, width, height);
        List<EncodedFrame> gop = new ArrayList<>();
        try (Encoder encoder = ProviderRegistry.encoders().byName(codec).create(EncoderSettings.from(config));
             Decoder decoder = ProviderRegistry.decoders().byName(codec).create(config)) {
            EncodedFrame scratch = new EncodedFrame();
            for (int n = 0; n < warmFrames; n++) {
                encoder.encode(frames[pingPong(n, frames.length)], scratch);
            }
            encoder.requestKeyframe();
            for (VideoFrame frame : frames) {
                EncodedFrame out = new EncodedFrame();
                if (encoder.encode(frame, out)) {
                    gop.add(out);
                }
            }
            if (gop.isEmpty() || !gop.get(0).keyframe()) {
                throw new IllegalStateException(codec + ": the sequence does not start with a keyframe");
            }
            long bytes = 0;
            long keyBytes = gop.get(0).length();
            double mse = 0;
            VideoFrame decoded = new VideoFrame();
            int pictures = 0;
            for (int i = 0; i < gop.size(); i++) {
                EncodedFrame e = gop.get(i);
                bytes += e.length();
                if (decoder.decode(e, decoded)) {
                    mse += lumaMse(frames[(int) e.sequence()], decoded);
                    pictures++;
                }
            }
            double meanMse = mse / Math.max(1, pictures);
            double psnr = meanMse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / meanMse);
            return new Encoded(gop.toArray(new EncodedFrame[0]), (double) bytes / gop.size(), keyBytes,
                    gop.size() > 1 ? (double) (bytes - keyBytes) / (gop.size() - 1) : keyBytes, psnr, pictures);
        }
    }

    /**
     * An encoded sequence and its figures.
     *
     * @param frames          the access units, the first a keyframe
     * @param bytesPerFrame   mean size over all of them
     * @param keyframeBytes   size of the first (the keyframe)
     * @param deltaBytes      mean size of the others
     * @param lumaPsnr        luma PSNR in dB from the mean squared error over all decoded pictures
     * @param decodedPictures pictures the decoder gave back
     */
    record Encoded(EncodedFrame[] frames, double bytesPerFrame, long keyframeBytes, double deltaBytes,
                   double lumaPsnr, int decodedPictures) {
        String describe() {
            return String.format(java.util.Locale.ROOT,
                    "%d frames, %.0f B/frame (keyframe %d B, others %.0f B), luma PSNR %.2f dB, %d decoded",
                    frames.length, bytesPerFrame, keyframeBytes, deltaBytes, lumaPsnr, decodedPictures);
        }
    }

    /** Mean squared luma error; BGR24 pictures are compared on BT.601 luma (0.299 R + 0.587 G + 0.114 B). */
    static double lumaMse(VideoFrame reference, VideoFrame decoded) {
        if (reference.width() != decoded.width() || reference.height() != decoded.height()) {
            throw new IllegalStateException("decoded " + decoded + " for " + reference);
        }
        int pixels = reference.width() * reference.height();
        double sum = 0;
        for (int i = 0; i < pixels; i++) {
            double d = luma(reference, i) - luma(decoded, i);
            sum += d * d;
        }
        return sum / pixels;
    }

    private static double luma(VideoFrame frame, int pixel) {
        byte[] d = frame.data();
        if (frame.format() == PixelFormat.I420) {
            return d[pixel] & 0xFF;
        }
        int i = pixel * 3;
        return 0.114 * (d[i] & 0xFF) + 0.587 * (d[i + 1] & 0xFF) + 0.299 * (d[i + 2] & 0xFF);
    }
}
