package dev.vc.relay;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Feedback from one member about another's stream, policed before it reaches the sender, so no member can make
 * others send more than they would for an honest room. Media thread only; allocates nothing.
 *
 * <ul>
 *   <li><b>PLI and FIR</b> are coalesced per target stream: at most one reaches a sender every
 *       {@link #KEYFRAME_REQUEST_INTERVAL_NANOS} (the relay's own join PLIs have their own limit, one a second); the rest are dropped as
 *       {@link DropReason#KEYFRAME_REQUEST_COALESCED} (the keyframe on its way serves them too).</li>
 *   <li><b>NACKs</b> are answered by the relay from the sender's {@link RetransmissionCache}, within the
 *       requester's retransmission budget; only sequence numbers within the cache's window that the relay never
 *       received itself are passed on to the sender (a receiver learns of a gap from a later packet the relay
 *       forwarded, so a NACK for anything newer than the relay has seen is not honest), at most one NACK per target every {@link #NACK_FORWARD_INTERVAL_NANOS}. A NACK neither answered
 *       nor passed on is dropped as {@link DropReason#NACK_LIMITED}.</li>
 * </ul>
 * Every RTCP datagram a member sends is also held to its RTCP budget ({@link Member#rtcpBudget}) by the router.
 */
final class FeedbackPolicer implements NackSink {
    /** Shortest spacing of keyframe requests reaching one sender. */
    static final long KEYFRAME_REQUEST_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** Shortest spacing of NACKs passed on to one sender. */
    static final long NACK_FORWARD_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final MediaRouter.Output output;
    private final byte[] scratch;
    private final LongAdder retransmissions = new LongAdder();
    // State of the NACK being answered (set by admit, read by onSequence).
    private Member requester;
    private Member target;
    private long now;
    private boolean forward;
    private boolean refused;

    /**
     * @param output  sends the relay's retransmissions
     * @param scratch an MTU-sized buffer to copy them into
     */
    FeedbackPolicer(MediaRouter.Output output, byte[] scratch) {
        this.output = output;
        this.scratch = scratch;
    }

    /** @return packets the relay resent from its caches */
    long retransmissions() {
        return retransmissions.sum();
    }

    /**
     * Polices one feedback compound from {@code requester} about {@code target}'s stream.
     *
     * @return true if it should be forwarded to {@code target}; when false, it was answered or its drop counted
     */
    boolean admit(Member requester, Member target, RtcpRoute route, long now) {
        if (route.keyframeRequest()) {
            if (now - target.lastForwardedPliNanos < KEYFRAME_REQUEST_INTERVAL_NANOS) {
                requester.drops.add(DropReason.KEYFRAME_REQUEST_COALESCED);
                return false;
            }
            target.lastForwardedPliNanos = now;
            return true;
        }
        if (!route.nack()) {
            return true;  // other feedback (transport-cc, REMB...) passes, within the RTCP budget
        }
        this.requester = requester;
        this.target = target;
        this.now = now;
        this.forward = route.nackOverflow();
        this.refused = false;
        route.forEachNackedSequence(this);
        this.requester = null;
        this.target = null;
        if (forward) {
            if (now - target.lastNackForwardNanos >= NACK_FORWARD_INTERVAL_NANOS) {
                target.lastNackForwardNanos = now;
                return true;
            }
            requester.drops.add(DropReason.NACK_LIMITED);
        } else if (refused) {
            requester.drops.add(DropReason.NACK_LIMITED);
        }
        return false;
    }

    @Override
    public void onSequence(int sequence) {
        RetransmissionCache cache = target.cache;
        RetransmissionCache.Lookup found = cache == null ? RetransmissionCache.Lookup.NEWER : cache.find(sequence);
        switch (found) {
            case HIT -> {
                int length = cache.copy(sequence, scratch);
                InetSocketAddress to = requester.mediaAddress;
                if (to != null && requester.retransmitBudget.tryConsume(length, now)) {
                    output.send(scratch, length, to, requester);
                    retransmissions.increment();
                } else {
                    refused = true;
                }
            }
            case MISSING -> forward = true;      // the relay lost it too: only the sender has it
            case TOO_OLD, NEWER -> refused = true;
        }
    }
}
