package dev.vc.transport.udp.internal;

import dev.vc.api.RemoteStream;
import dev.vc.api.VideoCodec;

/** One remote stream the transport receives: its identity, its frame assembler and when it was last heard. */
final class ReceiveStream {
    final RemoteStream id;
    final JpegFrameAssembler assembler;
    long lastActiveNanos;

    ReceiveStream(int ssrc, ReceiveLimits limits, TransportCounters counters) {
        this.id = RemoteStream.of(ssrc, VideoCodec.JPEG);
        this.assembler = new JpegFrameAssembler(limits, counters);
    }
}
