package dev.vc.codec.h264.jcodec;

import org.jcodec.codecs.h264.encode.RateControl;
import org.jcodec.codecs.h264.io.model.SliceType;
import org.jcodec.common.model.Size;

/**
 * A frame-level rate controller for jcodec's H.264 encoder, which by itself only knows a fixed QP.
 *
 * <p>How it holds a bitrate:
 * <ol>
 *   <li><b>Leaky bucket.</b> Every frame interval drains {@code bitrate / fps} bits; every encoded frame adds
 *       its size. The level ({@link #fullness()}) is the debt the next frames must repay, over about half a
 *       second.</li>
 *   <li><b>Frame QP from a model.</b> For each slice type, bits &asymp; complexity &times; 2<sup>-QP/6</sup>
 *       (the size halves every 6 QP). The complexity is re-estimated from each frame's size and average QP, and
 *       the next frame's QP is the one whose predicted size meets its target. Drops in QP are limited to
 *       {@value #MAX_QP_DROP} per frame to avoid oscillation; QP stays within {@code [minQp, maxQp]}.</li>
 *   <li><b>Macroblock steering.</b> Within a picture, when the bits spent run well ahead of (or behind) the
 *       pro-rata share of the target, the QP of the next macroblock moves by one (at most {@value #MB_QP_RANGE}
 *       from the frame QP). A macroblock larger than jcodec's per-macroblock buffer share is re-encoded one QP
 *       higher, never above 51 (jcodec's own controller overshoots 51 there and crashes).</li>
 *   <li><b>Frame skipping.</b> jcodec writes no skipped macroblocks, so a P frame has a floor of a few bits per
 *       macroblock whatever the QP. When the bucket is over {@value #SKIP_LEVEL} of its size even so, the
 *       encoder is told to drop the frame ({@link #shouldSkip()}), like WebRTC's frame dropper.</li>
 * </ol>
 *
 * <p>One instance per encoder, used from the encoding thread. Call order per frame: {@link #shouldSkip()}, then
 * either {@link #skipped()} or {@link #plan(boolean)}, jcodec's callbacks during encoding, and
 * {@link #encoded(int)} with the output size.
 */
final class FrameRateController implements RateControl {
    /** Bucket size, in seconds of the target bitrate. */
    static final double BUFFER_SECONDS = 0.5;
    /** Fraction of the bucket above which P frames are skipped. */
    static final double SKIP_LEVEL = 0.8;
    /** Largest QP decrease from one frame of a type to the next. */
    static final int MAX_QP_DROP = 3;
    /** Largest distance of a macroblock's QP from the frame QP. */
    static final int MB_QP_RANGE = 4;
    /** QP of the first I frame, before there is a model. */
    static final int INITIAL_I_QP = 30;

    private final int minQp;
    private final int maxQp;
    private final boolean frameSkip;
    private int frameRate;
    private int bitrate;
    private double frameBudget;
    private double bufferSize;
    private double fullness;

    private double complexityI = Double.NaN;
    private double complexityP = Double.NaN;
    private int lastQpI = INITIAL_I_QP;
    private int lastQpP = -1;

    private boolean intra;
    private int frameQp;
    private double target;
    private int qp;
    private int totalMbs;
    private int mbIndex;
    private long bits;
    private long qpSum;
    private int hardCapPerMb;
    private int reencodes;

    /**
     * @param bitrate   target in bits per second
     * @param frameRate frames per second
     * @param minQp     lowest QP used (1..51)
     * @param maxQp     highest QP used (minQp..51)
     * @param frameSkip whether {@link #shouldSkip()} may answer true
     */
    FrameRateController(int bitrate, int frameRate, int minQp, int maxQp, boolean frameSkip) {
        if (minQp < 1 || maxQp > 51 || minQp > maxQp) {
            throw new IllegalArgumentException("QP range must lie in 1..51, got " + minQp + ".." + maxQp);
        }
        if (frameRate <= 0) {
            throw new IllegalArgumentException("frame rate must be positive, got " + frameRate);
        }
        this.minQp = minQp;
        this.maxQp = maxQp;
        this.frameSkip = frameSkip;
        this.frameRate = frameRate;
        bitrate(bitrate);
    }

    /** @param bitrate the new target in bits per second; applies from the next frame */
    void bitrate(int bitrate) {
        if (bitrate <= 0) {
            throw new IllegalArgumentException("bitrate must be positive, got " + bitrate);
        }
        this.bitrate = bitrate;
        frameBudget = (double) bitrate / frameRate;
        bufferSize = bitrate * BUFFER_SECONDS;
        fullness = Math.min(fullness, bufferSize);
    }

    /** @param frameRate the new frame rate; the per-frame budget follows from the next frame */
    void frameRate(int frameRate) {
        if (frameRate <= 0) {
            throw new IllegalArgumentException("frame rate must be positive, got " + frameRate);
        }
        this.frameRate = frameRate;
        bitrate(bitrate);
    }

    /** @return whether the next P frame should be dropped to let the bucket drain */
    boolean shouldSkip() {
        return frameSkip && fullness > bufferSize * SKIP_LEVEL;
    }

    /** Accounts for a dropped frame: its interval drains the bucket. */
    void skipped() {
        drain();
    }

    /**
     * Chooses the next picture's target size and QP.
     *
     * @param idr whether it is an I (IDR) picture
     */
    void plan(boolean idr) {
        intra = idr;
        double horizon = Math.max(4, frameRate / 2.0);
        int planned;
        if (idr) {
            // A keyframe may take what is left of half the bucket, between 2 and 8 frame budgets.
            target = clamp(bufferSize / 2 - Math.max(0, fullness), 2 * frameBudget, 8 * frameBudget);
            planned = Double.isNaN(complexityI) ? lastQpI : modelQp(complexityI, target);
            planned = Math.max(planned, lastQpI - MAX_QP_DROP);
        } else {
            target = clamp(frameBudget - fullness / horizon, frameBudget / 4, 2 * frameBudget);
            if (!Double.isNaN(complexityP)) {
                planned = Math.max(modelQp(complexityP, target), lastQpP - MAX_QP_DROP);
            } else if (!Double.isNaN(complexityI)) {
                // First P frame: P frames of jcodec cost roughly a quarter of an I frame at the same QP.
                planned = modelQp(complexityI / 4, target);
            } else {
                planned = lastQpI;
            }
        }
        frameQp = (int) clamp(planned, minQp, maxQp);
    }

    private static int modelQp(double complexity, double targetBits) {
        return (int) Math.round(6 * log2(complexity / Math.max(1, targetBits)));
    }

    /**
     * Accounts for an encoded picture.
     *
     * @param sizeBytes its size in bytes, headers included
     */
    void encoded(int sizeBytes) {
        double size = sizeBytes * 8.0;
        double averageQp = mbIndex > 0 ? (double) qpSum / mbIndex : frameQp;
        double complexity = size * Math.pow(2, averageQp / 6);
        int rounded = (int) Math.round(averageQp);
        if (intra) {
            complexityI = Double.isNaN(complexityI) ? complexity : 0.5 * complexityI + 0.5 * complexity;
            lastQpI = rounded;
        } else {
            complexityP = Double.isNaN(complexityP) ? complexity : 0.3 * complexityP + 0.7 * complexity;
            lastQpP = rounded;
        }
        fullness += size;
        drain();
    }

    private void drain() {
        fullness = Math.max(fullness - frameBudget, -bufferSize / 2);
    }

    @Override
    public int startPicture(Size size, int maxSize, SliceType sliceType) {
        totalMbs = ((size.getWidth() + 15) >> 4) * ((size.getHeight() + 15) >> 4);
        hardCapPerMb = (int) Math.min(Integer.MAX_VALUE, (maxSize * 8L) / totalMbs);
        qp = frameQp;
        mbIndex = 0;
        bits = 0;
        qpSum = 0;
        return frameQp;
    }

    @Override
    public int initialQpDelta() {
        if (mbIndex == 0) {
            return 0;
        }
        double expected = target * mbIndex / totalMbs;
        double slack = target * 0.02;
        int delta = 0;
        if (bits > expected * 1.25 + slack && qp < Math.min(maxQp, frameQp + MB_QP_RANGE)) {
            delta = 1;
        } else if (bits < expected * 0.8 - slack && qp > Math.max(minQp, frameQp - MB_QP_RANGE)) {
            delta = -1;
        } else if (bits <= expected * 1.05 && qp > frameQp) {
            delta = -1;     // back on track: return towards the frame QP
        } else if (bits >= expected * 0.95 && qp < frameQp) {
            delta = 1;
        }
        qp += delta;
        return delta;
    }

    @Override
    public int accept(int mbBits) {
        if (mbBits >= hardCapPerMb && qp < 51) {
            qp++;
            reencodes++;
            return 1;
        }
        bits += mbBits;
        qpSum += qp;
        mbIndex++;
        return 0;
    }

    /** @return the bucket level in bits (negative: credit) */
    double fullness() {
        return fullness;
    }

    /** @return the QP chosen for the current or last picture */
    int frameQp() {
        return frameQp;
    }

    /** @return the average macroblock QP of the last picture */
    double averageQp() {
        return mbIndex > 0 ? (double) qpSum / mbIndex : frameQp;
    }

    /** @return how many macroblocks were re-encoded because they overflowed their buffer share */
    int reencodes() {
        return reencodes;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }
}
