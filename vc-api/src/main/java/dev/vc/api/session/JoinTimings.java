package dev.vc.api.session;

import dev.vc.api.MediaMilestones;

/**
 * How long a participant's join took, step by step, for measuring it ({@link Participant#joinTimings()}): each
 * field is the time from the start of {@link Participant.Builder#build()} to the moment that step was done, in
 * nanoseconds, or {@link #NOT_REACHED}. The steps, in the order they happen:
 *
 * @param prepared    the first encoder opened and, for SRTP, the DTLS certificate made; the control connection
 *                    starts now
 * @param connected   TCP connected and, over TLS, the handshake done (the relay verified)
 * @param joined      {@code JOIN_ACCEPTED} received
 * @param started     source, transport and renderer opened, and {@link Participant#start()} called
 * @param bound       the relay answered the first media hello (then the DTLS handshake starts)
 * @param keyed       the DTLS-SRTP handshake exported the keys; {@link #NOT_REACHED} for plain RTP
 * @param firstPacket the first RTP packet of a remote stream accepted, timed at its arrival: it may precede
 *                    {@code keyed} by a few milliseconds, as the relay, keyed first, may send media before this
 *                    end has read the handshake's last flight (such a packet is held and decrypted once the keys
 *                    exist)
 * @param firstFrame  the first picture of a remote stream handed to the renderer
 */
public record JoinTimings(long prepared, long connected, long joined, long started, long bound, long keyed,
                          long firstPacket, long firstFrame) {
    /** A step not done (yet, or at all: {@code keyed} for plain RTP). */
    public static final long NOT_REACHED = -1;

    /** @return the time from {@code origin} to {@code stamp} (both {@link System#nanoTime()}), or NOT_REACHED */
    static long since(long origin, long stamp) {
        return stamp == MediaMilestones.NOT_YET ? NOT_REACHED : stamp - origin;
    }

    /** @return true once a remote picture was rendered: every step the join has is done */
    public boolean complete() {
        return firstFrame != NOT_REACHED;
    }
}
