package dev.vc.api.session;

import dev.vc.api.Encoder;

/**
 * How the sender follows its uplink's bandwidth estimate ({@link dev.vc.api.Transport#targetBitrateBps()}),
 * decided per frame on the send thread, before encoding:
 *
 * <ol>
 *   <li>The encoder's bitrate is the estimate, never above the configured bitrate (the ceiling, which
 *       {@code Participant.setBitrate} moves), never below 10 kbit/s; it is changed when it moves by 5 % or
 *       more: down at most every fifth of a second, so a falling estimate is followed before the uplink's
 *       queue grows; up at most once a second, or as often as down for an encoder that changes rates in place
 *       ({@link dev.vc.api.Encoder#changesBitrateInPlace()}: a probe's step, or the relay lifting a cap, is then
 *       followed within a fifth of a second rather than a second or two) (all in captured frames). A fall of
 *       {@value #URGENT_DROP_PERCENT} % or more is applied at once: the link narrowed (or the relay capped the
 *       layer), and even a fifth of a second at the old rate would fill its queue. The {@code h264} encoder
 *       changes rates in place and goes on with P frames; an encoder that must restart for a new rate (another
 *       FFmpeg encoder) sends an IDR frame each time, which these intervals keep rare.</li>
 *   <li>Below the floor (a setting, 400 kbit/s by default: what 640x480 needs for fluid video) frames are
 *       skipped before encoding, in proportion: at half the floor every other frame is sent; never fewer than a
 *       quarter of them. The encoder is told the lower frame rate, so its bits per frame grow.</li>
 *   <li>While the encoder's output runs ahead of its bitrate (it was just told a much lower one), pictures are skipped ({@link FrameDropper}) until what left is back within it.</li>
 * </ol>
 *
 * <p>Without an estimate (-1: no feedback yet, or a transport without congestion control) the sender runs at
 * its configured bitrate and frame rate. Pure arithmetic over the values passed in: tested without a clock.
 * Send thread only, except {@link #setCeiling}.
 *
 * <pre>{@code
 * RateAdaptation rate = new RateAdaptation(600_000, 30, 400_000, true);
 * // per captured frame, on the send thread:
 * if (!rate.admit(transport.targetBitrateBps())) { skipped++; return; }
 * int bitrate = rate.encoderBitrate(encoder.changesBitrateInPlace());
 * if (bitrate > 0) encoder.setBitrate(bitrate);
 * int fps = rate.encoderFrameRate();    if (fps > 0) encoder.setFrameRate(fps);
 * encoder.encode(picture, frame);       rate.onEncoded(frame.length(), frame.keyframe());
 * }</pre>
 */
final class RateAdaptation {
    /** Fewest frames sent below the floor: a quarter of the captured ones. */
    static final double MIN_FRAME_FRACTION = 0.25;
    /** Smallest relative change of the encoder's bitrate that is applied. */
    static final double BITRATE_STEP = 0.05;
    /** A fall of the wanted bitrate of at least this much below the applied one is applied without waiting. */
    static final int URGENT_DROP_PERCENT = 30;
    /** Fewest changes of the encoder's bitrate downwards per second: at most one per 1/5 s. */
    static final int DOWN_CHANGES_PER_SECOND = 5;
    /** Lowest bitrate given to an encoder. */
    static final int MIN_BITRATE = 10_000;

    private final int frameRate;
    private final long floorBps;
    private final boolean enabled;
    private final FrameDropper dropper;
    private volatile int ceilingBps;
    private volatile boolean ceilingMoved;

    private long target = -1;
    private double credit;
    private int appliedBitrate;
    private int wantedBitrate;
    private int appliedFrameRate;
    private int wantedFrameRate;
    /** Captured frames since the encoder was last reconfigured; starts "long ago". */
    private int framesSinceChange = Integer.MAX_VALUE / 2;

    /**
     * @param ceilingBps the configured bitrate, the most the encoder is given
     * @param frameRate  the capture frame rate
     * @param floorBps   the estimate below which frames are skipped
     * @param enabled    false to ignore the estimate (the sender then behaves as without congestion control)
     */
    RateAdaptation(int ceilingBps, int frameRate, long floorBps, boolean enabled) {
        this.ceilingBps = ceilingBps;
        this.frameRate = frameRate;
        this.floorBps = floorBps;
        this.enabled = enabled;
        this.appliedBitrate = ceilingBps;
        this.wantedBitrate = ceilingBps;
        this.appliedFrameRate = frameRate;
        this.wantedFrameRate = frameRate;
        this.dropper = new FrameDropper(frameRate);
    }

    /** Any thread: moves the ceiling (a bitrate the user set); applied with the next frame. */
    void setCeiling(int bitsPerSecond) {
        this.ceilingBps = bitsPerSecond;
        this.ceilingMoved = true;
    }

    /**
     * Takes the current estimate and decides whether the next captured frame is encoded.
     *
     * @param targetBps the uplink's estimate, bit/s, or -1 for none
     * @return true to encode and send the frame, false to skip it
     */
    boolean admit(long targetBps) {
        framesSinceChange++;
        target = enabled ? targetBps : -1;
        int ceiling = ceilingBps;
        wantedBitrate = target < 0 ? ceiling : (int) Math.max(MIN_BITRATE, Math.min(ceiling, target));
        double fraction = target < 0 || target >= floorBps ? 1.0
                : Math.max(MIN_FRAME_FRACTION, (double) target / floorBps);
        wantedFrameRate = Math.max(1, (int) Math.round(frameRate * fraction));
        boolean withinBitrate = dropper.admit(target < 0 ? 0 : wantedBitrate, System.nanoTime());
        if (fraction >= 1.0) {
            credit = 0;
            return withinBitrate;
        }
        credit += fraction;
        if (credit >= 1.0 && withinBitrate) {
            credit -= 1.0;
            return true;
        }
        return false;
    }

    /**
     * The encoder produced a frame from an admitted picture.
     *
     * @param bytes    its size
     * @param keyframe whether it is a keyframe
     */
    void onEncoded(int bytes, boolean keyframe) {
        dropper.onEncoded(bytes, keyframe);
    }

    /** @return pictures skipped because the encoder ran ahead of its bitrate ({@link FrameDropper}) */
    long overshootSkips() {
        return dropper.skipped();
    }

    /**
     * @param inPlace whether the encoder changes rates without a keyframe
     *                ({@link dev.vc.api.Encoder#changesBitrateInPlace()}): then a rise is applied as often as a fall
     * @return the bitrate to give the encoder now, or 0 if it need not change
     */
    int encoderBitrate(boolean inPlace) {
        int wanted = wantedBitrate;
        if (ceilingMoved) {
            ceilingMoved = false;
            framesSinceChange = 0;
            appliedBitrate = Encoder.checkBitrate(wanted);
            return appliedBitrate;
        }
        boolean urgent = wanted <= appliedBitrate - (long) appliedBitrate * URGENT_DROP_PERCENT / 100;
        int downInterval = Math.max(1, frameRate / DOWN_CHANGES_PER_SECOND);
        boolean down = wanted <= appliedBitrate * (1 - BITRATE_STEP) && (urgent || framesSinceChange >= downInterval);
        boolean up = wanted >= appliedBitrate * (1 + BITRATE_STEP)
                && framesSinceChange >= (inPlace ? downInterval : frameRate);
        if (!down && !up) {
            return 0;
        }
        framesSinceChange = 0;
        appliedBitrate = Encoder.checkBitrate(wanted);
        return appliedBitrate;
    }

    /** @return the frame rate to tell the encoder now, or 0 if it need not change */
    int encoderFrameRate() {
        if (wantedFrameRate == appliedFrameRate || (framesSinceChange < frameRate && framesSinceChange != 0)) {
            return 0;                                   // 0: the bitrate changed with this very frame
        }
        framesSinceChange = 0;
        appliedFrameRate = wantedFrameRate;
        return appliedFrameRate;
    }

    /** @return true while the estimate last taken is below the floor: frames are skipped in proportion */
    boolean belowFloor() {
        return target >= 0 && target < floorBps;
    }

    /** @return the estimate last taken, bit/s, or -1 */
    long target() {
        return target;
    }
}
