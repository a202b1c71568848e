package dev.vc.api;

/**
 * A transport's identity for keying encrypted media (DTLS-SRTP: a certificate and its private key), made by
 * {@link TransportProvider#newMediaIdentity()} before the join, so that its fingerprint can go to the relay in
 * {@code JOIN} over the authenticated control channel, and handed back to the same provider in
 * {@link MediaBinding#identity()} when the transport opens. The private part never leaves the transport.
 */
public interface MediaIdentity {
    /** @return the SHA-256 fingerprint of the certificate in SDP form, {@code sha-256 AB:CD:...} (RFC 8122) */
    String fingerprint();
}
