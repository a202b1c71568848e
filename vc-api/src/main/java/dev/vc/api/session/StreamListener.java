package dev.vc.api.session;

import dev.vc.api.RemoteStream;

/**
 * What happens to the streams a participant receives, as it happens ({@link Participant#addStreamListener}), so an
 * application need not poll {@link Participant#stats()}: a stream starts (its first picture is shown), freezes (no
 * picture for {@link #FREEZE_MILLIS} ms while it has not ended: lost packets waiting for a keyframe, a sender that
 * stalls, a congested link), resumes, and ends (its sender left, or it sent nothing for the stale timeout).
 *
 * <p>Called on the participant's decode thread, the thread that shows the pictures: a listener returns quickly and
 * never blocks (hand the event to the application's own thread). One that throws is logged and the others still
 * hear the event. Every method has an empty default, so a listener implements only what it needs.
 *
 * <pre>{@code
 * participant.addStreamListener(new StreamListener() {
 *     public void streamStarted(RemoteStream stream, int width, int height) { ui.show(stream.label()); }
 *     public void streamEnded(RemoteStream stream, StreamListener.EndReason why) { ui.remove(stream.label()); }
 * });
 * }</pre>
 */
public interface StreamListener {
    /** Time without a new picture after which a stream that has not ended counts as frozen. */
    long FREEZE_MILLIS = 1_000;

    /** Why a stream ended. */
    enum EndReason {
        /** Its participant left the room (or the stream's SSRC was dropped by it). */
        LEFT,
        /** It sent nothing for the stale timeout ({@code vc.stale.timeout.ms}): video turned off, or the path died. */
        STALE,
        /** This participant has no decoder for its codec. */
        NO_DECODER,
        /** This participant left the room (it was closed). */
        CLOSED
    }

    /**
     * The stream's first picture was shown.
     *
     * @param stream the stream
     * @param width  its picture width
     * @param height its picture height
     */
    default void streamStarted(RemoteStream stream, int width, int height) {
    }

    /**
     * No picture of the stream was shown for {@link #FREEZE_MILLIS} ms, though it has not ended.
     *
     * @param stream the stream
     */
    default void streamFrozen(RemoteStream stream) {
    }

    /**
     * A frozen stream shows pictures again.
     *
     * @param stream        the stream
     * @param frozenMillis  how long it was frozen, from its last picture before to this one
     */
    default void streamResumed(RemoteStream stream, long frozenMillis) {
    }

    /**
     * The stream ended; a later stream of the same participant starts anew.
     *
     * @param stream the stream
     * @param reason why
     */
    default void streamEnded(RemoteStream stream, EndReason reason) {
    }
}
