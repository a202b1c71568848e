package dev.vc.transport.udp.internal.receive;

import dev.vc.api.EncodedFrame;
import dev.vc.api.RemoteStream;
import dev.vc.api.TransportListener;
import dev.vc.transport.udp.internal.PayloadTypes;
import dev.vc.transport.udp.internal.control.LocalStreams;
import dev.vc.transport.udp.internal.control.RtcpSession;
import dev.vc.transport.udp.internal.send.SendLayers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A receive pipeline without a socket: datagrams in, recorded frames out (like Netty's EmbeddedChannel). */
final class DispatcherHarness implements TransportListener {
    /** A delivered frame, copied out of the reused one. */
    record Received(RemoteStream stream, byte[] jfif, int width, int height, long captureTimeNanos, long sequence,
                    boolean keyframe, int rtpTimestamp) {
    }

    static final int OWN_SSRC = 0x0BADF00D;

    final ReceiveCounters counters = new ReceiveCounters();
    final List<Received> frames = new ArrayList<>();
    /** What the listener was told, in order: "frame" or "lost". */
    final List<String> events = new ArrayList<>();
    final ReceiveChain chain;
    long nowNanos = 1_000_000_000L;

    /** @return one local stream of that SSRC, for an RTCP session of a receiver that has sent nothing */
    static LocalStreams localStreams(int ssrc) {
        return SendLayers.create(new int[] {ssrc}, PayloadTypes.DEFAULTS, 1200, 16, new java.util.Random(1));
    }

    DispatcherHarness() {
        this(ReceiveLimits.DEFAULTS);
    }

    DispatcherHarness(ReceiveLimits limits) {
        this(limits, null);
    }

    /** @param rtcp the RTCP session RTCP datagrams go to; null to ignore them */
    DispatcherHarness(ReceiveLimits limits, RtcpSession rtcp) {
        chain = new ReceiveChain(new int[] {OWN_SSRC}, PayloadTypes.DEFAULTS, limits, counters, this, null, rtcp);
    }

    private final byte[] buffer = new byte[65536]; // like the receive loop: one big reused buffer

    void feed(byte[] packet) {
        System.arraycopy(packet, 0, buffer, 0, packet.length);
        chain.onDatagram(buffer, packet.length, nowNanos);
        nowNanos += 1_000;
    }

    void feedAll(List<byte[]> packets) {
        packets.forEach(this::feed);
    }

    @Override
    public void onFrame(RemoteStream stream, EncodedFrame frame) {
        frames.add(new Received(stream, Arrays.copyOf(frame.data(), frame.length()), frame.width(), frame.height(),
                frame.captureTimeNanos(), frame.sequence(), frame.keyframe(), frame.rtpTimestamp()));
        events.add("frame");
    }

    @Override
    public void onFrameLost(RemoteStream stream) {
        events.add("lost");
    }
}
