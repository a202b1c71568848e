package dev.vc.transport.udp.srtp;

import org.junit.jupiter.api.Assumptions;

import java.util.Random;

/** Test packets and keys for the SRTP tests. */
final class SrtpPackets {
    private SrtpPackets() {
    }

    /**
     * Skips the calling test when {@code ciphers} cannot run here: OpenSSL's needs Java 22 or later, libcrypto 3 and
     * native access for the module. The build runs the SRTP tests again on a Java 22+ JVM when {@code JAVA22_HOME}
     * names one.
     */
    static void assumeAvailable(SrtpCiphers ciphers) {
        if (ciphers == SrtpCiphers.OPENSSL) {
            String unavailable = OpenSsl.unavailable();
            Assumptions.assumeTrue(unavailable == null, () -> "OpenSSL's AES-GCM is not tested on this JVM: "
                    + unavailable + " (the build runs these tests on a Java 22+ JVM when JAVA22_HOME is set)");
        }
    }

    /** @return a master key and salt of the profile from the seed */
    static SrtpMasterKey key(SrtpProfile profile, long seed) {
        Random random = new Random(seed);
        byte[] key = new byte[profile.keyLength()];
        byte[] salt = new byte[profile.saltLength()];
        random.nextBytes(key);
        random.nextBytes(salt);
        return new SrtpMasterKey(profile, key, salt);
    }

    /**
     * An RTP packet as vc sends it, in an array with room for the tag: a 12-byte header, optionally two CSRCs, and
     * optionally a one-byte header extension with transport-wide-cc (id 3) and abs-capture-time (id 2) elements.
     */
    static byte[] rtp(int ssrc, int sequence, int payloadLength, boolean extension, boolean csrcs, long seed) {
        int headerLength = 12 + (csrcs ? 8 : 0) + (extension ? 4 + 16 : 0);
        byte[] packet = new byte[headerLength + payloadLength + 16];
        packet[0] = (byte) (0x80 | (extension ? 0x10 : 0) | (csrcs ? 2 : 0));
        packet[1] = (byte) 96;
        packet[2] = (byte) (sequence >>> 8);
        packet[3] = (byte) sequence;
        SrtpTransform.putInt(packet, 4, (int) seed);
        SrtpTransform.putInt(packet, 8, ssrc);
        int at = 12;
        if (csrcs) {
            SrtpTransform.putInt(packet, at, 0x1111_1111);
            SrtpTransform.putInt(packet, at + 4, 0x2222_2222);
            at += 8;
        }
        if (extension) {
            packet[at] = (byte) 0xBE;
            packet[at + 1] = (byte) 0xDE;
            packet[at + 3] = 4;                                   // 4 words of elements
            packet[at + 4] = 0x31;                                // transport-wide-cc, 2 bytes
            packet[at + 5] = (byte) (sequence >>> 8);
            packet[at + 6] = (byte) sequence;
            packet[at + 7] = 0x2F;                                // abs-capture-time, 16 bytes
            for (int i = 0; i < 12; i++) {
                packet[at + 8 + i] = (byte) (seed >>> i);
            }
        }
        Random random = new Random(seed);
        for (int i = headerLength; i < headerLength + payloadLength; i++) {
            packet[i] = (byte) random.nextInt();
        }
        return packet;
    }

    /** @return the RTP header's length of a packet made by {@link #rtp} */
    static int headerLength(byte[] packet) {
        return 12 + 4 * (packet[0] & 0x0F) + ((packet[0] & 0x10) != 0 ? 20 : 0);
    }

    /** An RTCP receiver report (or a compound of them) of {@code length} bytes, a multiple of 4, with room for SRTCP. */
    static byte[] rtcp(int ssrc, int length, long seed) {
        byte[] packet = new byte[length + 20];
        Random random = new Random(seed);
        for (int i = 8; i < length; i++) {
            packet[i] = (byte) random.nextInt();
        }
        packet[0] = (byte) 0x80;
        packet[1] = (byte) 201;
        int words = length / 4 - 1;
        packet[2] = (byte) (words >>> 8);
        packet[3] = (byte) words;
        SrtpTransform.putInt(packet, 4, ssrc);
        return packet;
    }
}
