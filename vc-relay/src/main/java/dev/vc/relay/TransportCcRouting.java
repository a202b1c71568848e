package dev.vc.relay;

import dev.vc.transport.udp.cc.TransportSequenceNumber;

import java.net.InetSocketAddress;

/**
 * The {@link MediaRouter}'s part in congestion control on every hop (see {@link MemberCongestion}), so the
 * router keeps a few hook lines:
 *
 * <ol>
 *   <li>{@link #onMediaIn}: an accepted RTP packet's transport-wide sequence number is recorded in the sender's
 *       uplink; its offset is kept, so that</li>
 *   <li>{@link #stamp}: before each receiver's send, the same two bytes are rewritten with that receiver's own
 *       downlink sequence number (in place: one buffer, rewritten per receiver, no copy);</li>
 *   <li>{@link #sendDueFeedback}: after forwarding, the sender gets the uplink feedback that is due (every
 *       50 ms while it sends);</li>
 *   <li>{@link #stampRetransmission}: a packet resent from the relay's cache gets a fresh number too;</li>
 *   <li>{@link #onFeedback}: transport-cc feedback from a member is about the relay's downlink to it: it ends
 *       here, in that member's estimator, and is never forwarded.</li>
 * </ol>
 *
 * A packet without the extension (a sender that does not stamp) is forwarded unstamped. Media thread only;
 * allocates nothing.
 */
final class TransportCcRouting {
    private final byte[] feedback;
    private final MediaRouter.Output output;

    /**
     * @param mtu    largest feedback message
     * @param output where feedback to senders goes
     */
    TransportCcRouting(int mtu, MediaRouter.Output output) {
        this.feedback = new byte[mtu];
        this.output = output;
    }

    /**
     * @return where the packet's transport-wide sequence number is, or {@link TransportSequenceNumber#ABSENT}
     */
    int onMediaIn(Member sender, byte[] packet, int length, int ssrc, long nowNanos) {
        int at = TransportSequenceNumber.locate(packet, 0, length, TransportSequenceNumber.DEFAULT_ID);
        if (at != TransportSequenceNumber.ABSENT) {
            sender.congestion.onUplinkPacket((packet[at] & 0xFF) << 8 | (packet[at + 1] & 0xFF), ssrc, nowNanos);
        }
        return at;
    }

    /** Rewrites the packet's transport-wide sequence number for {@code receiver}, if it has one and is bound. */
    void stamp(Member receiver, byte[] packet, int at, int length, long nowNanos) {
        if (at != TransportSequenceNumber.ABSENT && receiver.mediaAddress != null) {
            receiver.congestion.stampDownlink(packet, at, length, nowNanos);
        }
    }

    /**
     * Gives a packet the relay resends from its cache to {@code receiver} a fresh transport-wide sequence number of
     * that receiver's downlink, if it carries the extension: the copy still holds the sender's.
     */
    void stampRetransmission(Member receiver, byte[] packet, int length, long nowNanos) {
        stamp(receiver, packet, TransportSequenceNumber.locate(packet, 0, length, TransportSequenceNumber.DEFAULT_ID),
                length, nowNanos);
    }

    /** Sends {@code sender} the feedback about its uplink that is due, if any. */
    void sendDueFeedback(Member sender, long nowNanos) {
        InetSocketAddress to = sender.mediaAddress;
        int length = sender.congestion.writeUplinkFeedback(feedback, nowNanos);
        if (length > 0 && to != null) {
            output.send(feedback, length, to, sender);
        }
    }

    /** Gives a member's transport-cc feedback to its downlink estimator; counts it as a drop if refused. */
    void onFeedback(Member sender, byte[] packet, int offset, int length, long nowNanos) {
        DropReason refused = sender.congestion.onDownlinkFeedback(packet, offset, length, nowNanos);
        if (refused != null) {
            sender.drops.add(refused);
        }
    }
}
