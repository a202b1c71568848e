package dev.vc.api;

import java.net.InetSocketAddress;

/**
 * Carries encoded frames between a participant and the relay (or a peer): packetizes and sends the local
 * stream, receives, reassembles and hands over the remote ones.
 *
 * <p>{@link #send} is called from one thread (the send pipeline's); listener callbacks come from the
 * transport's own receive thread.
 *
 * <pre>{@code
 * try (Transport transport = ProviderRegistry.transports().select(config).open(settings)) {
 *     transport.start(listener);
 *     transport.send(encoded);
 * }
 * }</pre>
 */
public interface Transport extends AutoCloseable {
    /**
     * Starts receiving; frames and feedback go to {@code listener}. Called once.
     *
     * @param listener receives remote frames and keyframe requests
     */
    void start(TransportListener listener);

    /**
     * Packetizes a frame and sends it to the remote end. Does not keep a reference to {@code frame}.
     *
     * @param frame the compressed frame
     * @throws TransportException if the socket failed (not for a dropped packet, which is counted)
     */
    void send(EncodedFrame frame);

    /**
     * Asks the sender of a remote stream for a keyframe (RTCP PLI), because its decoder cannot go on. Repeated
     * requests are rate-limited by the transport. Any thread.
     *
     * @param ssrc the remote stream's SSRC
     */
    default void requestKeyframe(int ssrc) {
    }

    /**
     * Before {@link #start}: continues the streams a previous transport of the same kind sent with the same SSRCs
     * (a participant resumed on a new media binding after a reconnection), so that receivers see one stream: each
     * layer's sequence numbers follow on and its RTP timestamps keep their offset. Called while the previous
     * transport sends no more. The default does nothing: the streams start afresh.
     *
     * @param previous the transport being replaced
     */
    default void continueStreams(Transport previous) {
    }

    /**
     * The send-side bandwidth estimate of the path to the remote end, which the sender follows (encoder
     * bitrate, frame rate). Any thread.
     *
     * @return the target bitrate in bit/s, or -1 while there is no estimate (the default: no congestion control)
     */
    default long targetBitrateBps() {
        return -1;
    }

    /**
     * The most the remote end lets one simulcast layer send: the last bit rate limit it asked for that layer's
     * stream (RTCP TMMBR, RFC 5104 §4.2.1: a relay caps a layer to what its receivers can take), which the sender
     * obeys on top of {@link #targetBitrateBps()}. A limit stays until the remote end sends another; a relay lifts
     * one by asking for a rate far above the layer's. Any thread.
     *
     * @param layer the layer, 0 (the largest) ..
     * @return the limit in bit/s, or -1 for none (the default: the transport takes no limits)
     */
    default long layerBitrateCapBps(int layer) {
        return -1;
    }

    /**
     * States the most the sender would use now: the sum of the maximum bitrates of the layers it is sending.
     * While {@link #targetBitrateBps()} is below it, a transport with congestion control probes the path (sends
     * padding at a higher rate for a moment), so its estimate can rise above what the encoders send now (a
     * paused simulcast layer resuming, capacity that came back). Any thread; call it when the wanted rate
     * changes.
     *
     * @param bps the wanted bitrate, bit/s (the default does nothing: no congestion control)
     */
    default void setWantedBitrateBps(long bps) {
    }

    /** @return the local address the transport is bound to (with the actual port when 0 was asked for) */
    InetSocketAddress localAddress();

    /** @return the local stream's RTP synchronisation source identifier (layer 0's, with simulcast) */
    int ssrc();

    /** @return counters since the transport was opened */
    TransportStats stats();

    /**
     * When the media path to the relay came up (hello answered, SRTP keyed, first packet received), for
     * measuring a join. Any thread.
     *
     * @return the stamps so far (the default: {@link MediaMilestones#NONE}, a transport that does not say)
     */
    default MediaMilestones milestones() {
        return MediaMilestones.NONE;
    }

    /**
     * @return RTP/RTCP figures per stream: the local ones first (one per simulcast layer, layer 0 first), then
     *         each remote one (empty for transports without RTCP)
     */
    default java.util.List<RtpStreamStats> rtpStats() {
        return java.util.List.of();
    }

    /** Stops the receive thread and closes the socket. Idempotent. */
    @Override
    void close();
}
