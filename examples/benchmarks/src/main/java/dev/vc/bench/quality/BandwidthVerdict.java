package dev.vc.bench.quality;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Issue #7's bandwidth target on one sequence: the cheapest point of a rate-controlled codec whose luma PSNR
 * ({@link RdPoint#lumaPsnr()}) is at least JPEG q60's, and its bytes as a fraction of JPEG q60's. The target is
 * met when that fraction is at most {@value #TARGET_RATIO}. Only measured points decide; the true break-even lies
 * between the match and the next cheaper point, and {@link #breakEvenRatio()} estimates it.
 *
 * <pre>{@code
 * BandwidthVerdict v = BandwidthVerdict.of(points, TestSequences.SYNTHETIC, "h264");
 * System.out.println(v.describe());
 * }</pre>
 *
 * @param sequence  the sequence
 * @param codec     the codec held to the target ({@code h264}; {@code h264-jcodec} for comparison)
 * @param reference JPEG q60's point on the sequence
 * @param match     the codec's cheapest point at or above the reference's PSNR, or null if none reaches it
 * @param below     the codec's next cheaper point than the match (below the reference's PSNR), or null if the match
 *                  is its cheapest point or there is no match
 * @param best      the codec's point of highest PSNR (the match, or how far short it fell)
 */
public record BandwidthVerdict(String sequence, String codec, RdPoint reference, RdPoint match, RdPoint below,
                               RdPoint best) {
    /** The codec every other is compared with. */
    public static final String REFERENCE_CODEC = "jpeg";
    /** The reference's quality: the original system's JPEG q60. */
    public static final int REFERENCE_QUALITY = 60;
    /** Most of JPEG q60's bytes the codec may use at equal or better luma PSNR. */
    public static final double TARGET_RATIO = 0.2;

    /**
     * @param points   measured points (any sequences and codecs)
     * @param sequence the sequence to judge
     * @param codec    the codec to judge
     * @return the verdict
     * @throws IllegalArgumentException if the points lack JPEG q60 or the codec on that sequence
     */
    public static BandwidthVerdict of(List<RdPoint> points, String sequence, String codec) {
        RdPoint reference = points.stream().filter(p -> p.sequence().equals(sequence))
                .filter(p -> p.setting().equals(CodecSetting.quality(REFERENCE_CODEC, REFERENCE_QUALITY)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no " + REFERENCE_CODEC + " q"
                        + REFERENCE_QUALITY + " point on " + sequence));
        List<RdPoint> candidates = points.stream().filter(p -> p.sequence().equals(sequence))
                .filter(p -> p.setting().codec().equals(codec)).toList();
        RdPoint best = candidates.stream().max(Comparator.comparingDouble(RdPoint::lumaPsnr))
                .orElseThrow(() -> new IllegalArgumentException("no " + codec + " point on " + sequence));
        RdPoint match = candidates.stream().filter(p -> p.lumaPsnr() >= reference.lumaPsnr())
                .min(Comparator.comparingLong(RdPoint::bytes)).orElse(null);
        RdPoint below = match == null ? null : candidates.stream().filter(p -> p.bytes() < match.bytes())
                .max(Comparator.comparingLong(RdPoint::bytes)).orElse(null);
        return new BandwidthVerdict(sequence, codec, reference, match, below, best);
    }

    /** @return the match's bytes over the reference's (same frames), or NaN if nothing matched */
    public double byteRatio() {
        return match == null ? Double.NaN : (double) match.bytes() / reference.bytes();
    }

    /**
     * @return the fraction of the reference's bytes at which the codec would just reach the reference's PSNR,
     *         interpolating PSNR linearly in log(bytes) between {@link #below()} and {@link #match()}; the match's
     *         own {@link #byteRatio()} if there is no cheaper point; NaN if nothing matched. An estimate: the
     *         verdict ({@link #met()}) rests on measured points only
     */
    public double breakEvenRatio() {
        if (below == null) {
            return byteRatio();
        }
        double t = (reference.lumaPsnr() - below.lumaPsnr()) / (match.lumaPsnr() - below.lumaPsnr());
        double logBytes = Math.log(below.bytes()) + t * (Math.log(match.bytes()) - Math.log(below.bytes()));
        return Math.exp(logBytes) / reference.bytes();
    }

    /** @return whether a point reached the reference's PSNR with at most {@value #TARGET_RATIO} of its bytes */
    public boolean met() {
        return match != null && byteRatio() <= TARGET_RATIO;
    }

    /** @return one paragraph for a person: both points, the ratio, met or not, and the worst frames */
    public String describe() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s: %s %s %s; ", sequence, REFERENCE_CODEC,
                reference.setting().label(), figures(reference)));
        if (match == null) {
            text.append(String.format(Locale.ROOT, "no %s point reaches %.2f dB (best: %s %s): NOT MET", codec,
                    reference.lumaPsnr(), best.setting().label(), figures(best)));
        } else {
            text.append(String.format(Locale.ROOT,
                    "cheapest %s at >= %.2f dB: %s %s = %.3f of JPEG's bytes (target <= %.1f): %s. "
                            + "Break-even estimated at %.3f. "
                            + "Worst frames: 5th percentile %.2f dB (JPEG %.2f), minimum %.2f dB (JPEG %.2f)",
                    codec, reference.lumaPsnr(), match.setting().label(), figures(match), byteRatio(), TARGET_RATIO,
                    met() ? "MET" : "NOT MET", breakEvenRatio(), match.p5LumaPsnr(), reference.p5LumaPsnr(),
                    match.minLumaPsnr(), reference.minLumaPsnr()));
        }
        return text.toString();
    }

    private static String figures(RdPoint p) {
        return String.format(Locale.ROOT, "%.2f dB at %,.0f B/frame (%,.0f kbit/s, %,.0f KB/s)", p.lumaPsnr(),
                p.bytesPerFrame(), p.bitsPerSecond() / 1000, p.bitsPerSecond() / 8000);
    }
}
