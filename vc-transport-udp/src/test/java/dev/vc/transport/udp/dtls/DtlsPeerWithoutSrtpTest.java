package dev.vc.transport.udp.dtls;

import dev.vc.transport.udp.dtls.DtlsHandshakeException.Reason;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.vc.transport.udp.dtls.DtlsHandshakeTest.CLIENT;
import static dev.vc.transport.udp.dtls.DtlsHandshakeTest.SERVER;
import static dev.vc.transport.udp.dtls.DtlsHandshakeTest.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A DTLS peer that does plain DTLS 1.2 without {@code use_srtp} (BouncyCastle's own client and server, with the
 * right certificates) is refused on either side with {@link Reason#NO_USE_SRTP}: vc never keys SRTP from a
 * handshake that did not negotiate it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DtlsPeerWithoutSrtpTest {
    private static final BcTlsCrypto CRYPTO = new BcTlsCrypto(new SecureRandom());

    @Test
    void shouldRefuseAClientThatOffersNoUseSrtp() throws Exception {
        try (DatagramPipe pipe = DatagramPipe.lossless(); DtlsHandshaker handshaker =
                new DtlsHandshaker(DtlsLimits.DEFAULTS)) {
            DtlsAssociation server = handshaker.start(DtlsRole.SERVER, SERVER, CLIENT.fingerprint(), pipe.outOfB());
            pipe.connectB(server);
            QueuedDatagramTransport plain = plainTransport(pipe, true);
            HandshakeContext identity = identity(DtlsRole.CLIENT, CLIENT);
            CompletableFuture<Void> client = CompletableFuture.runAsync(() -> run(() ->
                    new DTLSClientProtocol().connect(new PlainClient(identity), plain)));

            DtlsHandshakeException failure = failure(server);
            assertEquals(Reason.NO_USE_SRTP, failure.reason());
            assertTrue(failure.getMessage().contains("use_srtp"), failure.getMessage());
            assertTrue(client.handle((ok, e) -> e != null).get(30, TimeUnit.SECONDS), "the plain client failed too");
        }
    }

    @Test
    void shouldRefuseAServerThatAnswersWithoutUseSrtp() throws Exception {
        try (DatagramPipe pipe = DatagramPipe.lossless(); DtlsHandshaker handshaker =
                new DtlsHandshaker(DtlsLimits.DEFAULTS)) {
            QueuedDatagramTransport plain = plainTransport(pipe, false);
            HandshakeContext identity = identity(DtlsRole.SERVER, SERVER);
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> run(() ->
                    new DTLSServerProtocol().accept(new PlainServer(identity), plain)));
            DtlsAssociation client = handshaker.start(DtlsRole.CLIENT, CLIENT, SERVER.fingerprint(), pipe.outOfA());
            pipe.connectA(client);

            DtlsHandshakeException failure = failure(client);
            assertEquals(Reason.NO_USE_SRTP, failure.reason());
            assertTrue(server.handle((ok, e) -> e != null).get(30, TimeUnit.SECONDS), "the plain server failed too");
        }
    }

    /** A BouncyCastle transport on the pipe's A side (a client) or B side (a server). */
    private static QueuedDatagramTransport plainTransport(DatagramPipe pipe, boolean sideA) {
        QueuedDatagramTransport transport = new QueuedDatagramTransport(32, 1200, sideA ? pipe.outOfA()
                : pipe.outOfB(), null);
        if (sideA) {
            pipe.connectA(bytes -> transport.offer(bytes, 0, bytes.length));
        } else {
            pipe.connectB(bytes -> transport.offer(bytes, 0, bytes.length));
        }
        return transport;
    }

    private static HandshakeContext identity(DtlsRole role, DtlsCertificate certificate) {
        return new HandshakeContext(role, certificate, CLIENT.fingerprint(), DtlsHandshaker.DEFAULT_PROFILES,
                CRYPTO, 10_000, 10_000, 500);
    }

    private static void run(Handshake handshake) {
        try {
            handshake.run();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Handshake {
        void run() throws IOException;
    }

    /** DTLS 1.2, ECDSA suites, any server certificate, a client certificate when asked; no use_srtp. */
    private static final class PlainClient extends DefaultTlsClient {
        private final HandshakeContext identity;

        PlainClient(HandshakeContext identity) {
            super(CRYPTO);
            this.identity = identity;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return HandshakeContext.CIPHER_SUITES;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) {
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                    return identity.signer(context);
                }
            };
        }
    }

    /** DTLS 1.2 with an ECDSA certificate; ignores use_srtp. */
    private static final class PlainServer extends DefaultTlsServer {
        private final HandshakeContext identity;

        PlainServer(HandshakeContext identity) {
            super(CRYPTO);
            this.identity = identity;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return HandshakeContext.CIPHER_SUITES;
        }

        @Override
        protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
            return identity.signer(context);
        }
    }

}
