package dev.vc.relay;

import dev.vc.transport.udp.dtls.CertificateFingerprint;
import dev.vc.transport.udp.dtls.DtlsAssociation;
import dev.vc.transport.udp.dtls.DtlsSrtpKeys;
import dev.vc.transport.udp.srtp.SrtpContext;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionException;

/**
 * One member's encrypted hop: the fingerprint its join carried, its DTLS association (started by the media thread
 * when its hello first binds an address), and the two SRTP contexts the handshake's keys make: {@link #receiving}
 * unprotects what it sends (once per packet), {@link #sending} protects what the relay sends it (once per packet
 * to it). The keys are published by the handshake thread through the volatile contexts; the media thread alone
 * uses them. A handshake that fails or times out leaves {@link #failure} for the control thread, which removes the
 * member.
 *
 * <p>SRTP that arrives during the handshake is held ({@link #holdEarly}, at most {@value #EARLY_PACKETS} packets) and
 * routed once the keys are in ({@link MediaRouter#applyKeyed}): the relay is DTLS's server, whose keys are complete
 * only when its handshake thread returns from the last flight it sent, and the client, keyed on receiving that flight,
 * may send its first media (often a keyframe) in between; dropped, it cost every receiver a keyframe request.
 */
final class MemberSrtp {
    /** What its DTLS certificate must hash to. */
    final CertificateFingerprint fingerprint;
    /** Its association; null until its first binding (media thread). */
    DtlsAssociation association;
    /**
     * A new address a valid hello named after the keys existed: the binding moves there only once an SRTP or SRTCP
     * packet from it authenticates with this member's key (media thread).
     */
    InetSocketAddress candidate;
    volatile SrtpContext receiving;
    volatile SrtpContext sending;
    /** Why its handshake failed (no key in it), or null. */
    volatile String failure;

    /** Most packets held while the handshake finishes. */
    static final int EARLY_PACKETS = 16;
    /** Largest packet held (a UDP payload within an Ethernet MTU). */
    static final int EARLY_BYTES = 1500;

    // Media thread only: packets held before the keys, made at the first one and released once replayed.
    private byte[][] early;
    private int[] earlyLengths;
    private int earlyCount;

    MemberSrtp(CertificateFingerprint fingerprint) {
        this.fingerprint = fingerprint;
    }

    /**
     * Media thread: keeps a copy of an SRTP or SRTCP packet that arrived while the handshake is under way.
     *
     * @return false when it is not kept: no handshake under way (none started, or it failed), the packet is larger
     *         than {@value #EARLY_BYTES} bytes, or {@value #EARLY_PACKETS} are held already
     */
    boolean holdEarly(byte[] packet, int length) {
        if (association == null || failure != null || length > EARLY_BYTES
                || early != null && earlyCount == EARLY_PACKETS) {
            return false;
        }
        if (early == null) {
            early = new byte[EARLY_PACKETS][EARLY_BYTES];
            earlyLengths = new int[EARLY_PACKETS];
        }
        System.arraycopy(packet, 0, early[earlyCount], 0, length);
        earlyLengths[earlyCount++] = length;
        return true;
    }

    /** @return packets held */
    int earlyCount() {
        return earlyCount;
    }

    /**
     * Media thread: hands over the packets held and forgets them (so routing one cannot hold it again).
     *
     * @param route takes each packet held, in the order it arrived, with its length
     */
    void replayEarly(java.util.function.ObjIntConsumer<byte[]> route) {
        byte[][] packets = early;
        int[] lengths = earlyLengths;
        int count = earlyCount;
        early = null;
        earlyLengths = null;
        earlyCount = 0;
        for (int i = 0; i < count; i++) {
            route.accept(packets[i], lengths[i]);
        }
    }

    /** Handshake thread: the keys, or why there are none. */
    void onHandshake(DtlsSrtpKeys keys, Throwable error) {
        if (error != null) {
            Throwable why = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            failure = why.getMessage() == null ? why.getClass().getSimpleName() : why.getMessage();
            return;
        }
        SrtpContext in = SrtpContext.forReceiving(keys.remote());
        SrtpContext out = SrtpContext.forSending(keys.local());
        keys.local().destroy();
        keys.remote().destroy();
        receiving = in;
        sending = out;
    }

    /** @return true once both contexts exist */
    boolean keyed() {
        return sending != null;
    }
}
