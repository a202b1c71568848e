package dev.vc.transport.udp.internal.send;

import dev.vc.api.RtxSsrc;
import dev.vc.transport.udp.internal.PayloadTypes;
import dev.vc.transport.udp.internal.control.LocalStreams;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.rtp.RtxPacket;
import dev.vc.transport.udp.rtp.RtxPacketWriter;
import dev.vc.transport.udp.rtp.SendHistory;

import java.util.Random;

/**
 * The local streams of a transport, one {@link SendLayer} per simulcast layer (layer 0 the largest), each with
 * its own SSRC, sequence numbers, packetizers, history and counters, and its RTX stream (RFC 4588) for
 * retransmissions, on the SSRC paired with its own ({@link dev.vc.api.RtxSsrc#of}). Initial sequence numbers
 * are random below 0x8000; packets are at most the MTU less the 2 bytes an RTX packet adds. All layers stamp their RTP timestamps from
 * the capture time with ONE offset, so a capture instant has the same timestamp in every layer.
 *
 * <pre>{@code
 * SendLayers layers = SendLayers.create(new int[] {ssrc0, ssrc1}, PayloadTypes.DEFAULTS, 1200, 512, random);
 * layers.layerOf(ssrc1);       // 1
 * }</pre>
 *
 * <p>The layers' writers and packetizers belong to the sending thread; the counters and histories may be read
 * from any thread.
 */
public final class SendLayers implements LocalStreams {
    private final SendLayer[] layers;

    private SendLayers(SendLayer[] layers) {
        this.layers = layers;
    }

    /**
     * @param ssrcs          each layer's SSRC, layer 0 first, 1..3 of them
     * @param payloadTypes   the payload type of each codec
     * @param mtu            largest packet
     * @param historyPackets packets each layer keeps for retransmission, a power of two
     * @param random         draws each layer's initial sequence number and the one timestamp offset
     * @return the layers
     * @throws IllegalArgumentException if there are no SSRCs or more than 3, or one is another's RTX SSRC
     *                                  ({@link RtxSsrc#of})
     */
    public static SendLayers create(int[] ssrcs, PayloadTypes payloadTypes, int mtu, int historyPackets,
                                    Random random) {
        if (ssrcs.length < 1 || ssrcs.length > 3) {
            throw new IllegalArgumentException("1 to 3 layers, got " + ssrcs.length);
        }
        for (int a : ssrcs) {
            for (int b : ssrcs) {
                if (RtxSsrc.of(a) == b) {
                    throw new IllegalArgumentException("a layer's SSRC is another's RTX SSRC (XOR 1): "
                            + Integer.toHexString(a) + ", " + Integer.toHexString(b));
                }
            }
        }
        int timestampOffset = random.nextInt();
        SendLayer[] layers = new SendLayer[ssrcs.length];
        for (int i = 0; i < ssrcs.length; i++) {
            // Packets leave RtxPacket.OSN_LENGTH bytes free, so their retransmissions fit the MTU too.
            layers[i] = new SendLayer(new RtpPacketWriter(ssrcs[i], payloadTypes.jpeg(),
                    RtpPacketWriter.randomInitialSequence(random), timestampOffset),
                    new PacketizerTable(payloadTypes, mtu - RtxPacket.OSN_LENGTH), new SendHistory(historyPackets, mtu),
                    new SendCounters(), RtxPacketWriter.random(ssrcs[i], random));
        }
        return new SendLayers(layers);
    }

    /**
     * Continues the streams of another transport's layers with the same SSRCs (a resumed participant on a new
     * transport): each such layer's next sequence numbers, media and RTX, follow the other's, with the same
     * timestamp offset. Layers whose SSRC differs keep their own.
     *
     * @param previous the layers of the transport being replaced, which sends no more
     */
    public void continueFrom(SendLayers previous) {
        for (int i = 0; i < Math.min(layers.length, previous.layers.length); i++) {
            if (layers[i].rtp().ssrc() == previous.layers[i].rtp().ssrc()) {
                layers[i].rtp().continueFrom(previous.layers[i].rtp());
                layers[i].rtx().continueFrom(previous.layers[i].rtx());
            }
        }
    }

    /**
     * @param index a frame's layer
     * @return that layer, or null if there is no such layer
     */
    SendLayer layer(int index) {
        return index >= 0 && index < layers.length ? layers[index] : null;
    }

    /** Counts a media packet the socket sent under the layer whose SSRC it carries. */
    void countSent(byte[] packet, int offset, int length) {
        int layer = layerOf(SentPacketHeader.ssrc(packet, offset));
        if (layer >= 0) {
            layers[layer].counters().packetSent(length, length - SentPacketHeader.headerLength(packet, offset));
        }
    }

    /** @return the history of the layer whose SSRC the packet carries, or null */
    SendHistory historyOf(byte[] packet, int offset) {
        int layer = layerOf(SentPacketHeader.ssrc(packet, offset));
        return layer < 0 ? null : layers[layer].history();
    }

    /** @return layer 0's header writer: its SSRC, payload type and clock */
    RtpPacketWriter primary() {
        return layers[0].rtp();
    }

    @Override
    public int count() {
        return layers.length;
    }

    @Override
    public int ssrc(int layer) {
        return layers[layer].rtp().ssrc();
    }

    @Override
    public int layerOf(int ssrc) {
        for (int i = 0; i < layers.length; i++) {
            if (layers[i].rtp().ssrc() == ssrc) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int copySent(int layer, int sequence, byte[] out) {
        return layers[layer].history().copy(sequence, out);
    }

    @Override
    public RtxPacketWriter rtx(int layer) {
        return layers[layer].rtx();
    }

    @Override
    public long packetsSent(int layer) {
        return layers[layer].counters().packetsSent();
    }

    @Override
    public long payloadBytesSent(int layer) {
        return layers[layer].counters().payloadBytesSent();
    }

    @Override
    public long senderReportCounts(int layer) {
        return layers[layer].counters().senderReportCounts();
    }

    @Override
    public long bytesSent(int layer) {
        return layers[layer].counters().bytesSent();
    }

    /** @return the SSRC of every layer, layer 0 first; allocates */
    public int[] ssrcs() {
        int[] ssrcs = new int[layers.length];
        for (int i = 0; i < ssrcs.length; i++) {
            ssrcs[i] = ssrc(i);
        }
        return ssrcs;
    }

    /** @return RTP packets of media sent by all layers */
    public long packetsSent() {
        long sum = 0;
        for (SendLayer layer : layers) {
            sum += layer.counters().packetsSent();
        }
        return sum;
    }

    /** @return UDP payload bytes of media sent by all layers */
    public long bytesSent() {
        long sum = 0;
        for (SendLayer layer : layers) {
            sum += layer.counters().bytesSent();
        }
        return sum;
    }

    /** @return frames sent by all layers */
    public long framesSent() {
        long sum = 0;
        for (SendLayer layer : layers) {
            sum += layer.counters().framesSent();
        }
        return sum;
    }

    /**
     * @param captureTimeNanos a capture time, epoch nanoseconds
     * @return its RTP timestamp, the same in every layer
     */
    public int timestamp(long captureTimeNanos) {
        return layers[0].rtp().timestamp(captureTimeNanos);
    }
}
