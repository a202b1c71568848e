package dev.vc.bench.quality;

import dev.vc.bench.report.Chart;
import dev.vc.bench.report.CsvTable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collects {@link RdPoint}s and writes them three ways: a Markdown table row per point as it is measured,
 * {@value #CSV} (every figure) and {@value #PNG} (rate-distortion curves: kbit/s on a logarithmic axis, luma
 * PSNR in dB, one series per codec and sequence).
 *
 * <pre>{@code
 * QualityReport report = new QualityReport();
 * System.out.println(QualityReport.TABLE_HEADER);
 * System.out.println(report.add(RateDistortion.measure(clip, setting)));
 * report.write(Path.of("target/quality"));
 * }</pre>
 */
public final class QualityReport {
    /** File name of the table. */
    public static final String CSV = "quality.csv";
    /** File name of the chart. */
    public static final String PNG = "quality.png";
    /** The Markdown table's header and separator lines, matching {@link #add}'s rows. */
    public static final String TABLE_HEADER = """
            | sequence | codec | setting | kbit/s | KB/s | bytes/frame | luma PSNR dB | p5 dB | min dB | skipped |
            |---|---|---|---|---|---|---|---|---|---|""";

    private final List<RdPoint> points = new ArrayList<>();

    /**
     * Records a point.
     *
     * @param point the point
     * @return its Markdown table row
     */
    public String add(RdPoint point) {
        points.add(point);
        return String.format(Locale.ROOT, "| %s | `%s` | %s | %,.0f | %,.1f | %,.0f | %.2f | %.2f | %.2f | %d |",
                point.sequence(), point.setting().codec(), point.setting().label(), point.bitsPerSecond() / 1000,
                point.bitsPerSecond() / 8000, point.bytesPerFrame(), point.lumaPsnr(), point.p5LumaPsnr(),
                point.minLumaPsnr(), point.skippedFrames());
    }

    /** @return the points recorded so far, in order */
    public List<RdPoint> points() {
        return List.copyOf(points);
    }

    /**
     * @param sequence a sequence measured
     * @param codec    a codec measured on it
     * @return the codec's bandwidth verdict against JPEG q60 on that sequence
     */
    public BandwidthVerdict verdict(String sequence, String codec) {
        return BandwidthVerdict.of(points, sequence, codec);
    }

    /** @return every point's figures as a table, one row per point */
    public CsvTable csv() {
        CsvTable table = new CsvTable("sequence", "codec", "setting", "quality", "target_bps", "frames",
                "encoded_frames", "bytes", "bytes_per_frame", "kbit_per_s", "kbyte_per_s", "luma_psnr_db",
                "luma_psnr_p5_db", "luma_psnr_min_db");
        for (RdPoint p : points) {
            CodecSetting s = p.setting();
            table.row(p.sequence(), s.codec(), s.label(), s.quality(), s.bitrate(), p.frames(), p.encodedFrames(),
                    p.bytes(), p.bytesPerFrame(), p.bitsPerSecond() / 1000, p.bitsPerSecond() / 8000, p.lumaPsnr(),
                    p.p5LumaPsnr(), p.minLumaPsnr());
        }
        return table;
    }

    /** @return the rate-distortion chart of every point */
    public Chart chart() {
        Chart chart = new Chart("Luma PSNR per bitrate, 640x480 at 30 fps", "kbit/s (log)", "luma PSNR (dB)")
                .logarithmicX().yAxisFitsData();
        for (RdPoint p : points) {
            chart.add(p.setting().codec() + ", " + p.sequence(), p.bitsPerSecond() / 1000, p.lumaPsnr());
        }
        return chart;
    }

    /**
     * Writes {@value #CSV} and {@value #PNG}.
     *
     * @param dir the directory, created if needed
     * @throws IOException if a file cannot be written
     */
    public void write(Path dir) throws IOException {
        csv().write(dir.resolve(CSV));
        chart().writePng(dir.resolve(PNG));
    }
}
