package dev.vc.bench.quality;

import dev.vc.bench.report.ChartImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** QualityBench end to end on a few frames of both sequences: every codec encodes, decodes and is scored. */
class QualityBenchTest {
    @Test
    void shouldMeasureEveryCodecOnBothSequencesAndWriteTheTableAndChart(@TempDir Path dir) throws Exception {
        QualityBenchOptions options = QualityBenchOptions.parse("--frames", "4", "--jpeg", "40,60",
                "--h264", "300k,2.5M", "--h264-jcodec", "2.5M", "--out", dir.toString());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        QualityReport report = QualityBench.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8));

        List<RdPoint> points = report.points();
        assertEquals(2 * 5, points.size(), "5 settings on 2 sequences");
        for (RdPoint p : points) {
            assertEquals(4, p.frames(), p.toString());
            assertTrue(p.bytes() > 0, p.toString());
            assertTrue(p.lumaPsnr() > 25 && p.lumaPsnr() < 70, "plausible PSNR: " + p);
            assertTrue(p.minLumaPsnr() <= p.p5LumaPsnr() && p.minLumaPsnr() <= p.lumaPsnr(), p.toString());
        }
        for (String sequence : TestSequences.NAMES) {
            BandwidthVerdict verdict = report.verdict(sequence, QualityBench.TARGET_CODEC);
            assertEquals(60, verdict.reference().setting().quality());
            assertTrue(verdict.best().bytes() > 0);
        }

        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains(QualityReport.TABLE_HEADER), text);
        assertTrue(text.contains("| synthetic | `h264` | 2.5M |"), text);
        assertTrue(text.contains("- testsrc2-noise: jpeg q60"), text);
        assertTrue(text.contains("original system: ~300 KB/s"), text);

        List<String> csv = Files.readAllLines(dir.resolve(QualityReport.CSV));
        assertEquals(1 + points.size(), csv.size(), String.join("\n", csv));
        assertTrue(csv.get(0).startsWith("sequence,codec,setting,"), csv.get(0));
        assertNotNull(ImageIO.read(dir.resolve(QualityReport.PNG).toFile()), "quality.png is an image");
        ChartImage.read(dir.resolve(QualityReport.PNG)).assertTitledChartWithData();
    }
}
