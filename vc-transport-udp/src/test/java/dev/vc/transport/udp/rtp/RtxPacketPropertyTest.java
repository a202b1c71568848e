package dev.vc.transport.udp.rtp;

import dev.vc.api.RtxSsrc;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RTX packets (RFC 4588 §4): what wrapping writes, and that unwrapping gives the original back, byte for byte. */
class RtxPacketPropertyTest {
    @Property
    void unwrappingARetransmissionGivesTheOriginalBack(@ForAll("originals") byte[] original,
                                                       @ForAll @IntRange(max = 65535) int rtxSequence,
                                                       @ForAll int mediaSsrc, @ForAll @IntRange(max = 40) int slack) {
        RtpHeader parsed = new RtpHeader().parse(original, 0, original.length);
        int rtxType = RtxPacket.payloadTypeFor(parsed.payloadType());
        byte[] buffer = new byte[slack + original.length + RtxPacket.OSN_LENGTH + slack];
        int n = RtxPacket.wrap(original, 0, original.length, buffer, slack, rtxType, rtxSequence, RtxSsrc.of(mediaSsrc));
        assertEquals(original.length + RtxPacket.OSN_LENGTH, n);

        RtpHeader rtx = new RtpHeader().parse(buffer, slack, n);
        assertEquals(rtxType, rtx.payloadType());
        assertEquals(rtxSequence, rtx.sequence());
        assertEquals(RtxSsrc.of(mediaSsrc), rtx.ssrc());
        assertEquals(parsed.marker(), rtx.marker(), "M as the original's");
        assertEquals(parsed.timestamp(), rtx.timestamp(), "the original's timestamp");
        assertEquals(parsed.paddingLength(), rtx.paddingLength());
        assertEquals(parsed.sequence(), RtxPacket.originalSequence(rtx), "the OSN");
        assertEquals(parsed.payloadLength() + RtxPacket.OSN_LENGTH, rtx.payloadLength());
        if (parsed.extensionElementOffset(2) >= 0) {
            assertEquals(parsed.extensionElementOffset(2), rtx.extensionElementOffset(2) - slack,
                    "header extensions kept in place");
        }

        int back = RtxPacket.unwrap(rtx, slack, n, RtxPacket.associatedPayloadType(rtxType), parsed.ssrc());
        assertEquals(original.length, back);
        assertArrayEquals(original, Arrays.copyOfRange(buffer, slack, slack + back));
    }

    @Property
    void everyRtxPayloadTypeLeadsBackToItsMediaPayloadType(@ForAll @IntRange(max = 127) int payloadType) {
        int rtx = RtxPacket.payloadTypeFor(payloadType);
        if (rtx >= 0) {
            assertEquals(payloadType, RtxPacket.associatedPayloadType(rtx));
            assertTrue(rtx < 64 || rtx > 95, "never in RTCP's range (RFC 5761 §4)");
        }
    }

    @Test
    void shouldPairEachCodecWithTheDocumentedPayloadTypes() {
        assertEquals(97, RtxPacket.payloadTypeFor(96), "H.264 on 96 retransmits on 97");
        assertEquals(96, RtxPacket.payloadTypeFor(97));
        assertEquals(35, RtxPacket.payloadTypeFor(26), "JPEG");
        assertEquals(-1, RtxPacket.payloadTypeFor(0), "no RTX for what vc does not send");
        assertEquals(-1, RtxPacket.associatedPayloadType(50));
    }

    @Test
    void shouldFindNoOriginalSequenceNumberInARetransmissionTooShortForOne() {
        byte[] packet = new byte[RtpPacketWriter.HEADER_LENGTH + 1];
        new RtpPacketWriter(1, 97, 0, 0).writeHeader(packet, 0, false, 0, 0);
        RtpHeader rtx = new RtpHeader().parse(packet, 0, packet.length);
        assertEquals(-1, RtxPacket.originalSequence(rtx));
        assertEquals(-1, RtxPacket.unwrap(rtx, 0, packet.length, 96, 2));
        assertEquals(-1, RtxPacket.wrap(packet, 0, 11, new byte[64], 0, 97, 0, 3), "a header past the end");
    }

    @Test
    void shouldNumberEachStreamFromARandomStartBelowHalfTheSpaceAndSkipNothingOnRefusal() {
        Random random = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            assertTrue(RtxPacketWriter.random(0x10, random).nextSequence() < 0x8000);
            assertTrue(RtpPacketWriter.random(0x10, 96, random).nextSequence() < 0x8000);
        }
        RtxPacketWriter writer = new RtxPacketWriter(0x11, 65535);
        byte[] media = new byte[RtpPacketWriter.HEADER_LENGTH + 10];
        byte[] out = new byte[media.length + 2];
        new RtpPacketWriter(0x10, 50, 9, 0).writeHeader(media, 0, false, 0, 0);
        assertEquals(-1, writer.wrap(media, 0, media.length, out, 0), "PT 50 has no RTX payload type");
        assertEquals(65535, writer.nextSequence());
        new RtpPacketWriter(0x10, 96, 9, 0).writeHeader(media, 0, false, 0, 0);
        assertEquals(media.length + 2, writer.wrap(media, 0, media.length, out, 0));
        assertEquals(0, writer.nextSequence(), "wraps");
        assertEquals(0x11, new RtpHeader().parse(out, 0, media.length + 2).ssrc());
    }

    /** vc's own headers with random payloads, and foreign ones: CSRCs, other extensions, padding, M. */
    @Provide
    Arbitrary<byte[]> originals() {
        Arbitrary<byte[]> payloads = Arbitraries.bytes().array(byte[].class).ofMaxSize(1200);
        return Arbitraries.randomValue(random -> random).flatMap(r -> payloads.map(payload -> original(r, payload)));
    }

    private static byte[] original(Random random, byte[] payload) {
        int payloadType = random.nextBoolean() ? 26 : 96 + random.nextInt(32);
        int csrcs = random.nextInt(3);
        int extensionWords = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(4);
        int padding = random.nextInt(3) == 0 ? 1 + random.nextInt(20) : 0;
        int header = 12 + 4 * csrcs + (extensionWords > 0 ? 4 + 4 * extensionWords : 0);
        byte[] packet = new byte[header + payload.length + padding];
        RtpPacketWriter.writeFixedHeader(packet, 0, extensionWords > 0, random.nextBoolean(), payloadType,
                random.nextInt(65536), random.nextInt(), random.nextInt());
        packet[0] |= (byte) (csrcs | (padding > 0 ? 0x20 : 0));
        for (int i = 12; i < header; i++) {
            packet[i] = (byte) random.nextInt();
        }
        if (extensionWords > 0) {
            int at = 12 + 4 * csrcs;
            packet[at] = (byte) 0xBE;
            packet[at + 1] = (byte) 0xDE;
            packet[at + 2] = 0;
            packet[at + 3] = (byte) extensionWords;
            Arrays.fill(packet, at + 4, header, (byte) 0);  // padding elements: always valid
            if (random.nextBoolean()) {
                packet[at + 4] = 0x21;                       // ID 2, 2 bytes: a transport-wide number
                packet[at + 5] = (byte) random.nextInt();
                packet[at + 6] = (byte) random.nextInt();
            }
        }
        System.arraycopy(payload, 0, packet, header, payload.length);
        if (padding > 0) {
            packet[packet.length - 1] = (byte) padding;
        }
        return packet;
    }
}
