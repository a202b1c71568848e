package dev.vc.transport.udp.rtcp;

import dev.vc.transport.udp.MalformedPacketException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TMMBR and TMMBN (RFC 5104 §4.2.1, §4.2.2): the bit rate's encoding, the packets, and what is malformed. */
class TmmbrTest {
    /** Records TMMBR and TMMBN entries as lines. */
    static final class Recorder implements RtcpHandler {
        final List<String> items = new ArrayList<>();

        @Override
        public void onTmmbr(int sender, int media, long maxBitrateBps, int overhead) {
            items.add("TMMBR " + Integer.toHexString(sender) + "->" + Integer.toHexString(media) + " " + maxBitrateBps
                    + " " + overhead);
        }

        @Override
        public void onTmmbn(int sender, int owner, long maxBitrateBps, int overhead) {
            items.add("TMMBN " + Integer.toHexString(sender) + " " + Integer.toHexString(owner) + " " + maxBitrateBps
                    + " " + overhead);
        }
    }

    @Property
    void shouldNeverRoundTheRateUpAndLoseLessThanOneMantissaStep(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long bps,
                                                                @ForAll @IntRange(min = 0, max = 511) int overhead) {
        int word = BitrateTuple.encode(bps, overhead);
        long decoded = BitrateTuple.bitrate(word);
        int exponent = word >>> 26;
        long mantissa = (word >>> 9) & BitrateTuple.MAX_MANTISSA;
        assertTrue(decoded <= bps, "rounded up: " + bps + " -> " + decoded);
        assertTrue(bps - decoded < (1L << exponent), "lost more than the exponent's step: " + bps + " -> " + decoded);
        assertEquals(overhead, BitrateTuple.overhead(word));
        // the smallest exponent: one less would not fit the mantissa (§4.2.1.1)
        assertTrue(exponent == 0 || mantissa > BitrateTuple.MAX_MANTISSA >> 1, "exponent not the smallest: " + word);
    }

    @Property
    void shouldBeExactBelowTheMantissasRange(@ForAll @IntRange(min = 0, max = BitrateTuple.MAX_MANTISSA) int bps) {
        assertEquals(bps, BitrateTuple.bitrate(BitrateTuple.encode(bps, 0)));
    }

    @Property
    void shouldDecodeEveryWordWithoutOverflow(@ForAll int word) {
        long bitrate = BitrateTuple.bitrate(word);
        int exponent = word >>> 26;
        long mantissa = (word >>> 9) & BitrateTuple.MAX_MANTISSA;
        if (exponent + 64 - Long.numberOfLeadingZeros(mantissa) < 64) {
            assertEquals(mantissa << exponent, bitrate);
        } else {
            assertEquals(Long.MAX_VALUE, bitrate, "a rate beyond a long is the largest long");
        }
        assertTrue(bitrate >= 0);
    }

    @Test
    void shouldWriteTheRfcsLayout() {
        // 1,500,000 bit/s: mantissa 93,750, exponent 4 (93,750 << 4 = 1,500,000), overhead 28
        int word = BitrateTuple.encode(1_500_000, 28);
        assertEquals(4, word >>> 26);
        assertEquals(93_750, (word >>> 9) & 0x1FFFF);
        assertEquals(28, word & 0x1FF);
        byte[] out = new byte[64];
        int end = RtcpWriter.tmmbr(out, 0, 0x76632d72, 0x1234, 1_500_000, 28);
        assertEquals(20, end);
        assertEquals(0x83, out[0] & 0xFF, "V=2, FMT=3");
        assertEquals(205, out[1] & 0xFF);
        assertEquals(4, out[3], "length in words minus one");
        assertEquals(0, out[8] | out[9] | out[10] | out[11], "media source 0 (§4.2.1.2)");
        assertThrows(IllegalArgumentException.class, () -> BitrateTuple.encode(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> BitrateTuple.encode(1, 512));
    }

    @Property
    void shouldRoundTripTmmbrAndTmmbnInACompound(@ForAll int relay, @ForAll int media,
                                                 @ForAll @LongRange(min = 0, max = 1L << 40) long bps,
                                                 @ForAll @IntRange(min = 0, max = 511) int overhead) {
        byte[] out = new byte[128];
        int end = RtcpWriter.receiverReport(out, 0, relay, 0);
        end = RtcpWriter.tmmbr(out, end, relay, media, bps, overhead);
        end = RtcpWriter.tmmbn(out, end, media, relay, bps, overhead);
        Recorder r = new Recorder();
        RtcpReader.read(out, 0, end, r);
        long rounded = BitrateTuple.bitrate(BitrateTuple.encode(bps, 0));
        assertEquals(List.of("TMMBR " + Integer.toHexString(relay) + "->" + Integer.toHexString(media) + " " + rounded
                        + " " + overhead,
                "TMMBN " + Integer.toHexString(media) + " " + Integer.toHexString(relay) + " " + rounded + " " + overhead),
                r.items);
    }

    @Test
    void shouldReadEveryEntryAndAnEmptyNotification() {
        byte[] out = new byte[64];
        int end = RtcpWriter.tmmbr(out, 0, 1, 2, 300_000, 0);
        out[3] = 6;                                   // grow to two entries
        System.arraycopy(out, 12, out, 20, 8);
        out[20 + 3] = 3;                              // the second for SSRC 3
        end = 28;
        Recorder r = new Recorder();
        RtcpReader.read(out, 0, end, r);
        assertEquals(List.of("TMMBR 1->2 300000 0", "TMMBR 1->3 300000 0"), r.items);

        RtcpWriter.tmmbn(out, 0, 2, 1, 0, 0);
        out[3] = 2;                                   // no FCI: an empty bounding set
        Recorder empty = new Recorder();
        RtcpReader.read(out, 0, 12, empty);
        assertEquals(List.of(), empty.items);
    }

    @Test
    void shouldRejectAnFciNotMadeOfEntriesAndARequestWithoutOne() {
        byte[] out = new byte[64];
        RtcpWriter.tmmbr(out, 0, 1, 2, 300_000, 0);
        out[3] = 3;                                   // 16 bytes: half an entry
        assertThrows(MalformedPacketException.class, () -> RtcpReader.read(out, 0, 16, new Recorder()));
        out[3] = 2;                                   // 12 bytes: a request with no entry
        assertThrows(MalformedPacketException.class, () -> RtcpReader.read(out, 0, 12, new Recorder()));
        out[0] = (byte) 0x84;                         // TMMBN, 16 bytes
        out[3] = 3;
        assertThrows(MalformedPacketException.class, () -> RtcpReader.read(out, 0, 16, new Recorder()));
    }
}
