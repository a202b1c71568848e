package dev.vc.relay;

import dev.vc.transport.udp.MediaHello;
import dev.vc.transport.udp.rtcp.RtcpReader;
import dev.vc.transport.udp.srtp.SrtpContext;
import dev.vc.transport.udp.srtp.SrtpException;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The router's last step on the way out: protects each datagram for its receiver with that receiver's sending SRTP
 * context (RTP as SRTP, RTCP as SRTCP, told apart as RFC 5761 does): the forwarded media after its header was
 * rewritten for the receiver, and the relay's own RTCP (PLIs, NACKs, transport-cc feedback, rewritten sender reports)
 * and padding probes (on RTX SSRCs, numbered with the retransmissions, so never a repeated index). The context
 * protects a copy into one direct buffer of MTU plus the largest overhead, which the socket sends as it is, so the
 * router's buffer stays plain for the next receiver: one copy and one encryption per receiver (on OpenSSL's ciphers
 * the copy is encrypted where it lies, and the socket copies nothing), nothing allocated. Hello answers (STUN) and
 * members with plain RTP pass unchanged. Drops, counted on the receiver: {@link DropReason#NOT_KEYED} (before its
 * keys), {@link DropReason#SRTP_NOT_PROTECTED} (its context refused, e.g. a repeated index). Media thread only.
 */
final class SrtpOutput implements MediaRouter.Output {
    private final MediaRouter.BufferOutput socket;
    private final ByteBuffer protectedPacket;

    /**
     * @param socket where protected datagrams go
     * @param mtu    the largest datagram the router hands on
     */
    SrtpOutput(MediaRouter.BufferOutput socket, int mtu) {
        this.socket = socket;
        this.protectedPacket = ByteBuffer.allocateDirect(mtu + 32);
    }

    @Override
    public void send(byte[] data, int length, InetSocketAddress to, Member receiver) {
        MemberSrtp srtp = receiver.srtp;
        if (srtp == null || (length > 0 && MediaHello.isStun(data[0]))) {
            socket.send(data, length, to, receiver);
            return;
        }
        SrtpContext context = srtp.sending;
        if (context == null) {
            receiver.drops.add(DropReason.NOT_KEYED);
            return;
        }
        try {
            if (RtcpReader.isRtcp(data, 0, length)) {
                context.protectRtcp(data, 0, length, protectedPacket);
            } else {
                context.protectRtp(data, 0, length, protectedPacket);
            }
        } catch (SrtpException e) {
            receiver.drops.add(DropReason.SRTP_NOT_PROTECTED);
            return;
        }
        socket.send(protectedPacket, to, receiver);
    }
}
