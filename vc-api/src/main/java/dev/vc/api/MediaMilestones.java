package dev.vc.api;

/**
 * When a transport's media path to the relay came up, as {@link System#nanoTime()} stamps, each
 * {@link #NOT_YET} until it happened: for measuring a join ({@code Participant.joinTimings()}), not for logic.
 *
 * @param boundNanos       the relay answered the first hello (it bound this transport's address)
 * @param keyedNanos       the DTLS-SRTP handshake exported the keys; {@link #NOT_YET} for plain RTP, which needs none
 * @param firstPacketNanos the first RTP packet of a remote stream was accepted (after SRTP, before assembly)
 */
public record MediaMilestones(long boundNanos, long keyedNanos, long firstPacketNanos) {
    /** The stamp of a milestone not reached (or not part of this transport's path). */
    public static final long NOT_YET = Long.MIN_VALUE;

    /** None reached: what a transport without a relay binding reports. */
    public static final MediaMilestones NONE = new MediaMilestones(NOT_YET, NOT_YET, NOT_YET);
}
