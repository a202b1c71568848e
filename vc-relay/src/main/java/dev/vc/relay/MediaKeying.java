package dev.vc.relay;

import dev.vc.transport.udp.dtls.CertificateFingerprint;
import dev.vc.transport.udp.dtls.DatagramOut;
import dev.vc.transport.udp.dtls.DtlsAssociation;
import dev.vc.transport.udp.dtls.DtlsCertificate;
import dev.vc.transport.udp.dtls.DtlsHandshaker;
import dev.vc.transport.udp.dtls.DtlsLimits;
import dev.vc.transport.udp.dtls.DtlsRole;
import dev.vc.transport.udp.srtp.SrtpContext;
import dev.vc.transport.udp.srtp.SrtpProfile;

import java.util.List;

/**
 * The relay's side of DTLS-SRTP: its one DTLS certificate per process (the fingerprint every {@code JOIN_ACCEPTED}
 * carries), the bounded handshake pool ({@link DtlsLimits#DEFAULTS}: 2 running, 16 waiting, 10 s each) and the
 * profiles it accepts. A member's server association ({@link DtlsRole#SERVER}, {@code a=setup:passive}) is started
 * only once its hello bound an address, checked against the fingerprint its join carried.
 */
final class MediaKeying implements AutoCloseable {
    private final DtlsCertificate certificate = DtlsCertificate.generate();
    private final DtlsHandshaker handshaker = new DtlsHandshaker(DtlsLimits.DEFAULTS);
    private final List<SrtpProfile> profiles;

    /**
     * Also chooses the ciphers SRTP runs on in this process (and logs the choice), so the first member's keys are not
     * delayed by loading libcrypto.
     *
     * @param profiles the profiles accepted, in order of preference
     */
    MediaKeying(List<SrtpProfile> profiles) {
        this.profiles = List.copyOf(profiles);
        SrtpContext.chooseCiphers();
    }

    /** @return the relay's media fingerprint in SDP form, {@code sha-256 AB:CD:...} */
    String fingerprint() {
        return certificate.fingerprint().toSdpValue();
    }

    /**
     * Starts a member's handshake.
     *
     * @param client the fingerprint its join carried
     * @param out    sends to its bound address
     * @return the association
     */
    DtlsAssociation start(CertificateFingerprint client, DatagramOut out) {
        return handshaker.start(DtlsRole.SERVER, certificate, client, profiles, out);
    }

    /**
     * Starts the handshake of a trunk this relay opened to another relay ({@link TrunkLink}): this relay is the
     * client ({@code a=setup:active}), the other relay's server association waits for it.
     *
     * @param server the fingerprint the other relay's answer carried
     * @param out    sends to the other relay's media address
     * @return the association
     */
    DtlsAssociation startClient(CertificateFingerprint server, DatagramOut out) {
        return handshaker.start(DtlsRole.CLIENT, certificate, server, profiles, out);
    }

    /** @return handshakes that exported keys */
    long completed() {
        return handshaker.completed();
    }

    /** @return handshakes that failed or timed out */
    long failed() {
        return handshaker.failed();
    }

    /** @return handshakes refused because the pool was full */
    long refused() {
        return handshaker.refused();
    }

    @Override
    public void close() {
        handshaker.close();
    }
}
