package dev.vc.transport.udp.srtp;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What protecting and unprotecting allocate per packet once warm (1,200-byte RTP packets with vc's header
 * extension, and RTCP): nothing for AES128_CM_HMAC_SHA1_80; for AEAD_AES_128_GCM, what the JDK's
 * {@code Cipher.init} allocates to take a new IV (a fresh GCM engine, about 1 KB per call on JDK 17), bounded here
 * so a regression shows. Refusals (replays) allocate nothing under either profile.
 */
class SrtpAllocationTest {
    private static final int PACKETS = 20_000;
    /** JDK 17's AES/GCM: the GCMParameterSpec, its IV copy and the GCM engine built by each init (~1 KB). */
    private static final long GCM_BOUND_BYTES = 1_536;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void aesCmWithHmacAllocatesNothingPerPacket() {
        assertEquals(0, bytesPerPacket(SrtpProfile.AES128_CM_HMAC_SHA1_80, false), "SRTP, bytes per packet");
        assertEquals(0, bytesPerPacket(SrtpProfile.AES128_CM_HMAC_SHA1_80, true), "SRTCP, bytes per packet");
    }

    @Test
    void aeadAesGcmAllocatesOnlyWhatTheJdksInitDoes() {
        long rtp = bytesPerPacket(SrtpProfile.AEAD_AES_128_GCM, false);
        long rtcp = bytesPerPacket(SrtpProfile.AEAD_AES_128_GCM, true);
        System.out.printf("AEAD_AES_128_GCM: %d B per SRTP packet, %d B per SRTCP packet (protect + unprotect)%n",
                rtp, rtcp);
        assertTrue(rtp <= 2 * GCM_BOUND_BYTES, rtp + " B per SRTP packet");
        assertTrue(rtcp <= 2 * GCM_BOUND_BYTES, rtcp + " B per SRTCP packet");
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
    private long bytesPerPacket(SrtpProfile profile, boolean rtcp) {
        SrtpMasterKey key = SrtpPackets.key(profile, 1);
        SrtpContext sender = SrtpContext.forSending(key);
        SrtpContext receiver = SrtpContext.forReceiving(key);
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
