package dev.vc.transport.udp.cc;

/**
 * Receives the content of one transport-cc feedback message from {@link TransportFeedbackReader}, in wire
 * order: {@link #onFeedback} once, then one call per packet status in sequence order. The reader checks the
 * whole message before the first call, so a malformed message reaches no method.
 *
 * <pre>{@code
 * TransportFeedbackReader.read(packet, 0, length, new TransportFeedbackHandler() {
 *     public void onFeedback(int sender, int media, int base, int count, int reference, int fbCount) { }
 *     public void onReceived(int sequence, long arrivalMicros) { acked(sequence, arrivalMicros); }
 *     public void onNotReceived(int sequence) { lost(sequence); }
 * });
 * }</pre>
 */
public interface TransportFeedbackHandler {
    /**
     * The message header.
     *
     * @param senderSsrc          SSRC of the feedback's sender
     * @param mediaSsrc           SSRC of the media source (informational for transport-cc)
     * @param baseSequence        transport-wide sequence number of the first status
     * @param statusCount         how many statuses follow
     * @param referenceTime       the 24-bit reference time as read, in 64 ms units
     *                            ({@link TransportFeedback#unwrapReference} makes it continuous)
     * @param feedbackPacketCount the 8-bit count of feedback messages the sender has sent
     */
    void onFeedback(int senderSsrc, int mediaSsrc, int baseSequence, int statusCount, int referenceTime,
                    int feedbackPacketCount);

    /**
     * A packet the receiver got.
     *
     * @param sequence      its transport-wide sequence number, {@code [0, 65535]}
     * @param arrivalMicros its arrival time in the receiver's clock: {@code referenceTime × 64 ms} plus the
     *                      receive deltas so far, in µs (a multiple of 250 µs)
     */
    void onReceived(int sequence, long arrivalMicros);

    /**
     * A packet the receiver has not got (lost, or not yet arrived).
     *
     * @param sequence its transport-wide sequence number, {@code [0, 65535]}
     */
    void onNotReceived(int sequence);
}
