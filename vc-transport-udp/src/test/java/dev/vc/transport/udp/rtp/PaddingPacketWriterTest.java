package dev.vc.transport.udp.rtp;

import dev.vc.transport.udp.cc.TransportSequenceNumber;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Padding-only packets: what a receiver parses of them, and that writing them allocates nothing. */
class PaddingPacketWriterTest {
    @Test
    void shouldWriteAPacketOfPaddingOnlyWithTheTransportSequenceNumber() {
        byte[] packet = new byte[PaddingPacketWriter.MAX_LENGTH + 3];
        int n = PaddingPacketWriter.write(packet, 3, 96, 65535, 0x1234_5678, 0x76632d72, 4242, 255);
        assertEquals(PaddingPacketWriter.MAX_LENGTH, n);

        RtpHeader header = new RtpHeader().parse(packet, 3, n);
        assertTrue(header.padding() && header.extension());
        assertTrue(header.paddingOnly());
        assertEquals(0, header.payloadLength());
        assertEquals(255, header.paddingLength());
        assertEquals(96, header.payloadType());
        assertEquals(65535, header.sequence());
        assertEquals(0x1234_5678, header.timestamp());
        assertEquals(0x76632d72, header.ssrc());
        assertEquals(4242, TransportSequenceNumber.find(packet, 3, n, TransportSequenceNumber.DEFAULT_ID));
    }

    @Test
    void shouldTellMediaWithPaddingFromPaddingOnly() {
        byte[] packet = new byte[64];
        new RtpPacketWriter(1, 96, 0, 0).writeHeader(packet, 0, true, 0, 0);
        int n = RtpPacketWriter.HEADER_LENGTH + 4 + 4;             // 4 bytes of payload, then 4 of padding
        packet[0] |= 0x20;
        packet[n - 1] = 4;
        RtpHeader header = new RtpHeader().parse(packet, 0, n);
        assertEquals(4, header.payloadLength());
        assertFalse(header.paddingOnly(), "media that happens to be padded");
    }

    @Test
    void shouldRefusePaddingThatTheCountByteCannotSay() {
        byte[] packet = new byte[400];
        assertThrows(IllegalArgumentException.class, () -> PaddingPacketWriter.write(packet, 0, 96, 0, 0, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> PaddingPacketWriter.write(packet, 0, 96, 0, 0, 1, 0, 256));
    }

    @Test
    void shouldAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] packet = new byte[PaddingPacketWriter.MAX_LENGTH];
        long allocated = 0;
        for (int round = 0; round < 3; round++) {                   // the first rounds warm up
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < 100_000; i++) {
                PaddingPacketWriter.write(packet, 0, 96, i & 0xFFFF, i, 7, i & 0xFFFF, 1 + (i & 0x7F));
            }
            allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        }
        assertTrue(allocated < 4_096, "allocated " + allocated + " B");
    }
}
