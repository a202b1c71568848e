package dev.vc.relay;

import dev.vc.relay.layers.ForwardedStream;
import dev.vc.transport.udp.rtcp.RtcpWriter;
import dev.vc.transport.udp.rtp.RtxPacket;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Feedback from one member (the requester) about another's stream (the target), translated to the layer the
 * requester gets and policed before anything reaches the sender, so no member can make others send more than
 * they would for an honest room. The requester names the target's layer-0 SSRC and the sequence numbers it saw,
 * which are those of its {@link ForwardedStream} of the target. Media thread only; allocates nothing.
 *
 * <ul>
 *   <li><b>PLI and FIR</b> become a PLI for the layer the requester gets or awaits, naming that layer's SSRC, with
 *       the requester's SSRC as sender. They are coalesced per target layer: at most one reaches a sender every
 *       {@link #KEYFRAME_REQUEST_INTERVAL_NANOS} (the relay's own PLIs have their own limit, one a second per
 *       layer); the rest are dropped as {@link DropReason#KEYFRAME_REQUEST_COALESCED} (the keyframe on its way
 *       serves them too). One for a stream the requester is not getting at all is {@link DropReason#NOT_RECEIVING}.</li>
 *   <li><b>NACKs</b>: each sequence number is translated through the requester's stream ({@link
 *       ForwardedStream#original}) and answered from that layer's {@link RetransmissionCache}, the copy's header
 *       rewritten as it was forwarded to the requester (SSRC, sequence number, timestamp) and sent as RTX (RFC 4588)
 *       on the requester's RTX stream of the target ({@link ForwardedStream#retransmission}: its RTX SSRC and
 *       numbers, the rewritten sequence number as OSN) with a fresh transport-wide number, within the requester's
 *       {@link RetransmitBudget}. Only sequence numbers of the current layer within
 *       the cache's window that the relay never received itself are passed on to the sender, translated (the
 *       layer's SSRC and its own numbers), at most one NACK per target every {@link #NACK_FORWARD_INTERVAL_NANOS}.
 *       Numbers that translate to nothing, to a layer the requester no longer gets, or outside the cache's window
 *       are counted as unanswerable. A NACK neither fully answered nor passed on is dropped as {@link
 *       DropReason#NACK_LIMITED} (once per datagram).</li>
 *   <li>Other feedback (REMB...) passes unchanged.</li>
 * </ul>
 * Every RTCP datagram a member sends is also held to its RTCP budget ({@link Member#rtcpBudget}) by the router.
 */
final class FeedbackPolicer implements NackSink {
    /** Shortest spacing of keyframe requests reaching one layer of one sender. */
    static final long KEYFRAME_REQUEST_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** Shortest spacing of NACKs passed on to one sender. */
    static final long NACK_FORWARD_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Most sequence numbers one NACK datagram can list. */
    private static final int MAX_NACKED = RtcpRoute.MAX_NACK_ITEMS * 17;

    private final MediaRouter.Output output;
    private final TransportCcRouting transportCc;
    private final byte[] scratch;
    /** {@link #scratch} as RTX, on its way to the requester. */
    private final byte[] rtx;
    private final byte[] feedback;
    private final int[] missing = new int[MAX_NACKED];
    private final LongAdder retransmissions = new LongAdder();
    private final LongAdder nackTranslated = new LongAdder();
    private final LongAdder nackUnanswerable = new LongAdder();
    // State of the NACK being answered (set by admit, read by onSequence).
    private Member requester;
    private Member target;
    private ForwardedStream stream;
    private long now;
    private int missingCount;
    private int missingLayer;
    private boolean refused;

    /**
     * @param output      sends the relay's retransmissions and translated feedback
     * @param transportCc stamps the retransmissions' transport-wide sequence numbers
     * @param mtu         the largest packet
     */
    FeedbackPolicer(MediaRouter.Output output, TransportCcRouting transportCc, int mtu) {
        this.output = output;
        this.transportCc = transportCc;
        this.scratch = new byte[mtu];
        this.rtx = new byte[mtu + RtxPacket.OSN_LENGTH];
        this.feedback = new byte[Math.max(12 + 4 * RtcpRoute.MAX_NACK_ITEMS * 2, 64)];
    }

    /** @return packets the relay resent from its caches */
    long retransmissions() {
        return retransmissions.sum();
    }

    /** @return NACKed sequence numbers translated to a layer's own */
    long nackTranslated() {
        return nackTranslated.sum();
    }

    /** @return NACKed sequence numbers the relay's caches could not answer */
    long nackUnanswerable() {
        return nackUnanswerable.sum();
    }

    /**
     * Handles one feedback compound from {@code requester} about {@code target}'s stream.
     *
     * @param stream the requester's stream of the target
     * @param packet the compound, forwarded unchanged if it is feedback other than PLI, FIR or NACK
     */
    void admit(Member requester, Member target, ForwardedStream stream, RtcpRoute route, byte[] packet, int length,
               long now) {
        if (route.keyframeRequest()) {
            requestKeyframe(requester, target, stream.target(), now);
        } else if (route.nack()) {
            answerNack(requester, target, stream, route, now);
        } else {
            send(packet, length, target);  // other feedback (REMB...) passes, within the RTCP budget
        }
    }

    private void requestKeyframe(Member requester, Member target, int layer, long now) {
        if (layer == ForwardedStream.NO_LAYER) {
            requester.drops.add(DropReason.NOT_RECEIVING);
        } else if (now - target.lastForwardedPliNanos[layer] < KEYFRAME_REQUEST_INTERVAL_NANOS) {
            requester.drops.add(DropReason.KEYFRAME_REQUEST_COALESCED);
        } else {
            target.lastForwardedPliNanos[layer] = now;
            send(feedback, RtcpWriter.pli(feedback, 0, requester.ssrc, target.layerSsrc(layer)), target);
        }
    }

    private void answerNack(Member requester, Member target, ForwardedStream stream, RtcpRoute route, long now) {
        this.requester = requester;
        this.target = target;
        this.stream = stream;
        this.now = now;
        this.missingCount = 0;
        this.refused = route.nackOverflow();
        route.forEachNackedSequence(this);
        this.requester = null;
        this.target = null;
        this.stream = null;
        if (missingCount > 0 && now - target.lastNackForwardNanos >= NACK_FORWARD_INTERVAL_NANOS) {
            target.lastNackForwardNanos = now;
            send(feedback, RtcpWriter.nack(feedback, 0, requester.ssrc, target.layerSsrc(missingLayer), missing,
                    Math.min(missingCount, RtcpRoute.MAX_NACK_ITEMS * 2)), target);
        } else if (missingCount > 0 || refused) {
            requester.drops.add(DropReason.NACK_LIMITED);
        }
    }

    @Override
    public void onSequence(int sequence) {
        long original = stream.original(sequence);
        if (original < 0) {
            unanswerable();
            return;
        }
        nackTranslated.increment();
        int layer = (int) (original >>> 16);
        int originalSequence = (int) original & 0xFFFF;
        RetransmissionCache cache = layer == stream.current() ? target.cacheOrNull(layer) : null;
        if (cache == null) {
            unanswerable();  // nothing of that layer yet, or a layer the requester no longer gets
            return;
        }
        switch (cache.find(originalSequence)) {
            case HIT -> resend(cache, layer, originalSequence);
            case MISSING -> {                    // the relay lost it too: only the sender has it
                nackUnanswerable.increment();
                if (missingCount < missing.length) {
                    missing[missingCount++] = originalSequence;
                    missingLayer = layer;
                }
            }
            case TOO_OLD, NEWER -> unanswerable();
        }
    }

    private void resend(RetransmissionCache cache, int layer, int originalSequence) {
        int length = cache.copy(originalSequence, scratch);
        int timestamp = (scratch[4] & 0xFF) << 24 | (scratch[5] & 0xFF) << 16 | (scratch[6] & 0xFF) << 8
                | scratch[7] & 0xFF;
        InetSocketAddress to = requester.mediaAddress;
        if (to == null || !stream.forward(scratch, 0, layer, originalSequence, timestamp, false, now)
                || !requester.retransmitBudget.tryConsume(length + RtxPacket.OSN_LENGTH,
                        requester.congestion.downlinkBudgetBps(), now)) {
            refused = true;
            return;
        }
        int n = stream.retransmission(scratch, 0, length, rtx, 0);
        if (n < 0) {
            refused = true;  // a payload type vc has no RTX payload type for
            return;
        }
        transportCc.stampRetransmission(requester, rtx, n, now);
        output.send(rtx, n, to, requester);
        retransmissions.increment();
    }

    private void unanswerable() {
        nackUnanswerable.increment();
        refused = true;
    }

    private void send(byte[] data, int length, Member to) {
        InetSocketAddress address = to.mediaAddress;
        if (address != null) {
            output.send(data, length, address, to);
        }
    }
}
