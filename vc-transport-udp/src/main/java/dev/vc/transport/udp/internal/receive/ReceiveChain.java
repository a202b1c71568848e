package dev.vc.transport.udp.internal.receive;

import dev.vc.api.EncodedFrame;
import dev.vc.api.TransportListener;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.MediaHello;
import dev.vc.transport.udp.RtcpReader;
import dev.vc.transport.udp.RtpHeader;

/**
 * The receive pipeline for one datagram, without the socket: parse the RTP header, drop what is malformed,
 * reflected (our own SSRC) or of an unknown payload type, route by SSRC to the stream's assembler (the
 * payload type picks the codec: JPEG or H.264), and hand complete frames to the listener.
 *
 * <pre>{@code
 * PacketDispatcher dispatcher = new PacketDispatcher(ownSsrc, PayloadTypes.DEFAULTS, limits, counters, listener, null);
 * dispatcher.onDatagram(buffer, length, System.nanoTime());
 * }</pre>
 *
 * <p>Receive thread only; allocates nothing per packet once the streams' buffers have grown.
 */
final class PacketDispatcher {
    private static final System.Logger LOG = System.getLogger(PacketDispatcher.class.getName());
    private static final long EXPIRY_PERIOD_NANOS = 100_000_000L;

    private final int ownSsrc;
    private final PayloadTypes payloadTypes;
    private final FrameAssembler.FrameSink sink = this::deliver;
    private ReceiveStream current;
    private final TransportCounters counters;
    private final TransportListener listener;
    private final RtpHeader rtp = new RtpHeader();
    private final RelayBinding binding;
    private final RtcpSession rtcp;
    private final StreamTable streams;
    private long lastExpiryNanos;

    /**
     * @param ownSsrc     the local stream's SSRC; packets carrying it are reflections and are dropped
     * @param payloadTypes the payload types accepted, and the codec each carries
     * @param limits      receive bounds
     * @param counters    where everything is counted
     * @param listener    receives complete frames
     * @param binding     checks the relay's answers to our hellos; null when not talking to a relay
     * @param rtcp        handles RTCP and counts RTP for reception reports; null for none
     */
    PacketDispatcher(int ownSsrc, PayloadTypes payloadTypes, ReceiveLimits limits, TransportCounters counters,
                     TransportListener listener, RelayBinding binding, RtcpSession rtcp) {
        this.binding = binding;
        this.rtcp = rtcp;
        this.ownSsrc = ownSsrc;
        this.payloadTypes = payloadTypes;
        this.counters = counters;
        this.listener = listener;
        this.streams = new StreamTable(limits, counters);
    }

    /**
     * Handles one received datagram.
     *
     * @param buffer   holds the datagram from offset 0
     * @param length   its length
     * @param nowNanos {@link System#nanoTime()} at arrival
     */
    void onDatagram(byte[] buffer, int length, long nowNanos) {
        counters.bytesReceived.add(length);
        expireIfDue(nowNanos);
        if (length > 0 && MediaHello.isStun(buffer[0])) {
            if (binding == null || !binding.onStun(buffer, length)) {
                counters.packetsDropped.increment();
            }
            return;
        }
        if (RtcpReader.isRtcp(buffer, 0, length)) {
            try {
                if (rtcp != null) {
                    rtcp.onRtcp(buffer, length, nowNanos);
                }
            } catch (MalformedPacketException e) {
                counters.packetsDropped.increment();
            }
            return;
        }
        try {
            rtp.parse(buffer, 0, length);
        } catch (MalformedPacketException e) {
            counters.packetsDropped.increment();
            return;
        }
        if (rtp.ssrc() == ownSsrc) {
            counters.ownPacketsDropped.increment();
            counters.packetsDropped.increment();
            return;
        }
        VideoCodec codec = payloadTypes.codecOf(rtp.payloadType());
        if (codec == null) {
            counters.packetsDropped.increment();
            return;
        }
        current = streams.get(rtp.ssrc(), codec, nowNanos);
        if (rtcp != null) {
            if (current.rtcp == null) {
                current.rtcp = rtcp.remote(rtp.ssrc(), nowNanos);
            }
            if (current.rtcp != null) {
                rtcp.onRtp(current.rtcp, rtp, length, nowNanos);
            }
        }
        current.use(codec).onPacket(rtp, nowNanos, sink);
        reportLoss();
    }

    /**
     * Tells the listener of frames the stream's assembler gave up. Also called before each delivery: a frame that
     * completes discards the older incomplete ones, and an inter-frame decoder must hear of that gap before it
     * gets the frame after it, or it decodes that frame against a missing reference.
     */
    private void reportLoss() {
        if (current.assembler.takeLoss()) {
            listener.onFrameLost(current.id);
        }
    }

    private void deliver(EncodedFrame frame) {
        reportLoss();
        counters.framesReceived.increment();
        try {
            listener.onFrame(current.id, frame);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "transport listener failed on a frame of " + current.id, e);
        }
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
