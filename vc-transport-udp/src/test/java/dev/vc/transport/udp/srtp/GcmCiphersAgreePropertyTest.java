package dev.vc.transport.udp.srtp;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OpenSSL's AEAD_AES_128_GCM gives the same bytes as vc's Java one: for random session keys, packets (payloads of
 * 0..1400 bytes, with and without CSRCs and header extension) and indices (any 48-bit SRTP index, any 31-bit SRTCP
 * index, E flag set or clear), the OpenSSL transform protects to exactly the Java transform's packet, each
 * unprotects what the other protected back to the original (and then protects alike again), and both refuse a packet with one bit flipped and
 * leave it as it came. Skipped unless the JVM is Java 22+ with libcrypto 3 and native access for the module.
 */
@AddLifecycleHook(RequiresOpenSsl.class)
class GcmCiphersAgreePropertyTest {

    @Property
    void srtpIsTheSameOnBoth(@ForAll long seed, @ForAll @IntRange(max = 1400) int payload, @ForAll int ssrc,
            @ForAll @LongRange(max = PacketIndex.MAX_SRTP_INDEX) long index, @ForAll boolean extension,
            @ForAll boolean csrcs) {
        SessionKeys keys = keys(seed);
        SrtpTransform java = SrtpCiphers.JAVA.transform(SrtpProfile.AEAD_AES_128_GCM, keys);
        SrtpTransform openssl = SrtpCiphers.OPENSSL.transform(SrtpProfile.AEAD_AES_128_GCM, keys);
        byte[] rtp = SrtpPackets.rtp(ssrc, (int) index & 0xFFFF, payload, extension, csrcs, seed);
        int length = rtp.length - 16;
        int header = SrtpPackets.headerLength(rtp);

        byte[] byJava = rtp.clone();
        byte[] byOpenSsl = rtp.clone();
        assertEquals(length + 16, java.protectRtp(byJava, 0, length, header, ssrc, index));
        assertEquals(length + 16, openssl.protectRtp(byOpenSsl, 0, length, header, ssrc, index));
        assertArrayEquals(byJava, byOpenSsl, "protected alike");

        assertTrue(openssl.unprotectRtp(byJava, 0, length + 16, header, ssrc, index), "OpenSSL opens Java's");
        assertTrue(java.unprotectRtp(byOpenSsl, 0, length + 16, header, ssrc, index), "Java opens OpenSSL's");
        assertArrayEquals(Arrays.copyOf(rtp, length), Arrays.copyOf(byJava, length));
        assertArrayEquals(Arrays.copyOf(rtp, length), Arrays.copyOf(byOpenSsl, length));

        long next = index == PacketIndex.MAX_SRTP_INDEX ? 0 : index + 1;   // sealing again after opening
        assertEquals(length + 16, java.protectRtp(byJava, 0, length, header, ssrc, next));
        assertEquals(length + 16, openssl.protectRtp(byOpenSsl, 0, length, header, ssrc, next));
        assertArrayEquals(byJava, byOpenSsl, "protected alike after opening");
    }

    @Property
    void srtcpIsTheSameOnBoth(@ForAll long seed, @ForAll @IntRange(min = 2, max = 350) int words, @ForAll int ssrc,
            @ForAll @IntRange(max = Integer.MAX_VALUE) int index, @ForAll boolean encrypted) {
        SessionKeys keys = keys(seed);
        SrtpTransform java = SrtpCiphers.JAVA.transform(SrtpProfile.AEAD_AES_128_GCM, keys);
        SrtpTransform openssl = SrtpCiphers.OPENSSL.transform(SrtpProfile.AEAD_AES_128_GCM, keys);
        int length = 4 * words;
        byte[] rtcp = SrtpPackets.rtcp(ssrc, length, seed);

        byte[] byJava = rtcp.clone();
        byte[] byOpenSsl = rtcp.clone();
        int protectedLength = java.protectRtcp(byJava, 0, length, ssrc, index);
        assertEquals(protectedLength, openssl.protectRtcp(byOpenSsl, 0, length, ssrc, index));
        assertArrayEquals(byJava, byOpenSsl, "protected alike");
        int flagAndIndex = SrtpTransform.E_FLAG | index;
        assertTrue(openssl.unprotectRtcp(byJava, 0, protectedLength, ssrc, flagAndIndex), "OpenSSL opens Java's");
        assertTrue(java.unprotectRtcp(byOpenSsl, 0, protectedLength, ssrc, flagAndIndex), "Java opens OpenSSL's");
        assertArrayEquals(Arrays.copyOf(rtcp, length), Arrays.copyOf(byJava, length));
        assertArrayEquals(Arrays.copyOf(rtcp, length), Arrays.copyOf(byOpenSsl, length));

        if (!encrypted) {   // E clear (RFC 7714 section 9.3): authenticated only, the tag over the whole packet
            byte[] authenticatedOnly = authenticatedOnly(keys, rtcp, length, ssrc, index);
            assertTrue(openssl.unprotectRtcp(authenticatedOnly, 0, length + 20, ssrc, index), "E clear");
            assertArrayEquals(Arrays.copyOf(rtcp, length), Arrays.copyOf(authenticatedOnly, length));
        }
    }

    @Property
    void bothRefuseAFlippedBitAndLeaveThePacketAsItCame(@ForAll long seed, @ForAll @IntRange(max = 1400) int payload,
            @ForAll @IntRange(max = 65535) int sequence, @ForAll @IntRange(max = Integer.MAX_VALUE - 1) int bitChoice) {
        SessionKeys keys = keys(seed);
        SrtpTransform java = SrtpCiphers.JAVA.transform(SrtpProfile.AEAD_AES_128_GCM, keys);
        SrtpTransform openssl = SrtpCiphers.OPENSSL.transform(SrtpProfile.AEAD_AES_128_GCM, keys);
        byte[] packet = SrtpPackets.rtp(7, sequence, payload, true, false, seed);
        int header = SrtpPackets.headerLength(packet);
        int length = openssl.protectRtp(packet, 0, packet.length - 16, header, 7, sequence);
        int bit = bitChoice % (length * 8);
        packet[bit / 8] ^= (byte) (1 << (bit % 8));
        byte[] forged = packet.clone();

        assertFalse(openssl.unprotectRtp(packet, 0, length, header, 7, sequence), "OpenSSL refuses");
        assertArrayEquals(forged, packet, "OpenSSL left it as it came");
        assertFalse(java.unprotectRtp(packet, 0, length, header, 7, sequence), "Java refuses");
        assertArrayEquals(forged, packet, "Java left it as it came");
    }

    /** Random session keys (a 16-byte key, a 12-byte salt) from the seed. */
    private static SessionKeys keys(long seed) {
        Random random = new Random(seed);
        byte[] key = new byte[16];
        byte[] salt = new byte[GcmIv.LENGTH];
        random.nextBytes(key);
        random.nextBytes(salt);
        return SessionKeys.of(key, new byte[0], salt);
    }

    /**
     * An SRTCP packet with E clear (vc never sends one), sealed with vc's {@link AesGcm}: the whole RTCP packet and
     * the index are associated data, nothing is encrypted.
     */
    private static byte[] authenticatedOnly(SessionKeys keys, byte[] rtcp, int length, int ssrc, int index) {
        byte[] packet = Arrays.copyOf(rtcp, length + 20);
        SrtpTransform.putInt(packet, length + 16, index);
        byte[] iv = new byte[GcmIv.LENGTH];
        GcmIv.write(GcmIv.saltHead(keys.salt), GcmIv.saltTail(keys.salt), ssrc, index, iv);
        AesGcm gcm = new AesGcm(keys.encryption);
        gcm.start(iv, 0);
        gcm.aad(packet, 0, length);
        gcm.aad(packet, length + 16, 4);
        gcm.seal(packet, length, 0, packet, length);
        return packet;
    }
}
