package dev.vc.bench.join;

import dev.vc.api.session.JoinTimings;

import java.util.function.ToLongFunction;

/**
 * One step of a join as the benchmark reports it: the time from the step before it to this one, taken from a
 * {@link JoinTimings}. A step the join does not have (DTLS over plain RTP) is {@link JoinTimings#NOT_REACHED} and
 * its time falls to the next step.
 */
enum JoinStep {
    /** The first encoder opened, the DTLS certificate made. */
    PREPARE("prepare (encoder, DTLS certificate)", JoinTimings::prepared),
    /** TCP connect and the TLS handshake. */
    CONNECT("TCP + TLS handshake", JoinTimings::connected),
    /** JOIN sent, JOIN_ACCEPTED read. */
    JOIN("JOIN -> JOIN_ACCEPTED", JoinTimings::joined),
    /** The rest of the participant opened (second encoder, source, transport, renderer) and started. */
    OPEN("open source, transport; start", JoinTimings::started),
    /** The first hello sent and answered. */
    HELLO("media hello answered", JoinTimings::bound),
    /** The DTLS-SRTP handshake. */
    DTLS("DTLS-SRTP handshake (keyed)", JoinTimings::keyed),
    /**
     * The first forwarded packet of the room-mate's stream, timed at its arrival: a few milliseconds below zero when
     * the relay's media arrived before this end read the handshake's last flight (held until the keys exist).
     */
    FIRST_PACKET("first RTP packet", JoinTimings::firstPacket),
    /** The first picture decoded and rendered (the keyframe the relay asked for). */
    FIRST_FRAME("first frame rendered", JoinTimings::firstFrame);

    private final String label;
    private final ToLongFunction<JoinTimings> stamp;

    JoinStep(String label, ToLongFunction<JoinTimings> stamp) {
        this.label = label;
        this.stamp = stamp;
    }

    String label() {
        return label;
    }

    /** @return nanoseconds from the start of the join to the end of this step, or NOT_REACHED */
    long at(JoinTimings timings) {
        return stamp.applyAsLong(timings);
    }

    /**
     * @return nanoseconds this step took: from the last step before it the join had, or NOT_REACHED if the join
     *         does not have it
     */
    long duration(JoinTimings timings) {
        long end = at(timings);
        if (end == JoinTimings.NOT_REACHED) {
            return JoinTimings.NOT_REACHED;
        }
        for (int i = ordinal() - 1; i >= 0; i--) {
            long start = values()[i].at(timings);
            if (start != JoinTimings.NOT_REACHED) {
                return end - start;
            }
        }
        return end;
    }
}
