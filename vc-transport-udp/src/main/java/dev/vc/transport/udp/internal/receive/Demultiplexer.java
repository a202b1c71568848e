package dev.vc.transport.udp.internal.receive;

import dev.vc.transport.udp.dtls.DtlsDemux;
import dev.vc.transport.udp.internal.secure.SrtpHop;

import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.MediaHello;
import dev.vc.transport.udp.rtcp.RtcpReader;
import dev.vc.transport.udp.internal.control.RelayBinding;
import dev.vc.transport.udp.internal.control.RtcpSession;

/**
 * The first stage: routes a datagram by its first bytes (RFC 7983). STUN goes to the relay binding, which
 * checks the relay's answers to our hellos (the first answer starts the hop's DTLS handshake); DTLS goes to the
 * hop's association; RTCP goes to the RTCP session, unprotected first on an encrypted hop; everything else goes on
 * as RTP (to {@link SrtpUnprotect} on an encrypted hop).
 *
 * <p>Drops {@link ReceiveDropReason#UNEXPECTED_STUN} (not a valid answer, or no relay bound),
 * {@link ReceiveDropReason#UNEXPECTED_DTLS}, SRTCP refused as {@link SrtpUnprotect} says, and
 * {@link ReceiveDropReason#MALFORMED_RTCP}.
 */
final class Demultiplexer extends ReceiveStage {
    private final RelayBinding binding;
    private final RtcpSession rtcp;
    private final SrtpHop hop;
    private final ReceiveDrops drops;

    /**
     * @param binding checks the relay's answers to our hellos; null when not talking to a relay
     * @param rtcp    reads RTCP; null to ignore RTCP
     * @param hop     the encrypted hop to the relay; null for plain RTP
     * @param drops   where drops are counted
     */
    Demultiplexer(RelayBinding binding, RtcpSession rtcp, SrtpHop hop, ReceiveDrops drops) {
        this.binding = binding;
        this.rtcp = rtcp;
        this.hop = hop;
        this.drops = drops;
    }

    @Override
    void accept(ReceivedPacket packet) {
        byte[] buffer = packet.buffer;
        int length = packet.length;
        if (length > 0 && MediaHello.isStun(buffer[0])) {
            if (binding == null || !binding.onStun(buffer, length)) {
                drops.add(ReceiveDropReason.UNEXPECTED_STUN);
            } else if (hop != null) {
                hop.start();  // the relay bound our address: it waits for our ClientHello
            }
            return;
        }
        if (length > 0 && DtlsDemux.isDtls(buffer[0])) {
            if (hop == null || !hop.onDtls(buffer, length)) {
                drops.add(ReceiveDropReason.UNEXPECTED_DTLS);
            }
            return;
        }
        if (RtcpReader.isRtcp(buffer, 0, length)) {
            if (hop != null && (length = SrtpUnprotect.unprotectRtcp(hop, buffer, length, drops)) < 0) {
                return;
            }
            if (rtcp != null) {
                try {
                    rtcp.onRtcp(buffer, length, packet.arrivalNanos);
                } catch (MalformedPacketException e) {
                    drops.add(ReceiveDropReason.MALFORMED_RTCP);
                }
            }
            return;
        }
        next.accept(packet);
    }
}
