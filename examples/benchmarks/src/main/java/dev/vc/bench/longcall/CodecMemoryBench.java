package dev.vc.bench.longcall;

import dev.vc.api.Config;
import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.VideoFrame;
import dev.vc.bench.BenchConfig;
import dev.vc.bench.MachineLoad;
import dev.vc.bench.ProcessMemory;
import dev.vc.bench.quality.TestSequences;
import dev.vc.examples.client.cli.Flags;
import dev.vc.examples.client.cli.Mains;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The codecs alone, for as many frames as a long call: one encoder and one decoder of {@code --codec} (through the
 * SPI, as a participant finds them) encode and decode 640x480 frames of the synthetic camera as fast as they can,
 * the bitrate changed every {@value #RATE_CHANGE_EVERY} frames and a keyframe asked for every
 * {@value #KEYFRAME_EVERY} (as congestion control and receivers do in a call). Every {@code --every} frames it
 * prints the resident set and the heap after a full collection: memory a codec keeps per frame, in Java or native
 * code (FFmpeg, libopenh264, the JDK's image I/O), shows as a line that climbs, where {@link LongCallBench} mixes it
 * with the transport's and the heap's own growth.
 *
 * <pre>
 * java --add-modules ALL-MODULE-PATH -p examples/benchmarks/target/modules \
 *     -m dev.vc.bench/dev.vc.bench.longcall.CodecMemoryBench --codec h264 --frames 60000 --every 5000
 * </pre>
 *
 * <p>Exit status 0, 1 on bad options or a codec that fails.
 */
public final class CodecMemoryBench {
    /** Frames between two bitrate changes. */
    static final int RATE_CHANGE_EVERY = 45;
    /** Frames between two keyframe requests. */
    static final int KEYFRAME_EVERY = 120;
    private static final String USAGE = "usage: CodecMemoryBench [--codec h264|jpeg] [--frames 60000] [--every 5000]";
    /** Distinct frames captured once and encoded in turn. */
    private static final int SEQUENCE_FRAMES = 90;
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int FPS = 30;

    private CodecMemoryBench() {
    }

    /** @param args see {@link #USAGE} */
    public static void main(String[] args) {
        Mains.exit("vc codec memory bench", () -> {
            Flags flags = Flags.parse(args, USAGE, List.of(), List.of("--codec", "--frames", "--every"));
            String codec = BenchConfig.codecFlag(flags, "h264");
            int frames = flags.integer("--frames", 60_000);
            int every = flags.integer("--every", 5_000);
            Flags.check("--frames", frames, 1, 10_000_000);
            Flags.check("--every", every, 1, frames);
            run(BenchConfig.synthetic(codec, WIDTH, HEIGHT, FPS), codec, frames, every);
            return 0;
        });
    }

    private static void run(Config config, String codec, int frames, int every)
            throws IOException, InterruptedException {
        EncoderSettings settings = EncoderSettings.from(config);
        try (Encoder encoder = ProviderRegistry.encoders().select(config).create(settings);
             Decoder decoder = ProviderRegistry.decoderFor(config, encoder.codec()).create(config)) {
            VideoFrame[] sequence = TestSequences.sequence(TestSequences.SYNTHETIC, SEQUENCE_FRAMES, WIDTH, HEIGHT,
                    encoder.inputFormat());
            System.out.printf(Locale.ROOT, "vc codec memory: %s, %dx%d, %,d frames; load average %s%n", codec, WIDTH,
                    HEIGHT, frames, MachineLoad.average());
            int base = settings.bitrate();
            EncodedFrame encoded = new EncodedFrame();
            VideoFrame decoded = new VideoFrame();
            long decodedFrames = 0;
            long start = System.nanoTime();
            for (int i = 1; i <= frames; i++) {
                if (i % RATE_CHANGE_EVERY == 0) {
                    encoder.setBitrate(base / 2 + (i / RATE_CHANGE_EVERY % 8) * base / 8);
                }
                if (i % KEYFRAME_EVERY == 0) {
                    encoder.requestKeyframe();
                }
                if (encoder.encode(sequence[i % SEQUENCE_FRAMES], encoded) && decoder.decode(encoded, decoded)) {
                    decodedFrames++;
                }
                if (i % every == 0) {
                    System.out.printf(Locale.ROOT, "[%,9d frames, %5.0f s]  decoded %,d  rss %d MB  heap after a "
                                    + "full collection %d MB%n", i, (System.nanoTime() - start) / 1e9, decodedFrames,
                            ProcessMemory.residentBytes() >> 20, ProcessMemory.heapAfterGcBytes() >> 20);
                }
            }
        }
        System.out.printf(Locale.ROOT, "load average %s%n", MachineLoad.average());
    }
}
