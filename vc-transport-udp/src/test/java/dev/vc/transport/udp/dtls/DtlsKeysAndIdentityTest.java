package dev.vc.transport.udp.dtls;

import dev.vc.transport.udp.srtp.SrtpProfile;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parts of DTLS-SRTP keying that need no handshake: the RFC 5764 section 4.2 split of the exported material,
 * the generated certificate, its RFC 8122 fingerprint, and the RFC 7983 first-byte rule.
 */
class DtlsKeysAndIdentityTest {
    @Test
    void shouldSplitExportedMaterialAsClientKeyServerKeyClientSaltServerSalt() {
        for (SrtpProfile profile : SrtpProfile.values()) {
            int k = profile.keyLength();
            int s = profile.saltLength();
            byte[] material = new byte[2 * (k + s)];
            for (int i = 0; i < material.length; i++) {
                material[i] = (byte) (i + 1);
            }
            byte[] copy = material.clone();

            DtlsSrtpKeys client = DtlsSrtpKeys.split(profile, DtlsRole.CLIENT, material.clone());
            DtlsSrtpKeys server = DtlsSrtpKeys.split(profile, DtlsRole.SERVER, material);

            assertArrayEquals(Arrays.copyOfRange(copy, 0, k), client.local().key(), profile + " client key");
            assertArrayEquals(Arrays.copyOfRange(copy, k, 2 * k), client.remote().key(), profile + " server key");
            assertArrayEquals(Arrays.copyOfRange(copy, 2 * k, 2 * k + s), client.local().salt(), "client salt");
            assertArrayEquals(Arrays.copyOfRange(copy, 2 * k + s, 2 * (k + s)), client.remote().salt(),
                    "server salt");
            DtlsHandshakeTest.assertSameKey(client.local(), server.remote());
            DtlsHandshakeTest.assertSameKey(client.remote(), server.local());
            assertEquals(profile, server.profile());
            assertArrayEquals(new byte[material.length], material, "the exported material is wiped");
        }
    }

    @Test
    void shouldRejectMaterialOfTheWrongLength() {
        assertThrows(IllegalArgumentException.class,
                () -> DtlsSrtpKeys.split(SrtpProfile.AEAD_AES_128_GCM, DtlsRole.CLIENT, new byte[60]));
    }

    @Test
    void shouldGenerateASelfSignedEcdsaP256CertificateWhoseFingerprintIsItsSha256() throws Exception {
        DtlsCertificate identity = DtlsCertificate.generate();
        X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(identity.encoded()));

        parsed.verify(parsed.getPublicKey());
        parsed.checkValidity();
        assertEquals("SHA256withECDSA", parsed.getSigAlgName());
        assertEquals(256, ((ECPublicKey) parsed.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.encoded());
        assertEquals(CertificateFingerprint.parse(java.util.HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(digest)), identity.fingerprint());
        assertTrue(identity.fingerprint().toString().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"),
                identity.fingerprint().toString());
        assertTrue(identity.fingerprint().matches(identity.encoded()));
        assertNotEquals(identity.fingerprint(), DtlsCertificate.generate().fingerprint());
        assertTrue(identity.toString().contains(identity.fingerprint().toString()), identity.toString());
    }

    @Test
    void shouldParseTheSdpFormsOfAFingerprint() {
        CertificateFingerprint fingerprint = DtlsCertificate.generate().fingerprint();

        assertEquals(fingerprint, CertificateFingerprint.parse(fingerprint.toString()));
        assertEquals(fingerprint, CertificateFingerprint.parse(fingerprint.toSdpValue()));
        assertEquals(fingerprint, CertificateFingerprint.parse(" SHA-256 " + fingerprint.toString()
                .toLowerCase(java.util.Locale.ROOT)));
        assertEquals("sha-256 " + fingerprint, fingerprint.toSdpValue());
        assertThrows(IllegalArgumentException.class, () -> CertificateFingerprint.parse("AB:CD"));
        assertThrows(IllegalArgumentException.class, () -> CertificateFingerprint.parse(
                fingerprint.toString().replace(':', '-')));
        assertThrows(IllegalArgumentException.class, () -> CertificateFingerprint.parse(
                "ZZ" + fingerprint.toString().substring(2)));
        assertThrows(IllegalArgumentException.class, () -> CertificateFingerprint.parse(
                "A" + fingerprint.toString().substring(2)));
    }

    @Property
    void shouldNeverThrowAnythingButIllegalArgumentWhenParsingText(@ForAll String text) {
        try {
            CertificateFingerprint.parse(text);
        } catch (IllegalArgumentException expected) {
            assertFalse(expected.getMessage().isBlank());
        }
    }

    @Test
    void shouldClassFirstBytes20To63AsDtls() {
        assertFalse(DtlsDemux.isDtls(19));
        assertTrue(DtlsDemux.isDtls(20));
        assertTrue(DtlsDemux.isDtls(22));
        assertTrue(DtlsDemux.isDtls(63));
        assertFalse(DtlsDemux.isDtls(64));
        assertFalse(DtlsDemux.isDtls(0));
        assertFalse(DtlsDemux.isDtls((byte) 0x80));
        assertFalse(DtlsDemux.isDtls(-1));
    }

    @Test
    void shouldRemoveChangeCipherSpecUntilACertificateVerifyWentThrough() {
        ChangeCipherSpecGate gate = new ChangeCipherSpecGate();
        byte[] keyExchange = record(22, 0, 16, 40);
        byte[] changeCipherSpec = record(20, 0, 1, 1);
        byte[] finished = record(22, 1, 20, 40);

        byte[] early = concat(keyExchange, changeCipherSpec, finished);
        int length = gate.filter(early, early.length);
        assertArrayEquals(concat(keyExchange, finished), Arrays.copyOf(early, length));
        assertEquals(1, gate.held());

        byte[] alone = changeCipherSpec.clone();
        assertEquals(0, gate.filter(alone, alone.length));

        byte[] complete = concat(record(22, 0, 15, 70), changeCipherSpec, finished);
        byte[] expected = complete.clone();
        assertEquals(complete.length, gate.filter(complete, complete.length));
        assertArrayEquals(expected, complete);
        assertEquals(2, gate.held());
    }

    @Test
    void shouldLeaveMalformedRecordsToBouncyCastle() {
        ChangeCipherSpecGate gate = new ChangeCipherSpecGate();
        byte[] truncated = Arrays.copyOf(record(20, 0, 1, 30), 20);
        byte[] expected = truncated.clone();
        assertEquals(20, gate.filter(truncated, truncated.length));
        assertArrayEquals(expected, truncated);
        byte[] shorterThanAHeader = {20, (byte) 0xFE, (byte) 0xFD};
        assertEquals(3, gate.filter(shorterThanAHeader, 3));
    }

    /** A DTLS 1.2 record of the given type and epoch whose body starts with {@code first}. */
    private static byte[] record(int type, int epoch, int first, int bodyLength) {
        byte[] record = new byte[13 + bodyLength];
        record[0] = (byte) type;
        record[1] = (byte) 0xFE;
        record[2] = (byte) 0xFD;
        record[4] = (byte) epoch;
        record[11] = (byte) (bodyLength >> 8);
        record[12] = (byte) bodyLength;
        record[13] = (byte) first;
        return record;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
