package dev.vc.transport.udp.cc;

import dev.vc.transport.udp.MalformedPacketException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Feedback messages built by hand from the layout of draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1:
 * the reader reports what they say, the writer writes exactly these bytes, and malformed variants are refused.
 */
class TransportFeedbackKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Three packets received with small deltas: one run-length chunk; 25 bytes padded to 28 (P bit, count 3). */
    private static final byte[] RUN_LENGTH = HEX.parseHex(
            "af cd 0006 00000001 00000002 0064 0003 00000a 05 2003 04 08 00 00 00 03".replace(" ", ""));

    /** Base 65530, 14 statuses R N R R N N R R R R R R R R: one one-bit status vector chunk, 11 deltas. */
    private static final byte[] ONE_BIT_VECTOR = HEX.parseHex(
            ("af cd 0008 00000001 00000002 fffa 000e 000000 00 acff"
                    + " 00 01 02 03 04 05 06 07 08 09 0a 00 00 03").replace(" ", ""));

    /** Seven statuses small, large (negative), N, small, small, N, small: one two-bit vector; no padding. */
    private static final byte[] TWO_BIT_VECTOR = HEX.parseHex(
            "8f cd 0006 0000000a 0000000b 1234 0007 ffffff 07 d851 10 fff8 04 04 08".replace(" ", ""));

    @Test
    void shouldReadARunLengthChunk() {
        CapturedFeedback read = CapturedFeedback.read(RUN_LENGTH, 0, RUN_LENGTH.length);
        assertEquals(1, read.senderSsrc);
        assertEquals(2, read.mediaSsrc);
        assertEquals(100, read.baseSequence);
        assertEquals(3, read.statusCount);
        assertEquals(10, read.referenceTime);
        assertEquals(5, read.feedbackPacketCount);
        assertEquals(java.util.List.of(100, 101, 102), read.sequences);
        long ref = 10 * 64_000L;
        assertEquals(java.util.List.of(ref + 1_000, ref + 3_000, ref + 3_000), read.arrivals);
    }

    @Test
    void shouldWriteTheRunLengthChunkByteForByte() {
        TransportFeedbackWriter writer = new TransportFeedbackWriter(1200);
        long ref = 10 * 64_000L;
        writer.begin(1, 2, 100, ref + 1_000, 5);
        writer.addReceived(100, ref + 1_000);
        writer.addReceived(101, ref + 3_000);
        writer.addReceived(102, ref + 3_000);
        assertArrayEquals(RUN_LENGTH, written(writer));
    }

    @Test
    void shouldReadAOneBitStatusVectorAcrossTheSequenceWrap() {
        CapturedFeedback read = CapturedFeedback.read(ONE_BIT_VECTOR, 0, ONE_BIT_VECTOR.length);
        assertEquals(14, read.statusCount);
        assertEquals(java.util.List.of(65530, 65531, 65532, 65533, 65534, 65535, 0, 1, 2, 3, 4, 5, 6, 7),
                read.sequences);
        Long[] expected = {0L, null, 250L, 750L, null, null, 1500L, 2500L, 3750L, 5250L, 7000L, 9000L, 11250L,
                13750L};
        assertEquals(Arrays.asList(expected), read.arrivals);
    }

    @Test
    void shouldWriteTheOneBitStatusVectorByteForByte() {
        TransportFeedbackWriter writer = new TransportFeedbackWriter(1200);
        writer.begin(1, 2, 65530, 0, 0);
        long[] arrivals = {0, -1, 250, 750, -1, -1, 1500, 2500, 3750, 5250, 7000, 9000, 11250, 13750};
        for (int i = 0; i < arrivals.length; i++) {
            if (arrivals[i] >= 0) {
                writer.addReceived((65530 + i) & 0xFFFF, arrivals[i]);
            }
        }
        assertArrayEquals(ONE_BIT_VECTOR, written(writer));
    }

    @Test
    void shouldReadATwoBitStatusVectorWithANegativeDelta() {
        CapturedFeedback read = CapturedFeedback.read(TWO_BIT_VECTOR, 0, TWO_BIT_VECTOR.length);
        assertEquals(0x1234, read.baseSequence);
        assertEquals(0xFFFFFF, read.referenceTime, "24-bit reference time, all ones");
        assertEquals(7, read.feedbackPacketCount);
        long ref = 0xFFFFFFL * 64_000;
        Long[] expected = {ref + 4_000, ref + 2_000, null, ref + 3_000, ref + 4_000, null, ref + 6_000};
        assertEquals(Arrays.asList(expected), read.arrivals);
    }

    @Test
    void shouldWriteTheTwoBitStatusVectorByteForByte() {
        TransportFeedbackWriter writer = new TransportFeedbackWriter(1200);
        long ref = 0xFFFFFFL * 64_000;
        writer.begin(10, 11, 0x1234, ref + 4_000, 7);
        writer.addReceived(0x1234, ref + 4_000);
        writer.addReceived(0x1235, ref + 2_000);
        writer.addReceived(0x1237, ref + 3_000);
        writer.addReceived(0x1238, ref + 4_000);
        writer.addReceived(0x123A, ref + 6_000);
        assertArrayEquals(TWO_BIT_VECTOR, written(writer));
    }

    @Test
    void shouldDecodeTheDraftsExampleChunks() {
        // §3.1.3: "0 01 0000011011101" = 221 packets received with small deltas.
        byte[] run = message(new int[] {0x20DD}, 221, new byte[221]);
        CapturedFeedback read = CapturedFeedback.read(run, 0, run.length);
        assertEquals(221, read.arrivals.stream().filter(a -> a != null).count());
        // §3.1.4: "1 0 11100101111100" = one-bit symbols R R R N N R N R R R R R N N.
        byte[] vector = message(new int[] {0xB97C}, 14, new byte[9]);
        read = CapturedFeedback.read(vector, 0, vector.length);
        StringBuilder pattern = new StringBuilder();
        for (Long a : read.arrivals) {
            pattern.append(a == null ? 'N' : 'R');
        }
        assertEquals("RRRNNRNRRRRRNN", pattern.toString());
    }

    @Test
    void shouldTakeOnlyTheAnnouncedStatusesFromTheLastChunk() {
        // A run of 8191 announced, but the status count says 2.
        byte[] m = message(new int[] {0x3FFF}, 2, new byte[2]);
        assertEquals(2, CapturedFeedback.read(m, 0, m.length).sequences.size());
    }

    @Test
    void shouldRefuseMalformedFeedbackBeforeReportingAnything() {
        CapturedFeedback none = new CapturedFeedback();
        byte[] emptyCount = message(new int[] {0x2001}, 0, new byte[1]);
        assertThrows(MalformedPacketException.class, () -> TransportFeedbackReader.read(emptyCount, 0,
                emptyCount.length, none));
        byte[] reserved = message(new int[] {0x6001}, 1, new byte[2]);      // run of symbol 3
        assertThrows(MalformedPacketException.class, () -> TransportFeedbackReader.read(reserved, 0,
                reserved.length, none));
        byte[] reservedInVector = message(new int[] {0xF000}, 7, new byte[2]);
        assertThrows(MalformedPacketException.class, () -> TransportFeedbackReader.read(reservedInVector, 0,
                reservedInVector.length, none));
        byte[] deltasMissing = message(new int[] {0x2010}, 16, new byte[4]); // 16 deltas announced, 4 present
        assertThrows(MalformedPacketException.class, () -> TransportFeedbackReader.read(deltasMissing, 0,
                deltasMissing.length, none));
        byte[] chunksMissing = message(new int[] {0x2002}, 9, new byte[2]);  // 9 statuses, one chunk of 2
        assertThrows(MalformedPacketException.class, () -> TransportFeedbackReader.read(chunksMissing, 0,
                chunksMissing.length, none));
        byte[] nack = RUN_LENGTH.clone();
        nack[0] = (byte) 0xA1;                                               // FMT 1
        assertThrows(MalformedPacketException.class, () -> TransportFeedbackReader.read(nack, 0, nack.length,
                none));
        byte[] badPadding = RUN_LENGTH.clone();
        badPadding[badPadding.length - 1] = (byte) 200;
        assertThrows(MalformedPacketException.class, () -> TransportFeedbackReader.read(badPadding, 0,
                badPadding.length, none));
        assertThrows(MalformedPacketException.class, () -> TransportFeedbackReader.read(RUN_LENGTH, 0,
                RUN_LENGTH.length - 4, none), "length field past the bytes given");
        assertEquals(0, none.messages, "nothing reported for a malformed message");
        assertNull(none.arrivals.isEmpty() ? null : none.arrivals.get(0));
    }

    private static byte[] written(TransportFeedbackWriter writer) {
        byte[] out = new byte[writer.length()];
        assertEquals(out.length, writer.write(out, 0));
        return out;
    }

    /** A message with the given chunks, status count and delta bytes, zero-padded (no P bit). */
    private static byte[] message(int[] chunks, int statusCount, byte[] deltas) {
        int unpadded = TransportFeedback.HEADER_LENGTH + 2 * chunks.length + deltas.length;
        byte[] m = new byte[(unpadded + 3) & ~3];
        m[0] = (byte) 0x8F;
        m[1] = (byte) 205;
        Wire.put16(m, 2, m.length / 4 - 1);
        Wire.put16(m, 12, 7);
        Wire.put16(m, 14, statusCount);
        for (int i = 0; i < chunks.length; i++) {
            Wire.put16(m, 20 + 2 * i, chunks[i]);
        }
        System.arraycopy(deltas, 0, m, 20 + 2 * chunks.length, deltas.length);
        return m;
    }
}
