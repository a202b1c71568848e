package dev.vc.transport.udp.srtp;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The pieces under {@link SrtpContext}: index estimation (RFC 3711 section 3.3.1), the replay window's edges, the
 * SSRC cap, the zero-allocation HMAC against the JDK's, and that no key shows in a string.
 */
class SrtpStateTest {

    @Test
    void indexEstimationFollowsTheRolloverBothWays() {
        assertEquals(5, PacketIndex.estimate(-1, 5), "the first packet: ROC 0");
        assertEquals(0x1_0002L, PacketIndex.estimate(0xFFF0, 2), "after 65535 comes 0 of the next ROC");
        assertEquals(0xFFF0L, PacketIndex.estimate(0x1_0002L, 0xFFF0), "a late packet of the previous ROC");
        assertEquals(0x1_8000L, PacketIndex.estimate(0x1_0000L, 0x8000), "half way ahead stays in this ROC");
        assertEquals(0x0_8001L, PacketIndex.estimate(0x1_0000L, 0x8001), "more than half way is behind");
        assertEquals(0x2_7FFEL, PacketIndex.estimate(0x1_FFFFL, 0x7FFE), "ROC + 1 from the upper half");
        assertEquals(0x1_7FFFL, PacketIndex.estimate(0x1_FFFFL, 0x7FFF), "exactly half way: this ROC");
        assertEquals(-0x10000L + 0xFFF0, PacketIndex.estimate(0x0002, 0xFFF0), "before the stream: negative");
    }

    @Property
    void estimationRecoversAnyIndexWithinHalfTheSequenceSpace(@ForAll @IntRange(min = 0x8000, max = 1_000_000) int highest,
            @ForAll @IntRange(min = -0x7FFF, max = 0x7FFF) int distance) {
        long index = highest + distance;
        assertEquals(index, PacketIndex.estimate(highest, (int) (index & 0xFFFF)));
    }

    @Test
    void theWindowAcceptsEachIndexOnceAndForgetsWhatFallsOut() {
        Window window = new Window(64);
        assertNull(window.check(1000));
        window.accept(1000);
        assertEquals(SrtpFailure.REPLAYED, window.check(1000));
        assertNull(window.check(1000 - 63), "the oldest index inside the window");
        assertEquals(SrtpFailure.TOO_OLD, window.check(1000 - 64));
        window.accept(990);
        assertEquals(SrtpFailure.REPLAYED, window.check(990));

        window.accept(1060);                          // slides by 60: 990 falls out, 1000 stays
        assertEquals(SrtpFailure.TOO_OLD, window.check(990));
        assertEquals(SrtpFailure.REPLAYED, window.check(1000));
        assertNull(window.check(1059), "skipped indices are new");
        window.accept(1060 + 1000);                   // slides past the whole window
        assertNull(window.check(2060 - 1), "nothing of the old window is left in the ring");
        assertNull(window.check(1000 + 16 * 64), "not even in 1000's slot of the ring");
        assertEquals(SrtpFailure.REPLAYED, window.check(2060));
        assertEquals(-1L, window.words[0], "the word before the window is untouched");
        assertEquals(-1L, window.words[window.words.length - 1], "the word after the window is untouched");
    }

    @Property
    void theWindowKnowsExactlyTheIndicesAcceptedWithinItsSize(
            @ForAll @Size(max = 300) java.util.List<@IntRange(min = 0, max = 3000) Integer> accepted,
            @ForAll @IntRange(min = 0, max = 3100) int probe) {
        Window window = new Window(128);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        long highest = -1;
        for (int index : accepted) {
            if (window.check(index) == null) {
                window.accept(index);
                seen.add((long) index);
                highest = Math.max(highest, index);
            }
        }
        SrtpFailure expected = probe > highest ? null : highest - probe >= 128 ? SrtpFailure.TOO_OLD
                : seen.contains((long) probe) ? SrtpFailure.REPLAYED : null;
        assertEquals(expected, window.check(probe));
    }

    @Test
    void theTableKeepsEveryRecordAsItGrows() {
        SsrcTable table = new SsrcTable(101, 64, true);
        for (int ssrc = 1; ssrc <= 100; ssrc++) {
            assertEquals(-1, table.find(ssrc * 7919));
            int record = table.add(ssrc * 7919);
            ReplayWindow.accept(table.records(), SsrcTable.rtpWindow(record), 64, ssrc);
            ReplayWindow.accept(table.records(), table.rtcp(record), 64, 1000 + ssrc);
        }
        assertEquals(100, table.size());
        for (int ssrc = 1; ssrc <= 100; ssrc++) {
            int record = table.find(ssrc * 7919);
            assertEquals(ssrc, ReplayWindow.highest(table.records(), SsrcTable.rtpWindow(record)));
            assertEquals(1000 + ssrc, ReplayWindow.highest(table.records(), table.rtcp(record)));
            assertEquals(SrtpFailure.REPLAYED, ReplayWindow.check(table.records(), SsrcTable.rtpWindow(record), 64,
                    ssrc));
        }
        assertEquals(-1, table.find(0), "SSRC 0 is a key like any other, not an empty slot");
        int zero = table.add(0);
        assertEquals(zero, table.find(0));
        assertEquals(-1, ReplayWindow.highest(table.records(), SsrcTable.rtpWindow(zero)));
    }

    /** A window alone in an array, between two words it must not touch. */
    private static final class Window {
        final long[] words;
        private final int size;

        Window(int size) {
            this.size = size;
            words = new long[ReplayWindow.words(size) + 2];
            java.util.Arrays.fill(words, -1L);
            ReplayWindow.reset(words, 1, size);
        }

        SrtpFailure check(long index) {
            return ReplayWindow.check(words, 1, size, index);
        }

        void accept(long index) {
            ReplayWindow.accept(words, 1, size, index);
        }
    }

    @Test
    void sendingRefusesSsrcsBeyondTheCapAndCountsThem() {
        SrtpContext sender = SrtpContext.forSending(SrtpPackets.key(SrtpProfile.AEAD_AES_128_GCM, 1), 2, 64);
        for (int ssrc = 1; ssrc <= 2; ssrc++) {
            byte[] packet = SrtpPackets.rtp(ssrc, 1, 10, false, false, ssrc);
            sender.protectRtp(packet, 0, packet.length - 16);
        }
        byte[] third = SrtpPackets.rtp(3, 1, 10, false, false, 3);

        assertEquals(SrtpFailure.UNKNOWN_SSRC_LIMIT,
                assertThrows(SrtpException.class, () -> sender.protectRtp(third, 0, third.length - 16)).reason());
        assertEquals(2, sender.ssrcCount());
        assertEquals(1, sender.failures(SrtpFailure.UNKNOWN_SSRC_LIMIT));
    }

    @Test
    void receivingGivesSlotsOnlyToAuthenticSsrcs() {
        SrtpMasterKey key = SrtpPackets.key(SrtpProfile.AES128_CM_HMAC_SHA1_80, 2);
        SrtpMasterKey other = SrtpPackets.key(SrtpProfile.AES128_CM_HMAC_SHA1_80, 3);
        SrtpContext receiver = SrtpContext.forReceiving(key, 1, 64);
        byte[] forged = SrtpPackets.rtp(10, 1, 10, false, false, 4);
        int forgedLength = SrtpContext.forSending(other).protectRtp(forged, 0, forged.length - 16);
        assertThrows(SrtpException.class, () -> receiver.unprotectRtp(forged, 0, forgedLength));

        byte[] genuine = SrtpPackets.rtp(11, 1, 10, false, false, 5);
        SrtpContext sender = SrtpContext.forSending(key);
        receiver.unprotectRtp(genuine, 0, sender.protectRtp(genuine, 0, genuine.length - 16));
        byte[] second = SrtpPackets.rtp(12, 1, 10, false, false, 6);
        int secondLength = sender.protectRtp(second, 0, second.length - 16);

        assertEquals(SrtpFailure.UNKNOWN_SSRC_LIMIT,
                assertThrows(SrtpException.class, () -> receiver.unprotectRtp(second, 0, secondLength)).reason());
        assertEquals(1, receiver.ssrcCount());
        assertEquals(1, receiver.failures(SrtpFailure.AUTHENTICATION_FAILED));
    }

    @Test
    void malformedPacketsAreRefusedAsSuch() {
        SrtpContext receiver = SrtpContext.forReceiving(SrtpPackets.key(SrtpProfile.AES128_CM_HMAC_SHA1_80, 7));
        byte[] shortPacket = new byte[21];
        shortPacket[0] = (byte) 0x80;
        assertEquals(SrtpFailure.TOO_SHORT,
                assertThrows(SrtpException.class, () -> receiver.unprotectRtp(shortPacket, 0, 21)).reason());
        byte[] version1 = new byte[40];
        version1[0] = 0x40;
        assertEquals(SrtpFailure.NOT_VERSION_2,
                assertThrows(SrtpException.class, () -> receiver.unprotectRtp(version1, 0, 40)).reason());
        byte[] overrun = new byte[40];
        overrun[0] = (byte) 0x90;                    // an extension of 255 words in a 40-byte packet
        overrun[15] = (byte) 0xFF;
        assertEquals(SrtpFailure.TOO_SHORT,
                assertThrows(SrtpException.class, () -> receiver.unprotectRtp(overrun, 0, 40)).reason());
        assertEquals(SrtpFailure.TOO_SHORT,
                assertThrows(SrtpException.class, () -> receiver.unprotectRtcp(overrun, 0, 21)).reason());
        assertEquals(3, receiver.failures(SrtpFailure.TOO_SHORT));
        SrtpContext sender = SrtpContext.forSending(SrtpPackets.key(SrtpProfile.AES128_CM_HMAC_SHA1_80, 7));
        assertThrows(IllegalArgumentException.class, () -> sender.protectRtp(new byte[30], 0, 25),
                "no room for the tag");
        assertThrows(IllegalStateException.class, () -> sender.unprotectRtp(new byte[30], 0, 30));
    }

    @Test
    void srtcpIndicesArePerSsrcAndOldOnesFallOutOfTheWindow() {
        for (SrtpProfile profile : SrtpProfile.values()) {
            SrtpMasterKey key = SrtpPackets.key(profile, 8);
            SrtpContext sender = SrtpContext.forSending(key, 4, 64);
            SrtpContext receiver = SrtpContext.forReceiving(key, 4, 64);
            int trailer = profile == SrtpProfile.AEAD_AES_128_GCM ? 0 : 10;   // from the end: after the tag, or before
            byte[] first = null;
            for (int i = 1; i <= 100; i++) {
                for (int ssrc = 1; ssrc <= 2; ssrc++) {
                    byte[] packet = SrtpPackets.rtcp(ssrc, 32, i);
                    int length = sender.protectRtcp(packet, 0, 32);
                    assertEquals(0x8000_0000 | i, SrtpTransform.getInt(packet, length - trailer - 4),
                            profile + ": SSRC " + ssrc + " counts its own indices");
                    if (first == null) {
                        first = java.util.Arrays.copyOf(packet, length);
                    }
                    receiver.unprotectRtcp(packet, 0, length);
                }
            }
            byte[] stale = first;
            assertEquals(SrtpFailure.TOO_OLD,
                    assertThrows(SrtpException.class, () -> receiver.unprotectRtcp(stale, 0, stale.length)).reason());
        }
    }

    @Property(tries = 100)
    void hmacMatchesTheJdks(@ForAll @Size(max = 1500) byte[] message, @ForAll @Size(20) byte[] key) throws Exception {
        HmacSha1 ours = new HmacSha1(key);
        byte[] mac = new byte[20];
        ours.start();
        ours.update(message, 0, message.length);
        ours.finish(mac, 0);
        Mac jdk = Mac.getInstance("HmacSHA1");
        jdk.init(new SecretKeySpec(key, "HmacSHA1"));
        assertArrayEquals(jdk.doFinal(message), mac);
    }

    @Test
    void noKeyShowsInAnyString() {
        byte[] key = new byte[16];
        byte[] salt = new byte[14];
        java.util.Arrays.fill(key, (byte) 0xA7);
        java.util.Arrays.fill(salt, (byte) 0x5C);
        SrtpMasterKey master = new SrtpMasterKey(SrtpProfile.AES128_CM_HMAC_SHA1_80, key, salt);
        SrtpContext receiver = SrtpContext.forReceiving(master);
        byte[] packet = SrtpPackets.rtp(1, 1, 40, false, false, 1);
        SrtpException refused = assertThrows(SrtpException.class, () -> receiver.unprotectRtp(packet, 0, 62));
        String strings = master + " " + receiver + " " + refused.getMessage() + " " + refused;
        for (String secret : new String[] {HexFormat.of().formatHex(key), HexFormat.of().formatHex(salt), "a7a7", "5c5c",
                "-89, -89", "92, 92"}) {
            assertFalse(strings.toLowerCase().contains(secret), strings);
        }
        assertEquals(0, refused.getStackTrace().length, "no stack trace");
    }
}
