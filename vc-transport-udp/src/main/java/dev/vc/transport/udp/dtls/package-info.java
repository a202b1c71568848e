/**
 * DTLS-SRTP keying (RFC 5764, DTLS 1.2) for every media hop: each endpoint's self-signed certificate and its
 * fingerprint ({@link dev.vc.transport.udp.dtls.DtlsCertificate}, RFC 8122), the handshake run on a small bounded
 * pool over datagrams the caller's demultiplexer hands in ({@link dev.vc.transport.udp.dtls.DtlsHandshaker},
 * {@link dev.vc.transport.udp.dtls.DtlsAssociation}, RFC 7983), and the SRTP master keys it exports
 * ({@link dev.vc.transport.udp.dtls.DtlsSrtpKeys}).
 *
 * <p>The relay is the DTLS server ({@code a=setup:passive}), clients are DTLS clients ({@code a=setup:active}).
 * Each side knows the other's certificate fingerprint from the control channel; the handshake fails with a
 * {@link dev.vc.transport.udp.dtls.DtlsHandshakeException} unless the peer's certificate matches it.
 */
package dev.vc.transport.udp.dtls;
