package dev.vc.transport.udp.rtp;

import dev.vc.api.RtxSsrc;
import dev.vc.transport.udp.cc.TransportSequenceNumber;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Probes on an RTX stream (RFC 4588, as libwebrtc sends its padding): padding-only packets on the RTX SSRC with the
 * RTX payload type and no OSN, numbered by the counter the stream's retransmissions use.
 */
class RtxPaddingTest {
    private static final int MEDIA_SSRC = 0x2468_ACE0;

    @Test
    void shouldWritePaddingOnlyOnTheRtxSsrcWithoutAnOsn() {
        RtxPacketWriter rtx = new RtxPacketWriter(RtxSsrc.of(MEDIA_SSRC), 65535);
        byte[] packet = new byte[PaddingPacketWriter.MAX_LENGTH + 5];
        int n = rtx.padding(97, 0x1122_3344, 200, packet, 5);
        assertEquals(PaddingPacketWriter.HEADER_LENGTH + 200, n);

        RtpHeader header = new RtpHeader().parse(packet, 5, n);
        assertTrue(header.paddingOnly(), "P set, nothing after the padding");
        assertEquals(200, header.paddingLength(), "the last byte counts the padding");
        assertEquals(RtxSsrc.of(MEDIA_SSRC), header.ssrc());
        assertEquals(MEDIA_SSRC, RtxSsrc.mediaOf(header.ssrc()));
        assertEquals(97, header.payloadType());
        assertEquals(96, RtxPacket.associatedPayloadType(header.payloadType()));
        assertEquals(65535, header.sequence());
        assertEquals(0x1122_3344, header.timestamp());
        assertEquals(-1, RtxPacket.originalSequence(header), "no OSN: nothing is retransmitted");
        assertEquals(0, TransportSequenceNumber.find(packet, 5, n, TransportSequenceNumber.DEFAULT_ID),
                "a transport-wide number for the sender to stamp");
        assertEquals(0, rtx.nextSequence(), "the counter wrapped");
    }

    @Test
    void shouldNumberProbesAndRetransmissionsInOneSequence() {
        RtxPacketWriter rtx = new RtxPacketWriter(RtxSsrc.of(MEDIA_SSRC), 1000);
        byte[] original = new byte[40];
        new RtpPacketWriter(MEDIA_SSRC, 96, 77, 0).writeHeader(original, 0, false, 0, 0);
        byte[] out = new byte[PaddingPacketWriter.MAX_LENGTH];
        RtpHeader header = new RtpHeader();

        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i % 2 == 0 ? rtx.wrap(original, 0, original.length, out, 0)
                    : rtx.padding(97, 0, PaddingPacketWriter.MAX_PADDING, out, 0);
            header.parse(out, 0, n);
            assertEquals(RtxSsrc.of(MEDIA_SSRC), header.ssrc());
            assertEquals(i % 2 == 1, header.paddingOnly());
            numbers.add(header.sequence());
        }
        assertEquals(List.of(1000, 1001, 1002, 1003), numbers, "one sequence space, so one SRTP index each");
    }

    @Test
    void shouldGiveEveryPacketItsOwnNumberWhenTwoThreadsShareTheStream() throws Exception {
        RtxPacketWriter rtx = new RtxPacketWriter(RtxSsrc.of(MEDIA_SSRC), 0);
        int each = 20_000;
        int[][] seen = new int[2][each];
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int me = t;
            threads[t] = new Thread(() -> {
                byte[] out = new byte[PaddingPacketWriter.MAX_LENGTH];
                byte[] original = new byte[40];
                new RtpPacketWriter(MEDIA_SSRC, 96, 0, 0).writeHeader(original, 0, false, 0, 0);
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < each; i++) {                    // a receive thread's RTX, a send thread's probes
                    if (me == 0) {
                        rtx.wrap(original, 0, original.length, out, 0);
                    } else {
                        rtx.padding(97, 0, 1, out, 0);
                    }
                    seen[me][i] = (out[2] & 0xFF) << 8 | out[3] & 0xFF;
                }
            });
            threads[t].start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        Set<Integer> numbers = new HashSet<>();
        for (int[] one : seen) {
            for (int number : one) {
                numbers.add(number);
            }
        }
        assertEquals(2 * each, numbers.size(), "no number taken twice");
        assertEquals(2 * each & 0xFFFF, rtx.nextSequence());
    }

    @Test
    void shouldRefusePaddingTheCountByteCannotSayAndKeepItsNumber() {
        RtxPacketWriter rtx = new RtxPacketWriter(RtxSsrc.of(MEDIA_SSRC), 5);
        byte[] out = new byte[PaddingPacketWriter.MAX_LENGTH + 1];
        assertThrows(IllegalArgumentException.class, () -> rtx.padding(97, 0, 256, out, 0));
        assertEquals(5, rtx.nextSequence());
    }
}
