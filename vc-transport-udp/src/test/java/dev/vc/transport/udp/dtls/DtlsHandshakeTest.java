package dev.vc.transport.udp.dtls;

import dev.vc.transport.udp.dtls.DtlsHandshakeException.Reason;
import dev.vc.transport.udp.srtp.SrtpMasterKey;
import dev.vc.transport.udp.srtp.SrtpProfile;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Full DTLS-SRTP handshakes between a client and a server association over an in-memory datagram pipe: the keys
 * agree across the two sides, the server's profile preference wins, fingerprints are enforced on both sides,
 * lost datagrams are resent, garbage is dropped, silence times out, and the pool refuses beyond its bound.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DtlsHandshakeTest {
    static final DtlsCertificate CLIENT = DtlsCertificate.generate();
    static final DtlsCertificate SERVER = DtlsCertificate.generate();
    private static final List<SrtpProfile> BOTH = DtlsHandshaker.DEFAULT_PROFILES;
    private static final List<SrtpProfile> CM_ONLY = List.of(SrtpProfile.AES128_CM_HMAC_SHA1_80);
    private static final List<SrtpProfile> GCM_ONLY = List.of(SrtpProfile.AEAD_AES_128_GCM);

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void shouldGiveBothSidesMirroredGcmKeysWhenBothOfferGcm() throws Exception {
        Pair pair = handshake(DtlsLimits.DEFAULTS, DatagramPipe.lossless(), SERVER.fingerprint(),
                CLIENT.fingerprint(), BOTH, BOTH);

        DtlsSrtpKeys client = pair.client.keys().get(15, TimeUnit.SECONDS);
        DtlsSrtpKeys server = pair.server.keys().get(15, TimeUnit.SECONDS);

        assertEquals(SrtpProfile.AEAD_AES_128_GCM, client.profile());
        assertEquals(SrtpProfile.AEAD_AES_128_GCM, server.profile());
        assertSameKey(client.local(), server.remote());
        assertSameKey(client.remote(), server.local());
        assertFalse(java.util.Arrays.equals(client.local().key(), client.remote().key()), "directions differ");
        assertEquals(12, client.local().salt().length);
        assertEquals(DtlsAssociation.State.ESTABLISHED, pair.client.state());
        assertEquals(DtlsAssociation.State.ESTABLISHED, pair.server.state());
    }

    @Test
    void shouldChooseCmHmacWhenTheClientOffersOnlyThat() throws Exception {
        Pair pair = handshake(DtlsLimits.DEFAULTS, DatagramPipe.lossless(), SERVER.fingerprint(),
                CLIENT.fingerprint(), CM_ONLY, BOTH);

        DtlsSrtpKeys client = pair.client.keys().get(15, TimeUnit.SECONDS);
        DtlsSrtpKeys server = pair.server.keys().get(15, TimeUnit.SECONDS);

        assertEquals(SrtpProfile.AES128_CM_HMAC_SHA1_80, client.profile());
        assertEquals(SrtpProfile.AES128_CM_HMAC_SHA1_80, server.profile());
        assertEquals(14, server.local().salt().length);
        assertSameKey(client.local(), server.remote());
        assertSameKey(client.remote(), server.local());
    }

    @Test
    void shouldLetTheServersPreferenceWinOverTheClientsOrder() throws Exception {
        Pair pair = handshake(DtlsLimits.DEFAULTS, DatagramPipe.lossless(), SERVER.fingerprint(),
                CLIENT.fingerprint(), List.of(SrtpProfile.AES128_CM_HMAC_SHA1_80, SrtpProfile.AEAD_AES_128_GCM),
                BOTH);

        assertEquals(SrtpProfile.AEAD_AES_128_GCM, pair.client.keys().get(15, TimeUnit.SECONDS).profile());
    }

    @Test
    void shouldFailBothSidesWhenNoProfileIsShared() {
        Pair pair = handshake(DtlsLimits.DEFAULTS, DatagramPipe.lossless(), SERVER.fingerprint(),
                CLIENT.fingerprint(), CM_ONLY, GCM_ONLY);

        DtlsHandshakeException server = failure(pair.server);
        assertEquals(Reason.NO_COMMON_PROFILE, server.reason());
        assertTrue(server.getMessage().contains("AES128_CM_HMAC_SHA1_80"), server.getMessage());
        assertEquals(Reason.PEER_ALERT, failure(pair.client).reason());
    }

    @Test
    void shouldRefuseAServerWhoseCertificateIsNotTheExpectedOne() {
        CertificateFingerprint wrong = DtlsCertificate.generate().fingerprint();
        Pair pair = handshake(DtlsLimits.DEFAULTS, DatagramPipe.lossless(), wrong, CLIENT.fingerprint(), BOTH,
                BOTH);

        DtlsHandshakeException client = failure(pair.client);
        assertEquals(Reason.FINGERPRINT_MISMATCH, client.reason());
        assertTrue(client.getMessage().contains("fingerprint " + SERVER.fingerprint().toSdpValue()),
                client.getMessage());
        assertTrue(client.getMessage().contains("expected " + wrong.toSdpValue()), client.getMessage());
        DtlsHandshakeException server = failure(pair.server);
        assertEquals(Reason.PEER_ALERT, server.reason());
        assertTrue(server.getMessage().contains("bad_certificate"), server.getMessage());
        assertEquals(DtlsAssociation.State.FAILED, pair.client.state());
    }

    @Test
    void shouldRefuseAClientWhoseCertificateIsNotTheExpectedOne() {
        CertificateFingerprint wrong = DtlsCertificate.generate().fingerprint();
        Pair pair = handshake(DtlsLimits.DEFAULTS, DatagramPipe.lossless(), SERVER.fingerprint(), wrong, BOTH,
                BOTH);

        DtlsHandshakeException server = failure(pair.server);
        assertEquals(Reason.FINGERPRINT_MISMATCH, server.reason());
        assertTrue(server.getMessage().contains("fingerprint " + CLIENT.fingerprint().toSdpValue()),
                server.getMessage());
        DtlsHandshakeException client = failure(pair.client);
        assertEquals(Reason.PEER_ALERT, client.reason());
        assertTrue(client.getMessage().contains("check the fingerprint"), client.getMessage());
    }

    @Test
    void shouldRefuseAnExpiredCertificateEvenWithTheRightFingerprint() throws Exception {
        Instant now = Instant.now();
        DtlsCertificate expired = DtlsCertificate.generate(now.minus(Duration.ofDays(60)),
                now.minus(Duration.ofDays(30)));
        DatagramPipe pipe = DatagramPipe.lossless();
        DtlsHandshaker handshaker = handshaker(DtlsLimits.DEFAULTS);
        resources.add(pipe);
        DtlsAssociation server = handshaker.start(DtlsRole.SERVER, expired, CLIENT.fingerprint(), pipe.outOfB());
        pipe.connectB(server);
        DtlsAssociation client = handshaker.start(DtlsRole.CLIENT, CLIENT, expired.fingerprint(), pipe.outOfA());
        pipe.connectA(client);

        DtlsHandshakeException failure = failure(client);
        assertEquals(Reason.CERTIFICATE_EXPIRED, failure.reason());
        assertTrue(failure.getMessage().contains("not now"), failure.getMessage());
    }

    @Test
    void shouldCompleteThroughAPipeThatLosesOneDatagramInFive() throws Exception {
        DatagramPipe pipe = new DatagramPipe(0.2, 5);
        Pair pair = handshake(DtlsLimits.DEFAULTS, pipe, SERVER.fingerprint(), CLIENT.fingerprint(), BOTH, BOTH);

        DtlsSrtpKeys client = pair.client.keys().get(15, TimeUnit.SECONDS);
        DtlsSrtpKeys server = pair.server.keys().get(15, TimeUnit.SECONDS);

        assertSameKey(client.local(), server.remote());
        assertSameKey(client.remote(), server.local());
        assertTrue(pipe.lost() > 0, "the pipe lost nothing: " + pipe.sent().size() + " sent");
    }

    @Test
    void shouldResendTheServersLastFlightWhenTheClientResendsItsOwn() throws Exception {
        boolean[] droppedOnce = {false};
        DatagramPipe pipe = DatagramPipe.dropping(sent -> {
            boolean lastFlight = !sent.fromA() && sent.bytes()[0] == 20;      // ChangeCipherSpec + Finished
            if (lastFlight && !droppedOnce[0]) {
                droppedOnce[0] = true;
                return true;
            }
            return false;
        });
        Pair pair = handshake(DtlsLimits.DEFAULTS, pipe, SERVER.fingerprint(), CLIENT.fingerprint(), BOTH, BOTH);

        DtlsSrtpKeys server = pair.server.keys().get(15, TimeUnit.SECONDS);
        DtlsSrtpKeys client = pair.client.keys().get(15, TimeUnit.SECONDS);

        assertSameKey(client.local(), server.remote());
        assertEquals(1, pipe.lost());
        assertEquals(2, pipe.sent().stream().filter(sent -> !sent.fromA() && sent.bytes()[0] == 20).count(),
                "the established server answered the client's resent flight with its last flight again");
    }

    @Test
    void shouldDropAndCountDatagramsBeyondTheQueueOfAWaitingHandshake() {
        DtlsHandshaker handshaker = handshaker(new DtlsLimits(1, 1, Duration.ofSeconds(30), Duration.ofMillis(500),
                32, 1200));
        DtlsAssociation running = handshaker.start(DtlsRole.SERVER, SERVER, CLIENT.fingerprint(), (d, o, l) -> { });
        DtlsAssociation waiting = handshaker.start(DtlsRole.SERVER, SERVER, CLIENT.fingerprint(), (d, o, l) -> { });
        resources.add(running);
        resources.add(waiting);
        byte[] record = {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

        for (int i = 0; i < 40; i++) {
            waiting.receive(record, 0, record.length);
        }

        assertEquals(8, waiting.droppedQueueFull());
        assertEquals(DtlsAssociation.State.HANDSHAKING, waiting.state());
    }

    @Test
    void shouldDropGarbageWithoutFailingTheHandshakeOrTheEstablishedAssociation() throws Exception {
        DatagramPipe pipe = DatagramPipe.lossless();
        Pair pair = handshake(DtlsLimits.DEFAULTS, pipe, SERVER.fingerprint(), CLIENT.fingerprint(), BOTH, BOTH);
        Random random = new Random(7);
        int notDtls = 0;
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[random.nextInt(1600)];
            random.nextBytes(garbage);
            if (garbage.length == 0 || garbage.length > 1500 || !DtlsDemux.isDtls(garbage[0])) {
                notDtls += 2;
            }
            pair.client.receive(garbage, 0, garbage.length);
            pair.server.receive(garbage, 0, garbage.length);
        }

        DtlsSrtpKeys client = pair.client.keys().get(15, TimeUnit.SECONDS);
        DtlsSrtpKeys server = pair.server.keys().get(15, TimeUnit.SECONDS);
        assertSameKey(client.local(), server.remote());
        assertEquals(notDtls, pair.client.droppedNotDtls() + pair.server.droppedNotDtls());

        byte[] record = new byte[80];                     // a DTLS 1.2 application data record, epoch 1
        for (int i = 0; i < 50; i++) {
            random.nextBytes(record);
            record[0] = 23;
            record[1] = (byte) 0xFE;
            record[2] = (byte) 0xFD;
            record[3] = 0;
            record[4] = 1;
            record[11] = 0;
            record[12] = 67;
            pair.server.receive(record, 0, record.length);
            pair.client.receive(record, 0, record.length);
        }
        assertEquals(DtlsAssociation.State.ESTABLISHED, pair.server.state());
        assertEquals(DtlsAssociation.State.ESTABLISHED, pair.client.state());
        assertEquals(0, pair.server.applicationDataDropped(), "no forged record decrypted");
    }

    @Test
    void shouldTimeOutWhenThePeerNeverAnswers() {
        DtlsHandshaker handshaker = handshaker(DtlsLimits.DEFAULTS.withTimeout(Duration.ofMillis(1500)));
        List<byte[]> sent = new ArrayList<>();
        DtlsAssociation client = handshaker.start(DtlsRole.CLIENT, CLIENT, SERVER.fingerprint(),
                (datagram, offset, length) -> {
                    synchronized (sent) {
                        sent.add(datagram.clone());
                    }
                });
        DtlsAssociation server = handshaker.start(DtlsRole.SERVER, SERVER, CLIENT.fingerprint(),
                (datagram, offset, length) -> { });

        DtlsHandshakeException clientFailure = failure(client);
        assertEquals(Reason.TIMEOUT, clientFailure.reason());
        assertTrue(clientFailure.getMessage().contains("1500 ms"), clientFailure.getMessage());
        assertEquals(Reason.TIMEOUT, failure(server).reason());
        synchronized (sent) {
            assertTrue(sent.size() >= 2, "the ClientHello was resent: " + sent.size());
        }
        assertEquals(2, handshaker.failed());
    }

    @Test
    void shouldRefuseAndCountHandshakesBeyondThePoolsBound() throws Exception {
        DtlsHandshaker handshaker = handshaker(new DtlsLimits(1, 1, Duration.ofSeconds(30), Duration.ofMillis(500),
                8, 1200));
        DtlsAssociation running = handshaker.start(DtlsRole.SERVER, SERVER, CLIENT.fingerprint(), (d, o, l) -> { });
        DtlsAssociation waiting = handshaker.start(DtlsRole.SERVER, SERVER, CLIENT.fingerprint(), (d, o, l) -> { });
        DtlsAssociation refused = handshaker.start(DtlsRole.SERVER, SERVER, CLIENT.fingerprint(), (d, o, l) -> { });

        DtlsHandshakeException failure = failure(refused);
        assertEquals(Reason.REFUSED, failure.reason());
        assertTrue(failure.getMessage().contains("1 running, 1 waiting"), failure.getMessage());
        assertEquals(1, handshaker.refused());
        assertEquals(2, handshaker.started());
        assertEquals(DtlsAssociation.State.FAILED, refused.state());

        running.close();
        waiting.close();
        assertEquals(Reason.CANCELLED, failure(running).reason());
        assertEquals(Reason.CANCELLED, failure(waiting).reason());
    }

    @Test
    void shouldCancelRunningAndWaitingHandshakesWhenThePoolCloses() {
        DtlsHandshaker handshaker = new DtlsHandshaker(new DtlsLimits(1, 4, Duration.ofSeconds(30),
                Duration.ofMillis(500), 8, 1200));
        DtlsAssociation running = handshaker.start(DtlsRole.SERVER, SERVER, CLIENT.fingerprint(), (d, o, l) -> { });
        DtlsAssociation waiting = handshaker.start(DtlsRole.SERVER, SERVER, CLIENT.fingerprint(), (d, o, l) -> { });

        handshaker.close();

        assertEquals(Reason.CANCELLED, failure(running).reason());
        assertEquals(Reason.CANCELLED, failure(waiting).reason());
        assertEquals(Reason.REFUSED, failure(handshaker.start(DtlsRole.SERVER, SERVER, CLIENT.fingerprint(),
                (d, o, l) -> { })).reason());
    }

    @Test
    void shouldCloseThePeerWithCloseNotify() throws Exception {
        DatagramPipe pipe = DatagramPipe.lossless();
        Pair pair = handshake(DtlsLimits.DEFAULTS, pipe, SERVER.fingerprint(), CLIENT.fingerprint(), BOTH, BOTH);
        pair.client.keys().get(15, TimeUnit.SECONDS);
        pair.server.keys().get(15, TimeUnit.SECONDS);

        pair.client.close();

        assertEquals(DtlsAssociation.State.CLOSED, pair.client.state());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pair.server.state() != DtlsAssociation.State.CLOSED && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(DtlsAssociation.State.CLOSED, pair.server.state());
        byte[] late = {21, (byte) 0xFE, (byte) 0xFD, 0, 1};
        pair.server.receive(late, 0, late.length);
        assertEquals(1, pair.server.droppedAfterEnd());
    }

    @Test
    void shouldShowNoKeyMaterialInTextsOrFailures() throws Exception {
        Pair pair = handshake(DtlsLimits.DEFAULTS, DatagramPipe.lossless(), SERVER.fingerprint(),
                CLIENT.fingerprint(), BOTH, BOTH);
        DtlsSrtpKeys keys = pair.client.keys().get(15, TimeUnit.SECONDS);
        Pair refused = handshake(DtlsLimits.DEFAULTS, DatagramPipe.lossless(), DtlsCertificate.generate()
                .fingerprint(), CLIENT.fingerprint(), BOTH, BOTH);
        List<String> texts = List.of(keys.toString(), keys.local().toString(), keys.remote().toString(),
                CLIENT.toString(), SERVER.toString(), failure(refused.client).getMessage(),
                failure(refused.server).getMessage());

        List<byte[]> secrets = List.of(keys.local().key(), keys.local().salt(), keys.remote().key(),
                keys.remote().salt(), ((ECPrivateKeyParameters) CLIENT.privateKey()).getD().toByteArray(),
                ((ECPrivateKeyParameters) SERVER.privateKey()).getD().toByteArray());
        for (String text : texts) {
            String squashed = text.replace(":", "").toLowerCase(java.util.Locale.ROOT);
            for (byte[] secret : secrets) {
                String hex = HexFormat.of().formatHex(secret, secret.length - 8, secret.length);
                assertFalse(squashed.contains(hex), "a secret's bytes appear in: " + text);
            }
        }
        assertTrue(keys.toString().contains("AEAD_AES_128_GCM"), keys.toString());
    }

    /** Server as B, client as A; the server starts first so the ClientHello finds it. */
    private Pair handshake(DtlsLimits limits, DatagramPipe pipe, CertificateFingerprint clientExpects,
                           CertificateFingerprint serverExpects, List<SrtpProfile> clientProfiles,
                           List<SrtpProfile> serverProfiles) {
        resources.add(pipe);
        DtlsHandshaker handshaker = handshaker(limits);
        DtlsAssociation server = handshaker.start(DtlsRole.SERVER, SERVER, serverExpects, serverProfiles,
                pipe.outOfB());
        pipe.connectB(server);
        DtlsAssociation client = handshaker.start(DtlsRole.CLIENT, CLIENT, clientExpects, clientProfiles,
                pipe.outOfA());
        pipe.connectA(client);
        resources.add(client);
        resources.add(server);
        return new Pair(client, server);
    }

    private DtlsHandshaker handshaker(DtlsLimits limits) {
        DtlsHandshaker handshaker = new DtlsHandshaker(limits);
        resources.add(handshaker);
        return handshaker;
    }

    static DtlsHandshakeException failure(DtlsAssociation association) {
        ExecutionException thrown = assertThrows(ExecutionException.class,
                () -> association.keys().get(30, TimeUnit.SECONDS));
        assertTrue(thrown.getCause() instanceof DtlsHandshakeException, String.valueOf(thrown.getCause()));
        return (DtlsHandshakeException) thrown.getCause();
    }

    static void assertSameKey(SrtpMasterKey expected, SrtpMasterKey actual) {
        assertEquals(expected.profile(), actual.profile());
        assertArrayEquals(expected.key(), actual.key());
        assertArrayEquals(expected.salt(), actual.salt());
    }

    private record Pair(DtlsAssociation client, DtlsAssociation server) {
    }
}
