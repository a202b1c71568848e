package dev.vc.transport.udp.internal.receive;

import dev.vc.transport.udp.internal.secure.SrtpHop;
import dev.vc.transport.udp.srtp.SrtpException;
import dev.vc.transport.udp.srtp.SrtpFailure;

/**
 * After the demultiplexer, on an encrypted hop: authenticates and decrypts an SRTP packet in place (RFC 3711,
 * RFC 7714) and passes on the RTP packet, shorter by the tag. The demultiplexer does the same for SRTCP with
 * {@link #unprotectRtcp}. SRTP that arrives while the hop's handshake finishes is kept ({@link EarlySrtp}) and passed
 * on, in order, before the first packet after the keys.
 *
 * <p>Drops {@link ReceiveDropReason#NOT_KEYED} (before the handshake's keys, beyond what is kept, or with no
 * handshake under way), {@link ReceiveDropReason#SRTP_AUTH_FAILED},
 * {@link ReceiveDropReason#SRTP_REPLAYED}, {@link ReceiveDropReason#SRTP_TOO_OLD} and
 * {@link ReceiveDropReason#SRTP_INVALID}.
 */
final class SrtpUnprotect extends ReceiveStage {
    private final SrtpHop hop;
    private final ReceiveDrops drops;
    private final EarlySrtp early = new EarlySrtp();
    private final ReceivedPacket replayed = new ReceivedPacket();

    /**
     * @param hop   the hop's keys
     * @param drops where drops are counted
     */
    SrtpUnprotect(SrtpHop hop, ReceiveDrops drops) {
        this.hop = hop;
        this.drops = drops;
    }

    @Override
    void accept(ReceivedPacket packet) {
        if (!hop.keyed()) {
            if (!hop.handshaking() || !early.hold(packet.buffer, packet.length, packet.arrivalNanos)) {
                drops.add(ReceiveDropReason.NOT_KEYED);
            }
            return;
        }
        if (early.count() > 0) {
            early.replay((held, length, arrivalNanos) -> unprotect(replayed.wrap(held, length, arrivalNanos)));
        }
        unprotect(packet);
    }

    private void unprotect(ReceivedPacket packet) {
        try {
            packet.length = hop.unprotectRtp(packet.buffer, packet.length);
        } catch (SrtpException e) {
            drops.add(reasonOf(e.reason()));
            return;
        }
        next.accept(packet);
    }

    /**
     * Unprotects an SRTCP packet in place.
     *
     * @return the RTCP packet's length, or -1 if dropped (counted)
     */
    static int unprotectRtcp(SrtpHop hop, byte[] buffer, int length, ReceiveDrops drops) {
        if (!hop.keyed()) {
            drops.add(ReceiveDropReason.NOT_KEYED);
            return -1;
        }
        try {
            return hop.unprotectRtcp(buffer, length);
        } catch (SrtpException e) {
            drops.add(reasonOf(e.reason()));
            return -1;
        }
    }

    /** The drop reason a receiving context's refusal is counted under. */
    static ReceiveDropReason reasonOf(SrtpFailure failure) {
        return switch (failure) {
            case AUTHENTICATION_FAILED -> ReceiveDropReason.SRTP_AUTH_FAILED;
            case REPLAYED -> ReceiveDropReason.SRTP_REPLAYED;
            case TOO_OLD -> ReceiveDropReason.SRTP_TOO_OLD;
            case TOO_SHORT, NOT_VERSION_2, UNKNOWN_SSRC_LIMIT, KEY_EXHAUSTED, REPEATED_INDEX -> ReceiveDropReason.SRTP_INVALID;
        };
    }
}
