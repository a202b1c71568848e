package dev.vc.transport.udp.internal.secure;

import dev.vc.api.MediaIdentity;
import dev.vc.transport.udp.dtls.DtlsCertificate;

import java.util.Objects;

/**
 * The {@code udp} transport's {@link MediaIdentity}: a DTLS certificate and its key, generated per participant
 * ({@link DtlsCertificate#generate()}: ECDSA P-256, self-signed, 30 days).
 */
public final class DtlsIdentity implements MediaIdentity {
    private final DtlsCertificate certificate;

    /** @param certificate the certificate and key this identity presents */
    public DtlsIdentity(DtlsCertificate certificate) {
        this.certificate = Objects.requireNonNull(certificate, "certificate");
    }

    /** @return a new identity with a freshly generated certificate */
    public static DtlsIdentity generate() {
        return new DtlsIdentity(DtlsCertificate.generate());
    }

    /** @return the certificate and key */
    public DtlsCertificate certificate() {
        return certificate;
    }

    @Override
    public String fingerprint() {
        return certificate.fingerprint().toSdpValue();
    }

    @Override
    public String toString() {
        return "DtlsIdentity[" + fingerprint() + "]";
    }
}
