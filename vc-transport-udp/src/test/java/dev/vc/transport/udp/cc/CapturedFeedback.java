package dev.vc.transport.udp.cc;

import java.util.ArrayList;
import java.util.List;

/** Test handler: keeps what {@link TransportFeedbackReader} reported, one entry per status. */
final class CapturedFeedback implements TransportFeedbackHandler {
    int senderSsrc;
    int mediaSsrc;
    int baseSequence;
    int statusCount;
    int referenceTime;
    int feedbackPacketCount;
    int messages;
    final List<Integer> sequences = new ArrayList<>();
    /** Arrival time in µs, or null for "not received". */
    final List<Long> arrivals = new ArrayList<>();

    @Override
    public void onFeedback(int senderSsrc, int mediaSsrc, int baseSequence, int statusCount, int referenceTime,
                           int feedbackPacketCount) {
        this.senderSsrc = senderSsrc;
        this.mediaSsrc = mediaSsrc;
        this.baseSequence = baseSequence;
        this.statusCount = statusCount;
        this.referenceTime = referenceTime;
        this.feedbackPacketCount = feedbackPacketCount;
        messages++;
    }

    @Override
    public void onReceived(int sequence, long arrivalMicros) {
        sequences.add(sequence);
        arrivals.add(arrivalMicros);
    }

    @Override
    public void onNotReceived(int sequence) {
        sequences.add(sequence);
        arrivals.add(null);
    }

    static CapturedFeedback read(byte[] packet, int offset, int length) {
        CapturedFeedback captured = new CapturedFeedback();
        TransportFeedbackReader.read(packet, offset, length, captured);
        return captured;
    }
}
