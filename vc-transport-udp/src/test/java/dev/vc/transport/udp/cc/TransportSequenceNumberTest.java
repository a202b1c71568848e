package dev.vc.transport.udp.cc;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransportSequenceNumberTest {
    private static byte[] rtpHeader(int csrcs, int extensionBytes) {
        byte[] packet = new byte[12 + 4 * csrcs + extensionBytes + 20];
        packet[0] = (byte) (0x90 | csrcs);              // V=2, X=1
        packet[1] = 96;
        return packet;
    }

    @Test
    void shouldWriteTheOneByteBlockAndFindItAgain() {
        byte[] packet = rtpHeader(0, TransportSequenceNumber.EXTENSION_LENGTH);
        assertEquals(8, TransportSequenceNumber.writeExtension(packet, 12, 3, 0xBEEF));
        assertEquals("bede000131beef00", java.util.HexFormat.of().formatHex(packet, 12, 20));
        assertEquals(0xBEEF, TransportSequenceNumber.find(packet, 0, packet.length, 3));
        assertEquals(TransportSequenceNumber.ABSENT, TransportSequenceNumber.find(packet, 0, packet.length, 4));
    }

    @Test
    void shouldFindTheElementBehindOthersAndCsrcs() {
        byte[] packet = rtpHeader(2, 20);
        int at = 12 + 8;
        Wire.put16(packet, at, 0xBEDE);
        Wire.put16(packet, at + 2, 4);                  // 16 bytes of elements
        packet[at + 4] = 0x17;                          // abs-capture-time, ID 1, 8 bytes
        packet[at + 13] = 0;                            // padding between elements
        TransportSequenceNumber.writeElement(packet, at + 14, 2, 65535);
        assertEquals(65535, TransportSequenceNumber.find(packet, 0, packet.length, 2));
    }

    @Test
    void shouldReadTheTwoByteForm() {
        byte[] packet = rtpHeader(0, 8);
        Wire.put16(packet, 12, 0x1000);
        Wire.put16(packet, 14, 1);
        packet[16] = 5;
        packet[17] = 2;
        Wire.put16(packet, 18, 4242);
        assertEquals(4242, TransportSequenceNumber.find(packet, 0, packet.length, 5));
    }

    @Test
    void shouldNotFindItWithoutAnExtension() {
        byte[] packet = rtpHeader(0, 8);
        TransportSequenceNumber.writeExtension(packet, 12, 3, 7);
        packet[0] = (byte) 0x80;                        // X bit clear
        assertEquals(TransportSequenceNumber.ABSENT, TransportSequenceNumber.find(packet, 0, packet.length, 3));
    }

    @Property(tries = 2000)
    void neverThrowsOnGarbage(@ForAll @Size(max = 64) byte[] bytes, @ForAll @IntRange(min = 1, max = 14) int id) {
        if (bytes.length > 0) {
            bytes[0] = (byte) (0x90 | (bytes[0] & 0x0F));
        }
        int seq = TransportSequenceNumber.find(bytes, 0, bytes.length, id);
        assertTrue(seq == TransportSequenceNumber.ABSENT || (seq >= 0 && seq <= 65535));
    }
}
