package dev.vc.bench.quality;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bandwidth verdict and the figures it is built from, on made-up points: no codec runs. */
class BandwidthVerdictTest {
    private static final String SEQ = "s";
    private static final RdPoint JPEG_Q60 = point(CodecSetting.quality("jpeg", 60), 1_800_000, 39.0);

    private static RdPoint point(CodecSetting setting, long bytes, double psnr) {
        return new RdPoint(SEQ, setting, 100, 100, bytes, psnr, psnr - 1, psnr - 2);
    }

    @Test
    void shouldPickTheCheapestPointAtOrAboveJpegQ60() {
        RdPoint low = point(CodecSetting.bitrate("h264", 300_000), 125_000, 38.9);
        RdPoint match = point(CodecSetting.bitrate("h264", 600_000), 250_000, 39.0);
        RdPoint high = point(CodecSetting.bitrate("h264", 1_200_000), 500_000, 42.0);
        List<RdPoint> points = List.of(point(CodecSetting.quality("jpeg", 80), 2_600_000, 41.5), JPEG_Q60, high, low,
                match, point(CodecSetting.bitrate("h264-jcodec", 100_000), 1_000, 45.0),
                new RdPoint("other", CodecSetting.bitrate("h264", 150_000), 100, 100, 60_000, 50, 49, 48));

        BandwidthVerdict v = BandwidthVerdict.of(points, SEQ, "h264");
        assertEquals(JPEG_Q60, v.reference());
        assertEquals(match, v.match(), "equal PSNR counts; other codecs and sequences do not");
        assertEquals(low, v.below());
        assertEquals(high, v.best());
        assertEquals(250_000.0 / 1_800_000, v.byteRatio(), 1e-12);
        assertEquals(v.byteRatio(), v.breakEvenRatio(), 1e-12, "the match sits exactly at JPEG's PSNR");
        assertTrue(v.met());
        assertTrue(v.describe().contains("cheapest h264 at >= 39.00 dB: 600k 39.00 dB"), v.describe());
        assertTrue(v.describe().contains(": MET."), v.describe());
    }

    @Test
    void shouldNotBeMetAboveAFifthOrWhenNothingReachesJpeg() {
        RdPoint dear = point(CodecSetting.bitrate("h264", 1_200_000), 400_000, 39.5);
        BandwidthVerdict over = BandwidthVerdict.of(List.of(JPEG_Q60, dear), SEQ, "h264");
        assertEquals(dear, over.match());
        assertFalse(over.met(), "0.22 of JPEG's bytes");
        assertNull(over.below());
        assertEquals(over.byteRatio(), over.breakEvenRatio(), 1e-12, "nothing cheaper to interpolate from");
        assertTrue(over.describe().contains("NOT MET"), over.describe());

        RdPoint weak = point(CodecSetting.bitrate("h264", 300_000), 100_000, 35.0);
        BandwidthVerdict none = BandwidthVerdict.of(List.of(JPEG_Q60, weak), SEQ, "h264");
        assertNull(none.match());
        assertEquals(weak, none.best());
        assertTrue(Double.isNaN(none.byteRatio()));
        assertFalse(none.met());
        assertTrue(none.describe().contains("no h264 point reaches 39.00 dB (best: 300k 35.00 dB"), none.describe());

        assertThrows(IllegalArgumentException.class, () -> BandwidthVerdict.of(List.of(weak), SEQ, "h264"),
                "no JPEG q60 to compare with");
        assertThrows(IllegalArgumentException.class, () -> BandwidthVerdict.of(List.of(JPEG_Q60), SEQ, "h264"));
    }

    @Test
    void shouldEstimateTheBreakEvenBetweenTheMatchAndTheNextCheaperPoint() {
        RdPoint below = point(CodecSetting.bitrate("h264", 300_000), 100_000, 36.0);
        RdPoint match = point(CodecSetting.bitrate("h264", 1_200_000), 400_000, 40.0);
        BandwidthVerdict v = BandwidthVerdict.of(List.of(JPEG_Q60, below, match), SEQ, "h264");
        // 39 dB is 3/4 of the way from 36 to 40 dB: 100,000 x 4^0.75 bytes, log-linear.
        assertEquals(100_000 * Math.pow(4, 0.75) / 1_800_000, v.breakEvenRatio(), 1e-9);
        assertTrue(v.breakEvenRatio() <= BandwidthVerdict.TARGET_RATIO && !v.met(),
                "an estimate under the target does not make a measured point meet it");
        assertTrue(v.describe().contains("Break-even estimated at 0.157"), v.describe());
    }

    @Test
    void shouldAverageErrorsNotDecibelsAndFindTheWorstFrames() {
        double[] mse = new double[20];
        Arrays.fill(mse, 1.0);
        mse[7] = 100.0;    // one bad frame of twenty: the 5th percentile (nearest rank 1) is that frame
        RdPoint p = RdPoint.of(SEQ, CodecSetting.bitrate("h264", 600_000), mse, 19, 50_000);
        assertEquals(LumaPsnr.psnr((19 + 100) / 20.0), p.lumaPsnr(), 1e-9);
        assertEquals(LumaPsnr.psnr(100), p.minLumaPsnr(), 1e-9);
        assertEquals(LumaPsnr.psnr(100), p.p5LumaPsnr(), 1e-9);
        assertEquals(2_500, p.bytesPerFrame(), 1e-9);
        assertEquals(600_000, p.bitsPerSecond(), 1e-9, "2,500 B x 8 x 30 fps");
        assertEquals(1, p.skippedFrames());
    }
}
