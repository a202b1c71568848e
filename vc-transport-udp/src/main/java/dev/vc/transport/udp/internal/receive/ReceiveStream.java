package dev.vc.transport.udp.internal.receive;

import dev.vc.api.RemoteStream;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.internal.control.RtcpSession;

/**
 * One remote stream the transport receives: its identity, its frame assembler and when it was last heard.
 *
 * <p>The payload type of its packets decides the codec. A sender that changes codec keeps its SSRC: the stream
 * then discards the frames pending in the old codec, switches assembler (made on first use, kept) and gets a
 * new {@link RemoteStream} naming the new codec.
 */
final class ReceiveStream {
    private static final VideoCodec[] CODECS = VideoCodec.values();

    private final int ssrc;
    private final ReceiveLimits limits;
    private final ReceiveCounters counters;
    private final FrameAssembler[] assemblers = new FrameAssembler[CODECS.length];
    RemoteStream id;
    FrameAssembler assembler;
    long lastActiveNanos;
    /** Its RTCP reception statistics, attached on its first packet; null if too many streams are tracked. */
    RtcpSession.Remote rtcp;

    ReceiveStream(int ssrc, VideoCodec codec, ReceiveLimits limits, ReceiveCounters counters) {
        this.ssrc = ssrc;
        this.limits = limits;
        this.counters = counters;
        use(codec);
    }

    /**
     * Makes {@code codec} the stream's current codec.
     *
     * @param codec the codec of the packet at hand
     * @return the assembler for it
     */
    FrameAssembler use(VideoCodec codec) {
        if (assembler != null && assembler.codec() == codec) {
            return assembler;
        }
        if (assembler != null) {
            assembler.discardAll();
        }
        FrameAssembler next = assemblers[codec.ordinal()];
        if (next == null) {
            PayloadFormat format = codec == VideoCodec.H264 ? new H264Format() : new JpegFormat();
            next = new FrameAssembler(format, limits, counters);
            assemblers[codec.ordinal()] = next;
        }
        assembler = next;
        id = RemoteStream.of(ssrc, codec);
        return next;
    }
}
