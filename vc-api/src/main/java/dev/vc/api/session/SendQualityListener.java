package dev.vc.api.session;

/**
 * Told when this participant's outgoing video changes quality ({@link Participant#addSendQualityListener}): a
 * simulcast layer suspended or resumed because of the uplink's estimate, a layer nobody wants paused, frames skipped
 * below the smallest layer's floor. Called on the send thread, at most once per captured frame and only on a change:
 * a listener returns quickly and never blocks; one that throws is logged.
 */
@FunctionalInterface
public interface SendQualityListener {
    /** @param quality the quality from now on */
    void sendQualityChanged(SendQuality quality);
}
