package dev.vc.transport.udp.rtp;

import dev.vc.transport.udp.MalformedPacketException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtpHeaderTest {
    /** V=2 P=1 X=1 CC=2, M=1 PT=26, seq 0xFFFF, ts 0xDEADBEEF, SSRC 0x01020304, 2 CSRCs, 0xBEDE extension. */
    private static final int[] CRAFTED = {
        0xB2, 0x9A, 0xFF, 0xFF, 0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02, 0x03, 0x04,
        0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22,                          // CSRCs
        0xBE, 0xDE, 0x00, 0x03,                                                  // one-byte form, 3 words
        0x10, 0xAA,                                                              // ID 1, 1 byte
        0x00,                                                                    // padding between elements
        0x23, 0x01, 0x02, 0x03, 0x04,                                            // ID 2, 4 bytes
        0x00, 0x00, 0x00, 0x00,                                                  // padding to the word
        0x55, 0x66, 0x77,                                                        // payload
        0x00, 0x00, 0x03,                                                        // padding, count 3
    };

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void shouldParseCsrcsExtensionElementsAndPadding() {
        byte[] packet = bytes(CRAFTED);
        RtpHeader rtp = new RtpHeader().parse(packet, 0, packet.length);

        assertTrue(rtp.padding());
        assertTrue(rtp.extension());
        assertTrue(rtp.marker());
        assertEquals(26, rtp.payloadType());
        assertEquals(65535, rtp.sequence());
        assertEquals(0xDEADBEEF, rtp.timestamp());
        assertEquals(0x01020304, rtp.ssrc());
        assertEquals(2, rtp.csrcCount());
        assertEquals(0x11111111, rtp.csrc(0));
        assertEquals(0x22222222, rtp.csrc(1));
        assertEquals(0xBEDE, rtp.extensionProfile());
        assertEquals(12, rtp.extensionLength());
        assertEquals(1, rtp.extensionElementLength(1));
        assertEquals(0xAA, packet[rtp.extensionElementOffset(1)] & 0xFF);
        assertEquals(4, rtp.extensionElementLength(2));
        assertEquals(0x01, packet[rtp.extensionElementOffset(2)]);
        assertEquals(-1, rtp.extensionElementOffset(3));
        assertEquals(0, rtp.extensionElementLength(3));
        assertEquals(3, rtp.paddingLength());
        assertEquals(3, rtp.payloadLength());
        assertEquals(0x55, packet[rtp.payloadOffset()]);
    }

    @Test
    void shouldParseAtAnOffsetInsideALargerBuffer() {
        byte[] crafted = bytes(CRAFTED);
        byte[] buffer = new byte[crafted.length + 10];
        System.arraycopy(crafted, 0, buffer, 7, crafted.length);
        RtpHeader rtp = new RtpHeader().parse(buffer, 7, crafted.length);
        assertEquals(0x22222222, rtp.csrc(1));
        assertEquals(7 + 36, rtp.payloadOffset());
        assertEquals(3, rtp.payloadLength());
    }

    @Test
    void shouldRejectPaddingCountOfZero() {
        byte[] packet = bytes(CRAFTED);
        packet[packet.length - 1] = 0;
        assertThrows(MalformedPacketException.class, () -> new RtpHeader().parse(packet, 0, packet.length));
    }

    @Test
    void shouldRejectPaddingLongerThanThePayload() {
        byte[] packet = bytes(CRAFTED);
        packet[packet.length - 1] = 7; // 6 bytes follow the extension
        assertThrows(MalformedPacketException.class, () -> new RtpHeader().parse(packet, 0, packet.length));
    }

    @Test
    void shouldAcceptPaddingThatTakesTheWholePayload() {
        byte[] packet = bytes(CRAFTED);
        packet[packet.length - 1] = 6;
        RtpHeader rtp = new RtpHeader().parse(packet, 0, packet.length);
        assertEquals(0, rtp.payloadLength());
    }

    @Test
    void shouldRejectVersionOtherThanTwo() {
        for (int version : new int[] {0, 1, 3}) {
            byte[] packet = bytes(CRAFTED);
            packet[0] = (byte) (version << 6 | (packet[0] & 0x3F));
            MalformedPacketException e = assertThrows(MalformedPacketException.class,
                    () -> new RtpHeader().parse(packet, 0, packet.length));
            assertTrue(e.getMessage().contains("version"));
        }
    }

    @Test
    void shouldRejectPacketShorterThanTheFixedHeader() {
        byte[] packet = bytes(CRAFTED);
        assertThrows(MalformedPacketException.class, () -> new RtpHeader().parse(packet, 0, 11));
    }

    @Test
    void shouldRejectCsrcListPastTheEnd() {
        byte[] packet = bytes(0x8F, 26, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0);
        assertThrows(MalformedPacketException.class, () -> new RtpHeader().parse(packet, 0, packet.length));
    }

    @Test
    void shouldRejectExtensionLengthPastTheEnd() {
        byte[] packet = bytes(CRAFTED);
        packet[23] = 9;
        assertThrows(MalformedPacketException.class, () -> new RtpHeader().parse(packet, 0, packet.length));
    }

    @Test
    void shouldRejectExtensionElementPastTheExtensionEnd() {
        byte[] packet = bytes(0x90, 26, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE, 0, 1, 0x17, 1, 2, 3, 9, 9);
        assertThrows(MalformedPacketException.class, () -> new RtpHeader().parse(packet, 0, packet.length));
    }

    @Test
    void shouldStopAtReservedElementIdFifteen() {
        byte[] packet = bytes(0x90, 26, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE, 0, 1, 0x10, 7, 0xFF, 0x10, 9);
        RtpHeader rtp = new RtpHeader().parse(packet, 0, packet.length);
        assertEquals(1, rtp.extensionElementLength(1));
        assertEquals(7, packet[rtp.extensionElementOffset(1)]);
        assertEquals(1, rtp.payloadLength());
    }

    @Test
    void shouldSkipExtensionOfOtherProfilesWithoutElements() {
        byte[] packet = bytes(0x90, 26, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0x10, 0x00, 0, 1, 0x01, 0x07, 0, 0, 42);
        RtpHeader rtp = new RtpHeader().parse(packet, 0, packet.length);
        assertEquals(0x1000, rtp.extensionProfile());
        assertEquals(-1, rtp.extensionElementOffset(1));
        assertEquals(1, rtp.payloadLength());
        assertEquals(42, packet[rtp.payloadOffset()]);
    }

    @Test
    void shouldForgetElementsOfThePreviousPacket() {
        byte[] withExtension = bytes(CRAFTED);
        byte[] plain = bytes(0x80, 26, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 5);
        RtpHeader rtp = new RtpHeader();
        rtp.parse(withExtension, 0, withExtension.length);
        rtp.parse(plain, 0, plain.length);
        assertFalse(rtp.extension());
        assertEquals(-1, rtp.extensionElementOffset(1));
        assertEquals(0, rtp.extensionProfile());
    }

    @Test
    void shouldWriteHeaderThatParsesBack() {
        RtpPacketWriter writer = new RtpPacketWriter(0xCAFEBABE, 26, 65535, 12345);
        byte[] packet = new byte[RtpPacketWriter.HEADER_LENGTH + 2];
        long ntp = NtpTime.fromEpochNanos(1_700_000_000_123_456_789L);
        int ts = writer.timestamp(1_700_000_000_123_456_789L);
        assertEquals(RtpPacketWriter.HEADER_LENGTH, writer.writeHeader(packet, 0, true, ts, ntp));
        assertEquals(0, writer.nextSequence());

        RtpHeader rtp = new RtpHeader().parse(packet, 0, packet.length);
        assertEquals(0xCAFEBABE, rtp.ssrc());
        assertEquals(26, rtp.payloadType());
        assertEquals(65535, rtp.sequence());
        assertEquals(ts, rtp.timestamp());
        assertTrue(rtp.marker());
        assertFalse(rtp.padding());
        assertEquals(0, rtp.csrcCount());
        assertEquals(RtpPacketWriter.HEADER_LENGTH, rtp.payloadOffset());
        assertEquals(8, rtp.extensionElementLength(AbsCaptureTime.ID));
        assertTrue(AbsCaptureTime.isPresent(rtp));
        assertEquals(1_700_000_000_123_456_789L, AbsCaptureTime.captureTimeNanos(rtp, 0));
    }

    @Test
    void shouldWriteAbsCaptureTimeInOneByteForm() {
        byte[] block = new byte[16];
        AbsCaptureTime.writeExtension(block, 0, 0x0102030405060708L);
        assertArrayEquals(bytes(0xBE, 0xDE, 0, 3, 0x17, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0), block);
    }

    @Test
    void shouldFallBackWhenAbsCaptureTimeIsMissing() {
        byte[] plain = bytes(0x80, 26, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 5);
        RtpHeader rtp = new RtpHeader().parse(plain, 0, plain.length);
        assertEquals(-7, AbsCaptureTime.captureTimeNanos(rtp, -7));
    }
}
