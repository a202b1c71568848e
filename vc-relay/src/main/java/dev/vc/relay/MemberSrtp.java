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

    MemberSrtp(CertificateFingerprint fingerprint) {
        this.fingerprint = fingerprint;
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
