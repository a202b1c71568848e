package dev.vc.transport.udp.srtp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What protecting and unprotecting allocate per packet once warm (1,200-byte RTP packets with vc's header
 * extension, and RTCP): nothing, under either profile, on either {@link SrtpCiphers}, in place or protecting a copy
 * into a direct buffer. Refusals (replays, and forgeries, which reach the tag check) allocate nothing either.
 */
class SrtpAllocationTest {
    private static final int PACKETS = 20_000;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void aesCmWithHmacAllocatesNothingPerPacket() {
        assertEquals(0, bytesPerPacket(SrtpProfile.AES128_CM_HMAC_SHA1_80, SrtpCiphers.JAVA, false),
                "SRTP, bytes per packet");
        assertEquals(0, bytesPerPacket(SrtpProfile.AES128_CM_HMAC_SHA1_80, SrtpCiphers.JAVA, true),
                "SRTCP, bytes per packet");
    }

    @ParameterizedTest
    @EnumSource(SrtpCiphers.class)
    void aeadAesGcmAllocatesNothingPerPacket(SrtpCiphers ciphers) {
        SrtpPackets.assumeAvailable(ciphers);
        assertEquals(0, bytesPerPacket(SrtpProfile.AEAD_AES_128_GCM, ciphers, false), "SRTP, bytes per packet");
        assertEquals(0, bytesPerPacket(SrtpProfile.AEAD_AES_128_GCM, ciphers, true), "SRTCP, bytes per packet");
    }

    @ParameterizedTest
    @EnumSource(SrtpCiphers.class)
    void protectingACopyIntoADirectBufferAllocatesNothingPerPacket(SrtpCiphers ciphers) {
        SrtpPackets.assumeAvailable(ciphers);
        for (SrtpProfile profile : SrtpProfile.values()) {
            SrtpMasterKey key = SrtpPackets.key(profile, 2);
            SrtpContext sender = SrtpContext.of(key, true, SrtpContext.DEFAULT_MAX_SSRCS,
                    SrtpContext.DEFAULT_REPLAY_WINDOW, ciphers);
            byte[] rtp = SrtpPackets.rtp(0x1234, 0, 1200, true, false, 2);
            byte[] rtcp = SrtpPackets.rtcp(0x1234, 1200, 2);
            ByteBuffer out = ByteBuffer.allocateDirect(1500);
            int sequence = 0;
            for (int round = 0; round < 3; round++) {
                long before = allocated();
                for (int i = 0; i < PACKETS; i++) {
                    rtp[2] = (byte) (sequence >>> 8);
                    rtp[3] = (byte) sequence;
                    sequence = (sequence + 1) & 0xFFFF;
                    sender.protectRtp(rtp, 0, rtp.length - 16, out);
                    sender.protectRtcp(rtcp, 0, 1200, out);
                }
                if (round == 2) {
                    assertEquals(0, (allocated() - before) / PACKETS, profile + ": bytes per RTP and RTCP copy");
                }
            }
        }
    }

    @Test
    void refusingAForgeryAllocatesNothing() {
        for (SrtpProfile profile : SrtpProfile.values()) {
            SrtpMasterKey key = SrtpPackets.key(profile, 4);
            SrtpContext receiver = SrtpContext.forReceiving(key);
            byte[] packet = SrtpPackets.rtp(5, 100, 1200, true, false, 4);
            int length = SrtpContext.forSending(key).protectRtp(packet, 0, packet.length - 16);
            packet[length - 1] ^= 1;
            for (int round = 0; round < 2; round++) {
                long before = allocated();
                for (int i = 0; i < PACKETS; i++) {
                    try {
                        receiver.unprotectRtp(packet, 0, length);
                    } catch (SrtpException expected) {
                        // counted by the context
                    }
                }
                if (round == 1) {
                    assertEquals(0, (allocated() - before) / PACKETS, profile + ": bytes per forgery refused");
                }
            }
            assertEquals(2L * PACKETS, receiver.failures(SrtpFailure.AUTHENTICATION_FAILED), profile.name());
        }
    }

    @Test
    void refusingAReplayAllocatesNothing() {
        for (SrtpProfile profile : SrtpProfile.values()) {
            SrtpMasterKey key = SrtpPackets.key(profile, 3);
            SrtpContext receiver = SrtpContext.forReceiving(key);
            byte[] packet = SrtpPackets.rtp(5, 100, 1200, true, false, 3);
            int length = SrtpContext.forSending(key).protectRtp(packet, 0, packet.length - 16);
            byte[] replay = packet.clone();
            receiver.unprotectRtp(packet, 0, length);
            for (int round = 0; round < 2; round++) {
                long before = allocated();
                for (int i = 0; i < PACKETS; i++) {
                    try {
                        receiver.unprotectRtp(replay, 0, length);
                    } catch (SrtpException expected) {
                        // counted by the context
                    }
                }
                if (round == 1) {
                    assertEquals(0, (allocated() - before) / PACKETS, profile + ": bytes per replay refused");
                }
            }
        }
    }

    /** Bytes allocated per protect + unprotect pair, measured after a round of warm-up. */
    private long bytesPerPacket(SrtpProfile profile, SrtpCiphers ciphers, boolean rtcp) {
        SrtpMasterKey key = SrtpPackets.key(profile, 1);
        SrtpContext sender = SrtpContext.of(key, true, SrtpContext.DEFAULT_MAX_SSRCS,
                SrtpContext.DEFAULT_REPLAY_WINDOW, ciphers);
        SrtpContext receiver = SrtpContext.of(key, false, SrtpContext.DEFAULT_MAX_SSRCS,
                SrtpContext.DEFAULT_REPLAY_WINDOW, ciphers);
        byte[] template = rtcp ? SrtpPackets.rtcp(0x1234, 1200, 1) : SrtpPackets.rtp(0x1234, 0, 1200, true, false, 1);
        int plainLength = rtcp ? 1200 : template.length - 16;
        byte[] packet = new byte[template.length];
        long perPacket = -1;
        int sequence = 0;
        for (int round = 0; round < 3; round++) {
            long before = allocated();
            for (int i = 0; i < PACKETS; i++) {
                System.arraycopy(template, 0, packet, 0, plainLength);
                int length;
                if (rtcp) {
                    length = sender.protectRtcp(packet, 0, plainLength);
                    receiver.unprotectRtcp(packet, 0, length);
                } else {
                    packet[2] = (byte) (sequence >>> 8);
                    packet[3] = (byte) sequence;
                    sequence = (sequence + 1) & 0xFFFF;
                    length = sender.protectRtp(packet, 0, plainLength);
                    receiver.unprotectRtp(packet, 0, length);
                }
            }
            perPacket = (allocated() - before) / PACKETS;
        }
        return perPacket;
    }

    private long allocated() {
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
