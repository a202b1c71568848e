package dev.vc.bench.quality;

import dev.vc.api.Config;
import dev.vc.api.CoreSettings;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderProvider;
import dev.vc.api.EncoderSettings;
import dev.vc.api.FrameSource;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.SourceSettings;
import dev.vc.api.VideoFrame;
import dev.vc.bench.MachineLoad;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * How many frames a second an encoder puts out of a 30 fps synthetic source in real time, at the shared default
 * bitrate ({@code vc.bitrate}'s) and at the codec's own ({@link EncoderProvider#defaultBitrate()}): a rate
 * controller that must skip frames to hold a bitrate too low for its codec shows as a low figure.
 *
 * <pre>{@code
 * java -p examples/benchmarks/target/modules -m dev.vc.bench/dev.vc.bench.quality.EncodedFrameRateBench h264-jcodec 5 [bit/s...]
 * }</pre>
 */
public final class EncodedFrameRateBench {
    private EncodedFrameRateBench() {
    }

    /**
     * @param args codec name, seconds per run, then bitrates to try (default: the shared default and the codec's own)
     */
    public static void main(String[] args) {
        String codec = args.length > 0 ? args[0] : "h264-jcodec";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        EncoderProvider provider = ProviderRegistry.encoders().byName(codec);
        Set<Integer> bitrates = new LinkedHashSet<>();
        for (int i = 2; i < args.length; i++) {
            bitrates.add(Integer.parseInt(args[i]));
        }
        if (bitrates.isEmpty()) {
            bitrates.add(CoreSettings.BITRATE.defaultValue());
            bitrates.add(provider.defaultBitrate());
        }
        System.out.printf("codec %s, 640x480 at 30 fps, %d s per run, load %s%n", codec, seconds, MachineLoad.average());
        for (int bitrate : bitrates) {
            run(provider, bitrate, seconds);
        }
        System.out.printf("load after: %s%n", MachineLoad.average());
    }

    private static void run(EncoderProvider provider, int bitrate, int seconds) {
        Config config = Config.of(Map.of("vc.width", "640", "vc.height", "480", "vc.fps", "30",
                "vc.source", "synthetic"));
        EncoderSettings settings = new EncoderSettings(640, 480, 30, bitrate, 60, 60, config);
        try (Encoder encoder = provider.create(settings);
             FrameSource source = ProviderRegistry.sources().byName("synthetic")
                     .open(SourceSettings.from(config, encoder.inputFormat()))) {
            VideoFrame frame = new VideoFrame();
            EncodedFrame out = new EncodedFrame();
            int captured = 0;
            int encoded = 0;
            long bytes = 0;
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end && source.read(frame)) {
                captured++;
                if (encoder.encode(frame, out)) {
                    encoded++;
                    bytes += out.length();
                }
            }
            System.out.printf("bitrate %,9d bit/s: %d of %d frames encoded, %.1f fps, %,d bit/s out%n", bitrate,
                    encoded, captured, encoded / (double) seconds, bytes * 8 / seconds);
        }
    }
}
