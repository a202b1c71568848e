package dev.vc.relay;

import dev.vc.relay.layers.ForwardedStream;
import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtxPacket;

import java.net.InetSocketAddress;
/**
 * A sender's retransmissions (RTX, RFC 4588) on their way through the relay. A packet on one of the sender's RTX
 * SSRCs ({@link Member#rtxLayerOf}) answers a NACK the relay passed on for a packet it never received: it is
 * unwrapped in place into the original (its OSN as sequence number, the associated payload type, the layer's
 * SSRC), kept in the layer's {@link RetransmissionCache}, and sent to each receiver whose {@link ForwardedStream}
 * carries that packet, as RTX again on the receiver's own RTX stream ({@link ForwardedStream#retransmission}: its
 * RTX SSRC and numbers, the OSN rewritten to the number the receiver knows the packet by), with a fresh
 * transport-wide sequence number of the receiver's downlink. These packets are not charged to the receivers'
 * retransmission budgets: each replaces a packet the receivers would have had from the sender anyway.
 *
 * <p>Dropped and counted on the sender: no OSN or no RTX payload type ({@link DropReason#RTX_MALFORMED}), an OSN
 * outside the cache's window or newer than anything the layer sent ({@link DropReason#RTX_OUT_OF_WINDOW}), one
 * the relay holds already ({@link DropReason#RTX_DUPLICATE}). Media thread only; allocates nothing.
 */
final class RtxForwarding {
    private final MediaRouter.Output output;
    private final TransportCcRouting transportCc;
    private final byte[] out;

    /**
     * @param output      sends the retransmissions
     * @param transportCc stamps their transport-wide sequence numbers
     * @param mtu         the largest packet
     */
    RtxForwarding(MediaRouter.Output output, TransportCcRouting transportCc, int mtu) {
        this.output = output;
        this.transportCc = transportCc;
        this.out = new byte[mtu + RtxPacket.OSN_LENGTH];
    }

    /**
     * Takes one RTX packet of {@code sender}'s layer {@code layer}, already admitted (bitrate cap, transport-cc).
     *
     * @param rtp    the packet, parsed; its buffer is unwrapped in place
     * @param cache  the layer's retransmission cache
     */
    void onRtx(Member sender, int layer, RtpHeader rtp, int length, RetransmissionCache cache, long now) {
        int payloadType = RtxPacket.associatedPayloadType(rtp.payloadType());
        int osn = RtxPacket.originalSequence(rtp);
        if (payloadType < 0 || osn < 0) {
            sender.drops.add(DropReason.RTX_MALFORMED);
            return;
        }
        switch (cache.find(osn)) {
            case HIT -> sender.drops.add(DropReason.RTX_DUPLICATE);
            case TOO_OLD, NEWER -> sender.drops.add(DropReason.RTX_OUT_OF_WINDOW);
            case MISSING -> {
                byte[] packet = rtp.buffer();
                int timestamp = rtp.timestamp();
                int n = RtxPacket.unwrap(rtp, 0, length, payloadType, sender.layerSsrc(layer));
                cache.store(packet, n, osn);
                forward(sender, layer, packet, n, osn, timestamp, now);
            }
        }
    }

    private void forward(Member sender, int layer, byte[] packet, int length, int sequence, int timestamp, long now) {
        for (Member receiver : sender.room.snapshot()) {
            ForwardedStream stream = receiver == sender ? null : sender.fanout.stream(receiver);
            InetSocketAddress to = receiver.mediaAddress;
            if (stream == null || to == null || !stream.forward(packet, 0, layer, sequence, timestamp, false, now)) {
                continue;
            }
            int n = stream.retransmission(packet, 0, length, out, 0);
            if (n > 0) {
                transportCc.stampRetransmission(receiver, out, n, now);
                output.send(out, n, to, receiver);
            }
        }
    }
}
