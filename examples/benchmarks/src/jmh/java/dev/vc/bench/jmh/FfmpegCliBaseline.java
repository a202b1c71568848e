package dev.vc.bench.jmh;

import dev.vc.api.PixelFormat;
import dev.vc.api.VideoFrame;
import dev.vc.bench.quality.FfmpegCli;
import dev.vc.bench.quality.TestSequences;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ceiling to compare {@link CodecBenchmark} with: the {@code ffmpeg} command-line tool encoding and decoding
 * the same frames with the same libraries on one thread. Not a JMH benchmark; a main, run from the same jar:
 *
 * <pre>
 * java -cp examples/benchmarks/target/benchmarks.jar dev.vc.bench.jmh.FfmpegCliBaseline [--frames 300] [--ffmpeg PATH]
 *      [--sequence synthetic|testsrc2-noise] [--timeout 120]
 * </pre>
 *
 * <p>For each sequence it makes the 60 frames {@link CodecBenchmark} uses (I420 and BGR24), writes {@code --frames}
 * of them in the same ping-pong order as raw files, then times, with {@code ffmpeg -benchmark} (user + system CPU
 * of the whole process, all its threads), on {@code -threads 1}:
 * <ul>
 *   <li>libopenh264 encode: {@code -f rawvideo -pix_fmt yuv420p -s 640x480 -r 30 -i frames.yuv -c:v libopenh264
 *       -b:v 600k -rc_mode bitrate -allow_skip_frames 0 -g 300 -f null -} (vc's settings);</li>
 *   <li>mjpeg encode from BGR24 (vc's {@code jpeg} input, so the colour conversion counts on both sides) to 4:2:0
 *       ({@code -pix_fmt yuvj420p}) with standard Huffman tables ({@code -huffman default}), as vc writes, at the
 *       {@code -q:v} whose bytes per frame come closest to vc's {@code jpeg} quality 60 on the same frames;</li>
 *   <li>decoding each stream written once to a file: H.264 with FFmpeg's own decoder to I420 (as vc's {@code h264}
 *       decoder), MJPEG to BGR24 (as vc's {@code jpeg} decoder), both to {@code -f null -}.</li>
 * </ul>
 * Each run is done for all frames and for one frame; ms/frame is the difference divided by the frames in between,
 * so process start and codec set-up cancel out. Every process is bounded by {@code --timeout} seconds.
 *
 * <p>The default {@code ffmpeg} is the executable bytedeco ships in the FFmpeg native jar (FFmpeg 7.1.1 with the
 * same libopenh264 vc's {@code h264} provider loads), extracted by JavaCPP's Loader from the class path; Debian's
 * {@code ffmpeg} has no libopenh264 encoder.
 */
public final class FfmpegCliBaseline {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int FRAMES = 60;
    private static final Pattern BENCH = Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s rtime=([0-9.]+)s");

    private final String ffmpeg;
    private final int frames;
    private final int timeout;
    private final Path dir;

    private FfmpegCliBaseline(String ffmpeg, int frames, int timeout, Path dir) {
        this.ffmpeg = ffmpeg;
        this.frames = frames;
        this.timeout = timeout;
        this.dir = dir;
    }

    /**
     * @param args {@code --frames N}, {@code --ffmpeg PATH}, {@code --sequence NAME} (repeatable; default both),
     *             {@code --timeout SECONDS}
     * @throws Exception if a step fails
     */
    public static void main(String[] args) throws Exception {
        int frames = 300;
        int timeout = 120;
        String ffmpeg = null;
        List<String> sequences = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--frames" -> frames = Integer.parseInt(args[++i]);
                case "--timeout" -> timeout = Integer.parseInt(args[++i]);
                case "--ffmpeg" -> ffmpeg = args[++i];
                case "--sequence" -> sequences.add(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (frames < 10) {
            throw new IllegalArgumentException("--frames must be at least 10");
        }
        if (sequences.isEmpty()) {
            sequences = List.of(TestSequences.SYNTHETIC, TestSequences.DETAILED);
        }
        if (ffmpeg == null) {
            ffmpeg = bytedecoFfmpeg();
        }
        Path dir = Files.createTempDirectory("vc-ffmpeg-baseline-");
        try {
            FfmpegCliBaseline baseline = new FfmpegCliBaseline(ffmpeg, frames, timeout, dir);
            String version = FfmpegCli.run(List.of(ffmpeg, "-hide_banner", "-encoders"), timeout);
            System.out.println("ffmpeg: " + ffmpeg);
            printVersion(ffmpeg, timeout);
            System.out.printf(Locale.ROOT, "frames per run: %d (and 1), 640x480, -threads 1; CPU = user + system%n%n",
                    frames);
            System.out.println("| sequence | step | ffmpeg CPU ms/frame | ffmpeg wall ms/frame | bytes/frame | settings |");
            System.out.println("|---|---|---|---|---|---|");
            for (String sequence : sequences) {
                baseline.run(sequence, version.contains("libopenh264"));
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void printVersion(String ffmpeg, int timeout) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ffmpeg, "-version").redirectErrorStream(true);
        Process p = builder.start();
        String first = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .lines().findFirst().orElse("?");
        try {
            p.waitFor(timeout, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.println(first);
    }

    /** The ffmpeg executable in bytedeco's native jar, extracted by JavaCPP (reflection: the module does not read it). */
    static String bytedecoFfmpeg() {
        try {
            Class<?> loader = Class.forName("org.bytedeco.javacpp.Loader");
            return (String) loader.getMethod("load", Class.class)
                    .invoke(null, Class.forName("org.bytedeco.ffmpeg.ffmpeg"));
        } catch (ReflectiveOperationException | LinkageError e) {
            System.err.println("bytedeco's ffmpeg not found (" + e + "); using " + FfmpegCli.executable());
            return FfmpegCli.executable();
        }
    }

    private void run(String sequence, boolean hasOpenH264) throws IOException {
        VideoFrame[] yuv = TestSequences.sequence(sequence, FRAMES, WIDTH, HEIGHT, PixelFormat.I420);
        VideoFrame[] bgr = TestSequences.sequence(sequence, FRAMES, WIDTH, HEIGHT, PixelFormat.BGR24);
        Path yuvFile = write(yuv, "frames.yuv");
        Path bgrFile = write(bgr, "frames.bgr");
        String size = WIDTH + "x" + HEIGHT;

        if (hasOpenH264) {
            List<String> input = List.of("-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", size, "-r", "30",
                    "-i", yuvFile.toString());
            List<String> codec = List.of("-c:v", "libopenh264", "-b:v", "600k", "-rc_mode", "bitrate",
                    "-allow_skip_frames", "0", "-g", "300", "-threads", "1");
            Path stream = dir.resolve("out.h264");
            ffmpeg(concat(input, codec, List.of("-f", "h264", stream.toString())), frames);
            double bytes = (double) Files.size(stream) / frames;
            Cost encode = marginal(concat(input, codec, List.of("-f", "null", "-")));
            row(sequence, "libopenh264 encode", encode, bytes, "600k, rc_mode bitrate, g 300");
            Cost decode = marginal(concat(List.of("-threads", "1", "-c:v", "h264", "-f", "h264", "-i", stream.toString()),
                    List.of("-pix_fmt", "yuv420p", "-f", "null", "-")));
            row(sequence, "h264 decode (FFmpeg)", decode, bytes, "to yuv420p");
        } else {
            System.out.println("| " + sequence + " | libopenh264 | this ffmpeg has no libopenh264 encoder | | | |");
        }

        int q = matchJpegQuality(bgr, bgrFile);
        List<String> input = List.of("-f", "rawvideo", "-pix_fmt", "bgr24", "-s", size, "-r", "30",
                "-i", bgrFile.toString());
        List<String> codec = List.of("-c:v", "mjpeg", "-q:v", Integer.toString(q), "-huffman", "default",
                "-pix_fmt", "yuvj420p", "-threads", "1");
        Path stream = dir.resolve("out.mjpeg");
        ffmpeg(concat(input, codec, List.of("-f", "mjpeg", stream.toString())), frames);
        double bytes = (double) Files.size(stream) / frames;
        Cost encode = marginal(concat(input, codec, List.of("-f", "null", "-")));
        row(sequence, "mjpeg encode (from BGR24)", encode, bytes, "-q:v " + q + ", huffman default");
        Cost decode = marginal(concat(List.of("-threads", "1", "-f", "mjpeg", "-i", stream.toString()),
                List.of("-pix_fmt", "bgr24", "-f", "null", "-")));
        row(sequence, "mjpeg decode (to BGR24)", decode, bytes, "");
        Cost decodeYuv = marginal(concat(List.of("-threads", "1", "-f", "mjpeg", "-i", stream.toString()),
                List.of("-f", "null", "-")));
        row(sequence, "mjpeg decode (to yuvj420p)", decodeYuv, bytes, "no colour conversion");
    }

    /** Picks the mjpeg {@code -q:v} whose output size comes closest to vc's jpeg (quality 60) on these frames. */
    private int matchJpegQuality(VideoFrame[] bgr, Path bgrFile) throws IOException {
        BenchFrames.Encoded vc = BenchFrames.encodeGop("jpeg", bgr, 0);
        int best = 2;
        double bestGap = Double.MAX_VALUE;
        Path out = dir.resolve("probe.mjpeg");
        for (int q = 2; q <= 20; q++) {
            FfmpegCli.run(List.of(ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt",
                    "bgr24", "-s", WIDTH + "x" + HEIGHT, "-r", "30", "-i", bgrFile.toString(), "-frames:v",
                    Integer.toString(FRAMES), "-c:v", "mjpeg", "-q:v", Integer.toString(q), "-huffman", "default",
                    "-pix_fmt", "yuvj420p", "-f", "mjpeg", out.toString()), timeout);
            double bytes = (double) Files.size(out) / FRAMES;
            double gap = Math.abs(bytes - vc.bytesPerFrame());
            if (gap < bestGap) {
                bestGap = gap;
                best = q;
            }
        }
        System.out.printf(Locale.ROOT, "(vc jpeg q60 on these frames: %.0f B/frame; mjpeg -q:v %d is closest)%n",
                vc.bytesPerFrame(), best);
        return best;
    }

    private Path write(VideoFrame[] source, String name) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n = 0; n < frames; n++) {
                VideoFrame f = source[BenchFrames.pingPong(n, source.length)];
                out.write(f.data(), 0, f.size());
            }
        }
        return file;
    }

    /** CPU and wall time per frame: (all frames - one frame) / (frames - 1). */
    record Cost(double cpuMs, double wallMs) {
    }

    private Cost marginal(List<String> args) throws IOException {
        double[] all = ffmpeg(args, frames);
        double[] one = ffmpeg(args, 1);
        return new Cost((all[0] - one[0]) * 1000 / (frames - 1), (all[1] - one[1]) * 1000 / (frames - 1));
    }

    /** @return {cpu seconds, wall seconds} of one ffmpeg run limited to {@code count} output frames */
    private double[] ffmpeg(List<String> args, int count) throws IOException {
        List<String> command = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info",
                "-benchmark", "-y"));
        // -frames:v is an output option: it goes right before "-f FORMAT OUTPUT", how every args list ends.
        command.addAll(args.subList(0, args.size() - 3));
        command.add("-frames:v");
        command.add(Integer.toString(count));
        command.addAll(args.subList(args.size() - 3, args.size()));
        String err = FfmpegCli.run(command, timeout);
        Matcher m = BENCH.matcher(err);
        if (!m.find()) {
            throw new IOException("no -benchmark line from: " + String.join(" ", command) + "\n" + err);
        }
        return new double[] {Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3))};
    }

    private static void row(String sequence, String step, Cost cost, double bytes, String settings) {
        System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.0f | %s |%n", sequence, step, cost.cpuMs(),
                cost.wallMs(), bytes, settings);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all;
    }
}
