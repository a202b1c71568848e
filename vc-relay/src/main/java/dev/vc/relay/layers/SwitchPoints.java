package dev.vc.relay.layers;

import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.h264.H264KeyframeStart;
import dev.vc.transport.udp.rtp.RtpSequence;

/**
 * Where a receiver may start on one of a sender's layers, or switch onto it ({@link ForwardedStream#forward}'s
 * {@code keyframeStart}): a packet that starts a keyframe ({@link KeyframeStarts}) and that the keyframe's access
 * unit begins with, as far as the relay can tell from the layer's packets in sequence. One per sender, fed every
 * media packet of its layers in arrival order.
 *
 * <p>H.264: a packet that carries the sequence parameter set (vc's senders open every keyframe with SPS and PPS in one
 * STAP-A) is one; an IDR slice's first packet is one only when the layer's packet just before it in sequence arrived
 * with another timestamp, or it is the first packet of the layer the relay gets, so that nothing of its access unit
 * is known to have come before it (its parameter sets then travel out of band, or the receiver holds them). Not
 * after a gap, nor after its own access unit's first packet. Without that, a receiver whose stream started between a keyframe's STAP-A and
 * its IDR slice (it was bound, or got its SRTP keys, in between) got the slice without the SPS and PPS: a keyframe
 * its decoder rejects at a stream's start, or decodes with another layer's parameter sets at a switch. JPEG: a
 * frame's first fragment, which every frame has.
 *
 * <pre>{@code
 * SwitchPoints points = new SwitchPoints(sender.layerCount());
 * boolean switchPoint = points.test(codec, layer, packet, rtp.payloadOffset(), rtp.payloadLength(),
 *         rtp.sequence(), rtp.timestamp());
 * }</pre>
 *
 * <p>Media thread only; allocates nothing after construction.
 */
public final class SwitchPoints {
    private final int[] newestSequence;
    private final int[] newestTimestamp;
    private final boolean[] seen;

    /** @param layers how many layers the sender sends, 1..{@link ForwardedStream#MAX_LAYER} + 1 */
    public SwitchPoints(int layers) {
        if (layers < 1 || layers > ForwardedStream.MAX_LAYER + 1) {
            throw new IllegalArgumentException("layers must be in 1.." + (ForwardedStream.MAX_LAYER + 1) + ": " + layers);
        }
        newestSequence = new int[layers];
        newestTimestamp = new int[layers];
        seen = new boolean[layers];
    }

    /**
     * Takes the next media packet of {@code layer} and tells whether a receiver may start on the layer there.
     *
     * @param codec         the sender's codec
     * @param layer         the packet's layer
     * @param packet        holds the packet
     * @param payloadOffset where its RTP payload starts
     * @param payloadLength the payload's length, padding excluded
     * @param sequence      its sequence number
     * @param timestamp     its RTP timestamp
     * @return true if the packet is a switch point as described above
     */
    public boolean test(VideoCodec codec, int layer, byte[] packet, int payloadOffset, int payloadLength, int sequence,
                        int timestamp) {
        boolean followsOtherFrame = !seen[layer] || RtpSequence.next(newestSequence[layer]) == sequence
                && newestTimestamp[layer] != timestamp;
        if (!seen[layer] || RtpSequence.isNewer(sequence, newestSequence[layer])) {
            seen[layer] = true;
            newestSequence[layer] = sequence;
            newestTimestamp[layer] = timestamp;
        }
        if (!KeyframeStarts.test(codec, packet, payloadOffset, payloadLength)) {
            return false;
        }
        return codec != VideoCodec.H264 || followsOtherFrame
                || H264KeyframeStart.carriesSps(packet, payloadOffset, payloadLength);
    }
}
