package dev.vc.relay;

import dev.vc.transport.udp.rtcp.RtcpHandler;
import dev.vc.transport.udp.rtcp.RtcpReader;

/**
 * What the relay learns from one compound RTCP datagram as {@link RtcpReader} reads it: whether every packet
 * in it names the member that sent it (any of its layers' SSRCs); how many sender reports it holds (a simulcast
 * sender sends one per layer, in one compound or several); when it carries feedback (NACK, PLI, FIR, any RTPFB or PSFB,
 * wherever in the compound), which media source the feedback is for, whether it asks for a keyframe and which
 * sequence numbers it NACKs; where its transport-cc feedback is, which is about the relay's own downlink to
 * the sender and ends at the relay; and whether it holds a TMMBN, the sender's answer to the relay's own TMMBR,
 * which ends at the relay too. Reused for every datagram; media thread only.
 *
 * <pre>{@code
 * route.reset(member);
 * RtcpReader.read(packet, 0, length, route);      // throws MalformedPacketException
 * if (!route.fromSender()) drop(WRONG_SSRC);
 * else if (route.mixedTargets()) drop(MALFORMED);
 * else if (route.feedback()) sendTo(route.mediaSsrc());
 * }</pre>
 */
final class RtcpRoute implements RtcpHandler {
    /** NACK FCI entries kept per datagram (each asks for up to 17 packets); more are reported as overflow. */
    static final int MAX_NACK_ITEMS = 64;
    private static final int GENERIC_NACK = 1;
    private static final int PLI = 1;
    private static final int FIR = 4;
    private static final int TRANSPORT_CC = 15;
    private static final int TMMBN = 4;

    private final int[] nackPids = new int[MAX_NACK_ITEMS];
    private final int[] nackBlps = new int[MAX_NACK_ITEMS];
    private Member sender;
    private int senderReports;
    private boolean any;
    private boolean fromSender;
    private boolean feedback;
    private boolean mixedTargets;
    private boolean keyframeRequest;
    private boolean nack;
    private int nackItems;
    private boolean nackOverflow;
    private int mediaSsrc;
    private int transportFeedbackOffset;
    private int transportFeedbackLength;
    private boolean bitrateNotification;

    /**
     * Prepares for the next datagram.
     *
     * @param from the member the datagram came from, whose layer SSRCs its packets may name
     */
    void reset(Member from) {
        sender = from;
        senderReports = 0;
        any = false;
        fromSender = true;
        feedback = false;
        mixedTargets = false;
        keyframeRequest = false;
        nack = false;
        nackItems = 0;
        nackOverflow = false;
        mediaSsrc = 0;
        transportFeedbackOffset = -1;
        transportFeedbackLength = 0;
        bitrateNotification = false;
    }

    @Override
    public void onPacket(int type, int countOrFormat, int ssrc, int media) {
        any = true;
        if (sender.layerOf(ssrc) < 0) {
            fromSender = false;
        }
        if (type == RtcpReader.RTPFB && countOrFormat == TRANSPORT_CC) {
            return;  // about the relay's downlink to the sender, not routed: see onTransportFeedback
        }
        if (type == RtcpReader.RTPFB && countOrFormat == TMMBN) {
            bitrateNotification = true;
            return;  // answers the relay's TMMBR, not routed
        }
        if (type == RtcpReader.RTPFB || type == RtcpReader.PSFB) {
            if (!feedback) {
                feedback = true;
                mediaSsrc = media;
            } else if (media != mediaSsrc) {
                mixedTargets = true;
            }
            if (type == RtcpReader.PSFB && (countOrFormat == PLI || countOrFormat == FIR)) {
                keyframeRequest = true;
            } else if (type == RtcpReader.RTPFB && countOrFormat == GENERIC_NACK) {
                nack = true;
            }
        }
    }

    @Override
    public void onSenderReport(int ssrc, long ntpTimestamp, int rtpTimestamp, long packets, long octets) {
        senderReports++;
    }

    @Override
    public void onNack(int sender, int media, int pid, int blp) {
        if (nackItems == MAX_NACK_ITEMS) {
            nackOverflow = true;
            return;
        }
        nackPids[nackItems] = pid;
        nackBlps[nackItems] = blp;
        nackItems++;
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

    /** @return true if the compound holds a TMMBN: the sender answers the relay's cap, and nothing is forwarded */
    boolean bitrateNotification() {
        return bitrateNotification;
    }

    /** @return sender reports in the compound */
    int senderReports() {
        return senderReports;
    }

    /** @return true if the datagram held at least one packet and every packet names one of the sender's SSRCs */
    boolean fromSender() {
        return fromSender && any;
    }

    /** @return true if the compound carries feedback, which goes only to {@link #mediaSsrc()} */
    boolean feedback() {
        return feedback;
    }

    /** @return true if its feedback packets name more than one media source */
    boolean mixedTargets() {
        return mixedTargets;
    }

    /** @return the media source the feedback is for */
    int mediaSsrc() {
        return mediaSsrc;
    }

    /** @return true if it holds a PLI or FIR */
    boolean keyframeRequest() {
        return keyframeRequest;
    }

    /** @return true if it holds a Generic NACK */
    boolean nack() {
        return nack;
    }

    /** @return true if it NACKed more than {@link #MAX_NACK_ITEMS} FCI entries (the rest are not listed) */
    boolean nackOverflow() {
        return nackOverflow;
    }

    /** Hands every sequence number the NACKs ask for to {@code sink}, in order. */
    void forEachNackedSequence(NackSink sink) {
        for (int i = 0; i < nackItems; i++) {
            int pid = nackPids[i];
            sink.onSequence(pid);
            int blp = nackBlps[i];
            for (int bit = 0; bit < 16; bit++) {
                if ((blp & (1 << bit)) != 0) {
                    sink.onSequence((pid + bit + 1) & 0xFFFF);
                }
            }
        }
    }
}
