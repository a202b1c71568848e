package dev.vc.bench.quality;

import dev.vc.api.ConfigException;
import dev.vc.examples.client.cli.Flags;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link QualityBench}'s command line.
 *
 * @param frames         frames of each sequence, 2..3000 (300 = 10 s at 30 fps)
 * @param sequences      {@link TestSequences} names, at least one
 * @param jpegQualities  JPEG qualities 1..100; must include {@value BandwidthVerdict#REFERENCE_QUALITY}, the
 *                       reference
 * @param h264Bitrates   {@code h264} target bitrates in bit/s, at least one
 * @param jcodecBitrates {@code h264-jcodec} target bitrates in bit/s, possibly none
 * @param out            directory for {@code quality.csv} and {@code quality.png}
 */
public record QualityBenchOptions(int frames, List<String> sequences, List<Integer> jpegQualities,
                                  List<Integer> h264Bitrates, List<Integer> jcodecBitrates, Path out) {
    /** Default JPEG qualities: the reference q60 and points either side for the curve. */
    public static final List<Integer> DEFAULT_JPEG = List.of(20, 40, 60, 80);
    /** Default {@code h264} sweep, bit/s: fine steps, so the cheapest point at JPEG's PSNR is close to break-even. */
    public static final List<Integer> DEFAULT_H264 =
            List.of(150_000, 200_000, 300_000, 450_000, 600_000, 750_000, 900_000, 1_000_000, 1_200_000, 1_800_000,
                    2_500_000);
    /** Default {@code h264-jcodec} sweep, bit/s (each point costs about ten seconds per sequence). */
    public static final List<Integer> DEFAULT_JCODEC = List.of(600_000, 1_200_000, 2_500_000, 5_000_000);

    /** Validates the values and copies the lists. */
    public QualityBenchOptions {
        Flags.check("--frames", frames, 2, 3000);
        if (sequences.isEmpty() || !TestSequences.NAMES.containsAll(sequences)) {
            throw new ConfigException("--sequence must name some of " + TestSequences.NAMES + ", got " + sequences);
        }
        for (int q : jpegQualities) {
            Flags.check("--jpeg", q, 1, 100);
        }
        if (!jpegQualities.contains(BandwidthVerdict.REFERENCE_QUALITY)) {
            throw new ConfigException("--jpeg must include " + BandwidthVerdict.REFERENCE_QUALITY
                    + ", the reference the bandwidth target is measured against, got " + jpegQualities);
        }
        if (h264Bitrates.isEmpty()) {
            throw new ConfigException("--h264 needs at least one bitrate: the bandwidth target is h264's");
        }
        sequences = List.copyOf(sequences);
        jpegQualities = List.copyOf(jpegQualities);
        h264Bitrates = List.copyOf(h264Bitrates);
        jcodecBitrates = List.copyOf(jcodecBitrates);
    }

    /**
     * @param args the command line
     * @return the options; defaults: 300 frames of both sequences, {@link #DEFAULT_JPEG}, {@link #DEFAULT_H264},
     *         {@link #DEFAULT_JCODEC}, output in {@code target/quality}
     * @throws ConfigException on an unknown flag or a bad value
     */
    public static QualityBenchOptions parse(String... args) {
        Flags flags = Flags.parse(args, usage(), List.of(),
                List.of("--frames", "--sequence", "--jpeg", "--h264", "--h264-jcodec", "--out"));
        List<Integer> jcodec = flags.string("--h264-jcodec", "").equals("none") ? List.of()
                : flags.list("--h264-jcodec", CodecSetting::parseBitrate, DEFAULT_JCODEC);
        return new QualityBenchOptions(flags.integer("--frames", 300), flags.strings("--sequence", TestSequences.NAMES),
                flags.integers("--jpeg", DEFAULT_JPEG), flags.list("--h264", CodecSetting::parseBitrate, DEFAULT_H264),
                jcodec, flags.directory("--out", Path.of("target", "quality")));
    }

    /** @return every codec setting to measure on each sequence: JPEG, then {@code h264}, then {@code h264-jcodec} */
    List<CodecSetting> settings() {
        List<CodecSetting> settings = new ArrayList<>();
        jpegQualities.forEach(q -> settings.add(CodecSetting.quality("jpeg", q)));
        h264Bitrates.forEach(b -> settings.add(CodecSetting.bitrate("h264", b)));
        jcodecBitrates.forEach(b -> settings.add(CodecSetting.bitrate("h264-jcodec", b)));
        return settings;
    }

    /** @return the usage text */
    public static String usage() {
        return """
                usage: QualityBench [--frames N] [--sequence synthetic,testsrc2-noise] [--jpeg Q,Q,...]
                                    [--h264 RATE,RATE,...] [--h264-jcodec RATE,...|none] [--out DIR]
                  defaults: 300 frames (10 s at 30 fps) of both sequences; --jpeg 20,40,60,80;
                  --h264 150k,200k,300k,450k,600k,750k,900k,1M,1.2M,1.8M,2.5M; --h264-jcodec 600k,1.2M,2.5M,5M;
                  --out target/quality. Rates in bit/s, k and M allowed.""";
    }
}
