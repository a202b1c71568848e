package dev.vc.transport.udp.internal.send;

import dev.vc.transport.udp.internal.secure.SrtpHop;

import dev.vc.api.EncodedFrame;
import dev.vc.transport.udp.internal.control.CongestionControl;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * The send path for one frame: the frame's layer ({@link EncodedFrame#layer()}) picks its {@link SendLayer}
 * (a layer without an SSRC: the frame is dropped and counted), the layer's {@link PacketizerTable} picks the
 * codec's packetizer and payload type, and each packet then goes through a chain of small stages shared by all
 * layers (so the pacer paces them together and the transport-wide sequence number is one counter), assembled in
 * {@link #toSocket} and read top to bottom there; a new stage is one class and one line there. After the frame,
 * the {@link ProbeClusterSender} sends any probe cluster the congestion control asks for.
 *
 * <pre>{@code
 * SendChain chain = SendChain.toSocket(channel, remote, 1200, layers, 50_000_000, counters, congestion, hop);
 * chain.send(frame.layer(1));
 * }</pre>
 *
 * <p>One sending thread at a time; allocates nothing per packet.
 */
public final class SendChain {
    /** Packets of the MTU that may leave back to back before pacing holds the next. */
    private static final int PACING_BURST_PACKETS = 4;

    private final SendLayers layers;
    private final ChainCounters counters;
    private final ProbeClusterSender probes;
    private final SrtpHop hop;
    private final SendStage head;

    /**
     * @param layers   the local streams
     * @param counters counts frames without a layer
     * @param probes   sends probe clusters after a frame; null for none
     * @param stages   the stages every media packet passes, in order
     */
    SendChain(SendLayers layers, ChainCounters counters, ProbeClusterSender probes, SendStage... stages) {
        this(layers, counters, probes, null, stages);
    }

    /**
     * @param layers   the local streams
     * @param counters counts frames without a layer, and frames held back before the hop's keys
     * @param probes   sends probe clusters after a frame; null for none
     * @param hop      the encrypted hop, whose keys a frame waits for (it is not sent before); null for plain RTP
     * @param stages   the stages every media packet passes, in order
     */
    SendChain(SendLayers layers, ChainCounters counters, ProbeClusterSender probes, SrtpHop hop,
              SendStage... stages) {
        this.layers = layers;
        this.counters = counters;
        this.probes = probes;
        this.hop = hop;
        this.head = SendStage.chain(stages);
    }

    /**
     * The chain of a transport.
     *
     * @param channel             the socket, connected or not
     * @param remote              where packets go
     * @param mtu                 largest packet
     * @param layers              the local streams, one per layer: header writers, packetizers, histories, counters
     * @param pacingBitsPerSecond pacing rate; 0 sends a frame's packets back to back
     * @param counters            where padding and frames without a layer are counted
     * @param congestion          the uplink's congestion control: sets the pacing rate, stamps and logs each
     *                            packet, asks for probe clusters; null for none
     * @param hop                 the encrypted hop to the relay: every packet, probes too, is protected last; null
     *                            for plain RTP
     * @return the chain
     */
    public static SendChain toSocket(DatagramChannel channel, InetSocketAddress remote, int mtu, SendLayers layers,
                                     long pacingBitsPerSecond, ChainCounters counters, CongestionControl congestion,
                                     SrtpHop hop) {
        SendClock clock = SendClock.SYSTEM;
        Pacer pacer = new Pacer(pacingBitsPerSecond, PACING_BURST_PACKETS * mtu, clock.nanoTime());
        // Probes go on layer 0's RTX SSRC, numbered with its retransmissions: one sequence space per SSRC, so
        // SRTP gives each packet an index of its own.
        ProbeClusterSender probes = congestion == null ? null
                : new ProbeClusterSender(congestion, layers.primary(), layers.rtx(0), clock, counters,
                        protectedWriter(hop, counters, new SocketWriter(channel, remote, counters::paddingSent)));
        return new SendChain(layers, counters, probes, hop,
                new HistoryRecorder(layers),
                new PacingRateFollower(pacer, congestion),
                new PacedRelease(pacer, clock),
                new TransportSequenceStamper(congestion, clock),
                protectedWriter(hop, counters, new SocketWriter(channel, remote, layers::countSent)));
    }

    /** The socket writer, behind an SRTP protect stage on an encrypted hop. */
    private static SendStage protectedWriter(SrtpHop hop, ChainCounters counters, SocketWriter writer) {
        return hop == null ? writer : SendStage.chain(new SrtpProtect(hop, counters), writer);
    }

    /**
     * Packetizes a frame in its layer's stream with its codec's packetizer and payload type, sends every packet
     * through the chain, then any probe cluster that is due.
     *
     * @param frame the frame
     * @throws dev.vc.api.TransportException if the payload format cannot carry the frame or the socket fails
     */
    public void send(EncodedFrame frame) {
        if (hop != null && !hop.keyed()) {
            counters.frameBeforeKeys();  // never in clear: the receivers' decoders ask for a keyframe later
            return;
        }
        SendLayer layer = layers.layer(frame.layer());
        if (layer == null) {
            counters.frameWithoutLayer();
            return;
        }
        PacketizerTable.Route route = layer.packetizers().of(frame.codec());
        layer.rtp().setPayloadType(route.payloadType());
        route.packetizer().packetize(frame.data(), 0, frame.length(), frame.captureTimeNanos(), layer.rtp(), head);
        layer.counters().frameSent();
        if (probes != null) {
            probes.sendDue(layer.rtp().timestamp(frame.captureTimeNanos()));
        }
    }
}
