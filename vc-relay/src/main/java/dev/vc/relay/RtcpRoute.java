package dev.vc.relay;

import dev.vc.transport.udp.rtcp.RtcpHandler;
import dev.vc.transport.udp.rtcp.RtcpReader;

/**
 * What the relay learns from one compound RTCP datagram as {@link RtcpReader} reads it: whether every packet
 * in it names the member that sent it, and, when the compound starts with feedback (NACK, PLI, any RTPFB or
 * PSFB), which media source the feedback is for, and where the transport-cc feedback is (which ends at the
 * relay). Reused for every datagram; media thread only.
 *
 * <pre>{@code
 * route.reset(member.ssrc);
 * RtcpReader.read(packet, 0, length, route);      // throws MalformedPacketException
 * if (!route.fromSender()) drop(WRONG_SSRC);
 * else if (route.feedback()) sendTo(route.mediaSsrc());
 * }</pre>
 */
final class RtcpRoute implements RtcpHandler {
    private int senderSsrc;
    private boolean first;
    private boolean fromSender;
    private boolean feedback;
    private int mediaSsrc;
    private int transportFeedbackOffset;
    private int transportFeedbackLength;

    /**
     * Prepares for the next datagram.
     *
     * @param expectedSsrc the SSRC the relay assigned to the member the datagram came from
     */
    void reset(int expectedSsrc) {
        senderSsrc = expectedSsrc;
        first = true;
        fromSender = true;
        feedback = false;
        mediaSsrc = 0;
        transportFeedbackOffset = -1;
        transportFeedbackLength = 0;
    }

    @Override
    public void onPacket(int type, int countOrFormat, int ssrc, int media) {
        if (ssrc != senderSsrc) {
            fromSender = false;
        }
        if (first) {
            first = false;
            feedback = type == RtcpReader.RTPFB || type == RtcpReader.PSFB;
            mediaSsrc = media;
        }
    }

    @Override
    public void onTransportFeedback(byte[] packet, int offset, int length) {
        if (transportFeedbackOffset < 0) {
            transportFeedbackOffset = offset;
            transportFeedbackLength = length;
        }
    }

    /**
     * @return true if the compound holds transport-cc feedback: it is about the relay's downlink to the
     *         sender, so the relay takes it (the first such message) and forwards nothing of the compound
     */
    boolean transportFeedback() {
        return transportFeedbackOffset >= 0;
    }

    /** @return where the first transport-cc message starts */
    int transportFeedbackOffset() {
        return transportFeedbackOffset;
    }

    /** @return its length */
    int transportFeedbackLength() {
        return transportFeedbackLength;
    }

    /** @return true if the datagram held at least one packet and every packet names the sender's SSRC */
    boolean fromSender() {
        return fromSender && !first;
    }

    /** @return true if the compound starts with feedback, which goes only to {@link #mediaSsrc()} */
    boolean feedback() {
        return feedback;
    }

    /** @return the media source the leading feedback packet is for */
    int mediaSsrc() {
        return mediaSsrc;
    }
}
