package dev.vc.transport.udp.srtp;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties of SRTP and SRTCP for both profiles: protect then unprotect gives the packet back (payloads 0..1200
 * bytes, with and without CSRCs and header extensions, across the 65535 -> 0 rollover, reordered); the payload is
 * encrypted and the header is not; any flipped bit is refused; replays and packets behind the window are refused
 * and counted, and refusals leave the window as it was.
 */
class SrtpRoundTripPropertyTest {

    @Property(tries = 300)
    void protectThenUnprotectGivesThePacketBack(@ForAll SrtpProfile profile, @ForAll @IntRange(max = 1200) int payload,
            @ForAll @IntRange(max = 65535) int sequence, @ForAll int ssrc, @ForAll boolean extension,
            @ForAll boolean csrcs, @ForAll long seed) {
        SrtpMasterKey key = SrtpPackets.key(profile, seed);
        byte[] rtp = SrtpPackets.rtp(ssrc, sequence, payload, extension, csrcs, seed);
        int length = rtp.length - 16;
        byte[] packet = rtp.clone();

        int protectedLength = SrtpContext.forSending(key).protectRtp(packet, 0, length);

        assertEquals(length + profile.srtpOverhead(), protectedLength);
        int header = SrtpPackets.headerLength(rtp);
        assertArrayEquals(Arrays.copyOf(rtp, header), Arrays.copyOf(packet, header), "the header stays in clear");
        if (payload >= 8) {
            assertNotEquals(Arrays.toString(Arrays.copyOfRange(rtp, header, length)),
                    Arrays.toString(Arrays.copyOfRange(packet, header, length)), "the payload is encrypted");
        }
        assertEquals(length, SrtpContext.forReceiving(key).unprotectRtp(packet, 0, protectedLength));
        assertArrayEquals(Arrays.copyOf(rtp, length), Arrays.copyOf(packet, length));
    }

    @Property(tries = 300)
    void anyFlippedBitIsRefused(@ForAll SrtpProfile profile, @ForAll @IntRange(max = 1200) int payload,
            @ForAll boolean extension, @ForAll long seed, @ForAll @IntRange(max = Integer.MAX_VALUE - 1) int bitChoice) {
        SrtpMasterKey key = SrtpPackets.key(profile, seed);
        byte[] packet = SrtpPackets.rtp((int) seed, (int) (seed >>> 32) & 0x7FFF, payload, extension, false, seed);
        int length = SrtpContext.forSending(key).protectRtp(packet, 0, packet.length - 16);
        int bit = bitChoice % (length * 8);
        packet[bit / 8] ^= (byte) (1 << (bit % 8));
        SrtpContext receiver = SrtpContext.forReceiving(key);

        SrtpException refused = assertThrows(SrtpException.class, () -> receiver.unprotectRtp(packet, 0, length));

        boolean headerShape = bit < 8 || extension && bit / 8 >= 14 && bit / 8 < 16;   // first byte, extension length
        if (!headerShape) {
            assertEquals(SrtpFailure.AUTHENTICATION_FAILED, refused.reason(), "bit " + bit);
        }
        assertEquals(1, receiver.failures(refused.reason()));
        assertEquals(0, receiver.ssrcCount(), "a forged packet gets no SSRC state");
    }

    @Property(tries = 100)
    void aPacketIsAcceptedOnce(@ForAll SrtpProfile profile, @ForAll @IntRange(max = 65535) int sequence,
            @ForAll long seed) {
        SrtpMasterKey key = SrtpPackets.key(profile, seed);
        byte[] packet = SrtpPackets.rtp(7, sequence, 100, true, false, seed);
        int length = SrtpContext.forSending(key).protectRtp(packet, 0, packet.length - 16);
        byte[] copy = packet.clone();
        SrtpContext receiver = SrtpContext.forReceiving(key);

        receiver.unprotectRtp(packet, 0, length);

        assertEquals(SrtpFailure.REPLAYED,
                assertThrows(SrtpException.class, () -> receiver.unprotectRtp(copy, 0, length)).reason());
        assertEquals(1, receiver.failures(SrtpFailure.REPLAYED));
    }

    /**
     * A stream of packets from {@code first}, across the rollover, delivered shuffled within a span smaller than
     * the window (with some lost), all accepted; a packet from before the window is refused as too old.
     */
    @Property(tries = 60)
    void rolloverReorderingAndWindow(@ForAll SrtpProfile profile, @ForAll @IntRange(min = 64500, max = 65535) int first,
            @ForAll("windows") int window, @ForAll long seed) {
        SrtpMasterKey key = SrtpPackets.key(profile, seed);
        SrtpContext sender = SrtpContext.forSending(key, 4, window);
        SrtpContext receiver = SrtpContext.forReceiving(key, 4, window);
        Random random = new Random(seed);
        int count = 2 * window + 1200;
        List<byte[]> packets = new ArrayList<>();
        List<byte[]> plain = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] rtp = SrtpPackets.rtp(42, (first + i) & 0xFFFF, random.nextInt(200), true, false, seed + i);
            plain.add(Arrays.copyOf(rtp, rtp.length - 16));
            byte[] packet = rtp.clone();
            int length = sender.protectRtp(packet, 0, rtp.length - 16);
            packets.add(Arrays.copyOf(packet, length));
        }
        byte[] firstPacket = packets.get(0);
        List<Integer> order = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            order.add(i);
        }
        for (int start = 0; start < order.size(); start += window / 2) {   // shuffle within half a window
            Collections.shuffle(order.subList(start, Math.min(order.size(), start + window / 2)), random);
        }
        receiver.unprotectRtp(firstPacket.clone(), 0, firstPacket.length);
        for (int i : order) {
            if (random.nextInt(10) == 0) {
                continue;                                                   // lost
            }
            byte[] packet = packets.get(i).clone();
            int length = receiver.unprotectRtp(packet, 0, packet.length);
            assertArrayEquals(plain.get(i), Arrays.copyOf(packet, length), "packet " + i);
        }

        byte[] stale = firstPacket.clone();
        assertEquals(SrtpFailure.TOO_OLD,
                assertThrows(SrtpException.class, () -> receiver.unprotectRtp(stale, 0, stale.length)).reason());
    }

    @Provide
    Arbitrary<Integer> windows() {
        return Arbitraries.of(64, 128, 1024);
    }

    @Property(tries = 200)
    void srtcpRoundTripReplayAndTampering(@ForAll SrtpProfile profile, @ForAll @IntRange(min = 2, max = 300) int words,
            @ForAll int ssrc, @ForAll long seed, @ForAll @IntRange(max = Integer.MAX_VALUE - 1) int bitChoice) {
        SrtpMasterKey key = SrtpPackets.key(profile, seed);
        SrtpContext sender = SrtpContext.forSending(key);
        SrtpContext receiver = SrtpContext.forReceiving(key);
        for (int index = 1; index <= 3; index++) {
            byte[] rtcp = SrtpPackets.rtcp(ssrc, words * 4, seed + index);
            byte[] packet = rtcp.clone();
            int length = sender.protectRtcp(packet, 0, words * 4);
            assertEquals(words * 4 + profile.srtcpOverhead(), length);
            int trailer = profile == SrtpProfile.AEAD_AES_128_GCM ? length - 4 : length - 14;
            assertEquals(0x8000_0000 | index, SrtpTransform.getInt(packet, trailer), "E flag and SRTCP index");
            byte[] replay = packet.clone();
            byte[] forged = packet.clone();
            int bit = bitChoice % (length * 8);
            forged[bit / 8] ^= (byte) (1 << (bit % 8));

            SrtpException refused = assertThrows(SrtpException.class, () -> receiver.unprotectRtcp(forged, 0, length));
            int flippedByte = bit / 8;
            if (flippedByte >= trailer && flippedByte < trailer + 4) {  // another index: one accepted before, or not
                assertTrue(refused.reason() == SrtpFailure.AUTHENTICATION_FAILED
                        || refused.reason() == SrtpFailure.REPLAYED, refused.reason() + " at bit " + bit);
            } else if (flippedByte != 0) {                              // past the version bits
                assertEquals(SrtpFailure.AUTHENTICATION_FAILED, refused.reason(), "bit " + bit);
            }
            assertEquals(words * 4, receiver.unprotectRtcp(packet, 0, length));
            assertArrayEquals(Arrays.copyOf(rtcp, words * 4), Arrays.copyOf(packet, words * 4));
            assertEquals(SrtpFailure.REPLAYED,
                    assertThrows(SrtpException.class, () -> receiver.unprotectRtcp(replay, 0, length)).reason());
        }
    }

    @Property(tries = 50)
    void aSenderNeverProtectsAnIndexTwice(@ForAll SrtpProfile profile, @ForAll @IntRange(max = 65535) int sequence,
            @ForAll long seed) {
        SrtpContext sender = SrtpContext.forSending(SrtpPackets.key(profile, seed));
        byte[] packet = SrtpPackets.rtp(9, sequence, 50, false, false, seed);
        byte[] again = packet.clone();
        sender.protectRtp(packet, 0, packet.length - 16);

        assertEquals(SrtpFailure.REPEATED_INDEX, assertThrows(SrtpException.class,
                () -> sender.protectRtp(again, 0, again.length - 16)).reason());
        assertEquals(1, sender.failures(SrtpFailure.REPEATED_INDEX));
    }
}
