package dev.vc.bench.quality;

import dev.vc.api.VcException;
import dev.vc.examples.client.cli.Mains;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Bandwidth per quality (issue #7): encodes the same 640x480, 30 fps test sequences with {@code jpeg} at several
 * qualities and with {@code h264} and {@code h264-jcodec} at several bitrates, decodes every stream with the
 * matching decoder, and measures bytes against luma PSNR. It then judges the target "{@code h264} at equal or
 * better luma PSNR than JPEG q60 uses at most 1/5 of JPEG's bytes" on each sequence ({@link BandwidthVerdict}),
 * and compares with the original system's claim of about {@value #ORIGINAL_KBYTES_PER_SECOND} KB/s per stream
 * (JPEG q60 at 30 fps).
 *
 * <pre>
 * java -p examples/benchmarks/target/modules --add-modules ALL-MODULE-PATH -m dev.vc.bench/dev.vc.bench.quality.QualityBench
 * java ... dev.vc.bench.quality.QualityBench --frames 60 --sequence synthetic --h264 300k,600k --h264-jcodec none
 * </pre>
 *
 * Prints a Markdown table (one row per point, as measured) and the verdicts, and writes {@code quality.csv} and
 * {@code quality.png} into {@code --out} ({@link QualityReport}). Sequences: {@link TestSequences} (the synthetic
 * camera, which takes ten seconds to deliver 300 frames in real time, and {@code testsrc2} with noise, rendered
 * by the {@code ffmpeg} CLI). The figures depend on the codecs, not on the machine's load.
 */
public final class QualityBench {
    /** The original system's per-stream bandwidth claim, KB/s (1000 bytes), with JPEG q60 at 30 fps. */
    public static final int ORIGINAL_KBYTES_PER_SECOND = 300;
    /** Width of every sequence. */
    public static final int WIDTH = 640;
    /** Height of every sequence. */
    public static final int HEIGHT = 480;
    /** The codec the bandwidth target is about. */
    public static final String TARGET_CODEC = "h264";
    /** Judged too, for comparison: the pure-Java H.264 encoder. */
    public static final String JCODEC = "h264-jcodec";

    private QualityBench() {
    }

    /**
     * @param args see {@link QualityBenchOptions#usage()}
     */
    public static void main(String[] args) {
        Mains.exit("vc quality bench", () -> {
            run(QualityBenchOptions.parse(args), System.out);
            return 0;
        });
    }

    /**
     * Measures every setting on every sequence, prints the table and verdicts, and writes the files.
     *
     * @param options what to measure
     * @param out     where the table and verdicts go
     * @return the report, with every point
     * @throws IOException if a sequence cannot be made or a file cannot be written
     * @throws VcException if a codec is unavailable or fails
     */
    static QualityReport run(QualityBenchOptions options, PrintStream out) throws IOException {
        QualityReport report = new QualityReport();
        List<CodecSetting> settings = options.settings();
        for (String sequence : options.sequences()) {
            TestClip clip = TestClip.make(sequence, options.frames(), WIDTH, HEIGHT);
            out.printf(Locale.ROOT, "%n%s: %d frames %dx%d at %d fps, CRC-32 of the pictures %08x%n%n", sequence,
                    clip.length(), WIDTH, HEIGHT, TestSequences.FRAME_RATE, clip.checksum());
            out.println(QualityReport.TABLE_HEADER);
            for (CodecSetting setting : settings) {
                out.println(report.add(RateDistortion.measure(clip, setting)));
            }
        }
        out.printf(Locale.ROOT, "%nTarget: %s at equal or better luma PSNR than JPEG q%d uses at most %.1f of its bytes%n",
                TARGET_CODEC, BandwidthVerdict.REFERENCE_QUALITY, BandwidthVerdict.TARGET_RATIO);
        for (String sequence : options.sequences()) {
            BandwidthVerdict verdict = report.verdict(sequence, TARGET_CODEC);
            out.println("- " + verdict.describe());
            out.println("  " + originalClaim(verdict));
            if (!options.jcodecBitrates().isEmpty()) {
                out.println("  (for comparison) " + report.verdict(sequence, JCODEC).describe());
            }
        }
        report.write(options.out());
        out.println();
        out.println("wrote " + options.out().resolve(QualityReport.CSV) + " and "
                + options.out().resolve(QualityReport.PNG));
        return report;
    }

    /** JPEG q60's and the matching h264 point's bandwidth against the original system's claim. */
    private static String originalClaim(BandwidthVerdict verdict) {
        double jpeg = verdict.reference().bitsPerSecond() / 8000;
        String text = String.format(Locale.ROOT, "original system: ~%d KB/s per stream (JPEG q%d, 30 fps); here JPEG "
                + "q%d takes %.0f KB/s", ORIGINAL_KBYTES_PER_SECOND, BandwidthVerdict.REFERENCE_QUALITY,
                BandwidthVerdict.REFERENCE_QUALITY, jpeg);
        RdPoint match = verdict.match();
        if (match == null) {
            return text;
        }
        double h264 = match.bitsPerSecond() / 8000;
        return text + String.format(Locale.ROOT, " and %s at the same PSNR %.0f KB/s (%.2f of the original's)",
                TARGET_CODEC, h264, h264 / ORIGINAL_KBYTES_PER_SECOND);
    }
}
