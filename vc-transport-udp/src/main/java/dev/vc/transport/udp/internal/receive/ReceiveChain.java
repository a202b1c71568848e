package dev.vc.transport.udp.internal.receive;

import dev.vc.api.RtxSsrc;
import dev.vc.transport.udp.internal.secure.SrtpHop;
import dev.vc.api.TransportListener;
import dev.vc.transport.udp.internal.PayloadTypes;
import dev.vc.transport.udp.internal.control.RelayBinding;
import dev.vc.transport.udp.internal.control.RtcpSession;

/**
 * The receive path for one datagram, without the socket: a chain of small stages, each with one job, each
 * counting its drops by {@link ReceiveDropReason}. The chain is assembled in the constructor and reads top to
 * bottom; a new stage is one class and one line there.
 *
 * <pre>{@code
 * ReceiveChain chain = new ReceiveChain(new int[] {ownSsrc}, PayloadTypes.DEFAULTS, limits, counters, listener, null, null);
 * chain.onDatagram(buffer, length, System.nanoTime());
 * }</pre>
 *
 * <p>Receive thread only; allocates nothing per packet once the streams' buffers have grown.
 */
public final class ReceiveChain {
    private static final long EXPIRY_PERIOD_NANOS = 100_000_000L;

    private final ReceiveCounters counters;
    private final StreamTable streams;
    private final ReceivedPacket packet = new ReceivedPacket();
    private final ReceiveStage head;
    private long lastExpiryNanos;

    /**
     * @param ownSsrcs     the local layers' SSRCs; packets carrying one, or the RTX SSRC of one, are reflections
     *                     and are dropped
     * @param payloadTypes the payload types accepted, and the codec each carries
     * @param limits       receive bounds
     * @param counters     where everything is counted
     * @param listener     receives complete frames
     * @param binding      checks the relay's answers to our hellos; null when not talking to a relay
     * @param rtcp         handles RTCP and counts RTP for reception reports; null for none
     */
    public ReceiveChain(int[] ownSsrcs, PayloadTypes payloadTypes, ReceiveLimits limits, ReceiveCounters counters,
                        TransportListener listener, RelayBinding binding, RtcpSession rtcp) {
        this(ownSsrcs, payloadTypes, limits, counters, listener, binding, rtcp, null);
    }

    /**
     * A chain whose hop to the relay is encrypted (SRTP keyed by DTLS) when {@code hop} is not null.
     *
     * @param hop the encrypted hop; null for plain RTP
     */
    public ReceiveChain(int[] ownSsrcs, PayloadTypes payloadTypes, ReceiveLimits limits, ReceiveCounters counters,
                        TransportListener listener, RelayBinding binding, RtcpSession rtcp, SrtpHop hop) {
        this.counters = counters;
        this.streams = new StreamTable(limits, counters);
        ReceiveDrops drops = counters.packetsDropped;
        java.util.List<ReceiveStage> stages = new java.util.ArrayList<>();
        stages.add(new Demultiplexer(binding, rtcp, hop, drops));  // STUN, DTLS, (S)RTCP routed away
        if (hop != null) {
            stages.add(new SrtpUnprotect(hop, drops));
        }
        stages.add(new RtpParser(drops));
        stages.add(new TransportSequenceRecorder(rtcp == null ? null : rtcp.congestion()));
        stages.add(new PaddingFilter(drops));                       // probes: recorded above, never media
        stages.add(new ReflectionFilter(withRtx(ownSsrcs), drops)); // our media and our retransmissions
        stages.add(new RtxUnwrapper(payloadTypes, streams, drops)); // RTX back into the original, then as media
        stages.add(new PayloadTypeMapper(payloadTypes, drops));
        stages.add(new StreamLookup(streams));
        stages.add(new ReceptionRecorder(rtcp));                    // loss and NACK; simulcast layer filtering after
        stages.add(new FrameAssembly(listener, counters));
        this.head = ReceiveStage.chain(stages.toArray(ReceiveStage[]::new));
    }

    /** @return the SSRCs and the RTX SSRC paired with each ({@link RtxSsrc#of}) */
    private static int[] withRtx(int[] ssrcs) {
        int[] all = java.util.Arrays.copyOf(ssrcs, 2 * ssrcs.length);
        for (int i = 0; i < ssrcs.length; i++) {
            all[ssrcs.length + i] = RtxSsrc.of(ssrcs[i]);
        }
        return all;
    }

    /**
     * Handles one received datagram.
     *
     * @param buffer   holds the datagram from offset 0
     * @param length   its length
     * @param nowNanos {@link System#nanoTime()} at arrival
     */
    public void onDatagram(byte[] buffer, int length, long nowNanos) {
        counters.bytesReceived.add(length);
        expireIfDue(nowNanos);
        head.accept(packet.wrap(buffer, length, nowNanos));
    }

    private void expireIfDue(long nowNanos) {
        if (nowNanos - lastExpiryNanos > EXPIRY_PERIOD_NANOS) {
            lastExpiryNanos = nowNanos;
            streams.expire(nowNanos);
        }
    }

    /** @return the remote streams tracked */
    int streamCount() {
        return streams.size();
    }
}
