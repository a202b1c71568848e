package dev.vc.transport.udp.internal.send;

import dev.vc.api.EncodedFrame;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.rtp.SendHistory;
import dev.vc.transport.udp.internal.PayloadTypes;
import dev.vc.transport.udp.internal.control.CongestionControl;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * The send path for one frame: the {@link PacketizerTable} picks the codec's packetizer and payload type,
 * and each packet then goes through a chain of small stages, assembled in {@link #toSocket} and read top to
 * bottom there; a new stage is one class and one line there.
 *
 * <pre>{@code
 * SendChain chain = SendChain.toSocket(channel, remote, 1200, PayloadTypes.DEFAULTS, rtp, history, 50_000_000,
 *         counters, congestion);
 * chain.send(frame);
 * }</pre>
 *
 * <p>One sending thread at a time; allocates nothing per packet.
 */
public final class SendChain {
    /** Packets of the MTU that may leave back to back before pacing holds the next. */
    private static final int PACING_BURST_PACKETS = 4;

    private final PacketizerTable packetizers;
    private final RtpPacketWriter rtp;
    private final SendCounters counters;
    private final SendStage head;

    SendChain(PacketizerTable packetizers, RtpPacketWriter rtp, SendCounters counters, SendStage... stages) {
        this.packetizers = packetizers;
        this.rtp = rtp;
        this.counters = counters;
        this.head = SendStage.chain(stages);
    }

    /**
     * The chain of a transport.
     *
     * @param channel       the socket, connected or not
     * @param remote        where packets go
     * @param mtu           largest packet
     * @param payloadTypes  the payload type of each codec
     * @param rtp           the stream's header writer (SSRC, sequence numbers, timestamps)
     * @param history       keeps the packets sent, for retransmission
     * @param pacingBitsPerSecond pacing rate; 0 sends a frame's packets back to back
     * @param counters      where packets and frames sent are counted
     * @param congestion    the uplink's congestion control: sets the pacing rate, stamps and logs each packet
     * @return the chain
     */
    public static SendChain toSocket(DatagramChannel channel, InetSocketAddress remote, int mtu,
                                     PayloadTypes payloadTypes, RtpPacketWriter rtp, SendHistory history,
                                     long pacingBitsPerSecond, SendCounters counters, CongestionControl congestion) {
        Pacer pacer = new Pacer(pacingBitsPerSecond, PACING_BURST_PACKETS * mtu, System.nanoTime());
        return new SendChain(new PacketizerTable(payloadTypes, mtu), rtp, counters,
                new HistoryRecorder(history),
                new PacingRateFollower(pacer, congestion),
                new PacedRelease(pacer),
                new TransportSequenceStamper(congestion),   // SRTP after
                new SocketWriter(channel, remote, counters));
    }

    /**
     * Packetizes a frame with its codec's packetizer and payload type and sends every packet through the chain.
     *
     * @param frame the frame
     * @throws dev.vc.api.TransportException if the payload format cannot carry the frame or the socket fails
     */
    public void send(EncodedFrame frame) {
        PacketizerTable.Route route = packetizers.of(frame.codec());
        rtp.setPayloadType(route.payloadType());
        route.packetizer().packetize(frame.data(), 0, frame.length(), frame.captureTimeNanos(), rtp, head);
        counters.frameSent();
    }
}
