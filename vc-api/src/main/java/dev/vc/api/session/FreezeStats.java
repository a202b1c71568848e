package dev.vc.api.session;

/**
 * How smoothly one remote stream was rendered, cumulative since it appeared: the gaps between consecutive
 * rendered frames, and how long an inter-frame stream (H.264) took to recover after losing a frame.
 *
 * <p>A gap is the time between two frames handed to the renderer; the wait for a stream's first frame is not
 * one. The two thresholds: 200 ms is a visible stutter (WebRTC counts a freeze from
 * {@code max(3 frame intervals, mean interval + 150 ms)}, 183 ms at 30 fps); 500 ms is a freeze by any measure.
 * A recovery runs from the moment the receiver knew a frame was lost (the transport gave it up, decoding fell
 * behind, or the decoder rejected a frame), which puts the stream into waiting for a keyframe, to the next
 * frame rendered; it includes the keyframe request (PLI), the sender's keyframe and its trip. A stream's
 * start, which also waits for a keyframe, is not a recovery.
 *
 * @param longestGapMillis    longest gap, milliseconds (0 until two frames were rendered)
 * @param gapsOver200Ms       gaps longer than 200 ms
 * @param freezesOver500Ms    gaps longer than 500 ms (also counted in {@code gapsOver200Ms})
 * @param recoveries          recoveries completed
 * @param maxRecoveryMillis   longest recovery, milliseconds
 * @param totalRecoveryMillis all recoveries together, milliseconds
 */
public record FreezeStats(double longestGapMillis, long gapsOver200Ms, long freezesOver500Ms, long recoveries,
                          double maxRecoveryMillis, double totalRecoveryMillis) {
    /** Nothing rendered yet. */
    public static final FreezeStats EMPTY = new FreezeStats(0, 0, 0, 0, 0, 0);

    /** @return the mean recovery, milliseconds, or 0 without recoveries */
    public double meanRecoveryMillis() {
        return recoveries == 0 ? 0 : totalRecoveryMillis / recoveries;
    }
}
