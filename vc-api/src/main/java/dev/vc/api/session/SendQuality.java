package dev.vc.api.session;

/**
 * How well this participant's video goes out, as {@link SendQualityListener} hears it when it changes.
 *
 * @param layersSent      simulcast layers being sent (encoded), of {@code layers}
 * @param layers          the layers this participant has
 * @param suspended       layers not sent because the uplink estimate cannot carry them (the rest of the unsent ones
 *                        nobody in the room wants)
 * @param skippingFrames  whether frames are being skipped because the estimate is below even the smallest layer's
 *                        floor (the picture moves at a lower frame rate)
 * @param estimateBps     the uplink's bandwidth estimate when it changed, bit/s; -1 without one
 */
public record SendQuality(int layersSent, int layers, int suspended, boolean skippingFrames, long estimateBps) {
    /**
     * @return true while bandwidth, not the room's wishes, holds the video back: a layer suspended or frames skipped
     */
    public boolean limitedByBandwidth() {
        return suspended > 0 || skippingFrames;
    }
}
