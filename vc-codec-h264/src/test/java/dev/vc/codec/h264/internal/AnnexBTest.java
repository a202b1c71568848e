package dev.vc.codec.h264.internal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnnexBTest {
    @Test
    void shouldSplitThreeAndFourByteStartCodes() {
        byte[] stream = {0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 0, 1, 0x65, 4, 5, 6};
        List<byte[]> nals = split(stream);
        assertEquals(3, nals.size());
        assertArrayEquals(new byte[] {0x67, 1, 2}, nals.get(0));
        assertArrayEquals(new byte[] {0x68, 3}, nals.get(1));
        assertArrayEquals(new byte[] {0x65, 4, 5, 6}, nals.get(2));
        assertTrue(AnnexB.containsNalType(stream, 0, stream.length, AnnexB.NAL_IDR));
        assertFalse(AnnexB.containsNalType(stream, 0, stream.length, AnnexB.NAL_SLICE));
    }

    @Test
    void shouldTellTheFirstSlicesTypeWithoutLookingFurther() {
        byte[] idr = {0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 0, 1, 0x65, 4, 5, 6};
        byte[] predicted = {0, 0, 0, 1, 0x41, 9, 9, 0, 0, 1, 0x65, 4};   // an IDR NAL after the first slice
        byte[] parametersOnly = {0, 0, 1, 0x67, 1, 0, 0, 1, 0x68, 2};
        assertEquals(AnnexB.NAL_IDR, AnnexB.firstSliceType(idr, 0, idr.length));
        assertEquals(AnnexB.NAL_SLICE, AnnexB.firstSliceType(predicted, 0, predicted.length));
        assertEquals(-1, AnnexB.firstSliceType(parametersOnly, 0, parametersOnly.length));
        assertEquals(-1, AnnexB.firstSliceType(new byte[0], 0, 0));
        assertEquals(AnnexB.NAL_IDR, AnnexB.firstSliceType(idr, 11, idr.length - 11), "from an offset");
    }

    @Test
    void shouldFindNothingWithoutAStartCode() {
        byte[] noise = {1, 2, 3, 0, 0, 2, 0, 0};
        assertEquals(0, AnnexB.forEachNal(noise, 0, noise.length, (d, s, e) -> { }));
        assertEquals(0, AnnexB.forEachNal(new byte[0], 0, 0, (d, s, e) -> { }));
    }

    /** Emulation-prevented NAL units (no 00 00 0x with x < 4 inside, no trailing zero) survive a round trip. */
    @Property(tries = 500)
    void shouldRecoverTheNalUnitsJoinedWithStartCodes(@ForAll @Size(min = 1, max = 8) List<@Size(min = 1,
            max = 64) List<Byte>> units) {
        List<byte[]> expected = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (List<Byte> unit : units) {
            ByteArrayOutputStream nal = new ByteArrayOutputStream();
            nal.write(0x41);
            int zeros = 0;
            for (byte b : unit) {
                if (zeros >= 2 && (b & 0xff) <= 3) {
                    nal.write(3);
                    zeros = 0;
                }
                nal.write(b);
                zeros = b == 0 ? zeros + 1 : 0;
            }
            if (zeros > 0) {
                nal.write(0x80);          // rbsp_stop_one_bit: a NAL unit never ends in a zero byte
            }
            byte[] bytes = nal.toByteArray();
            expected.add(bytes);
            stream.writeBytes(new byte[] {0, 0, 0, 1});
            stream.writeBytes(bytes);
        }
        List<byte[]> actual = split(stream.toByteArray());
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "NAL " + i);
        }
    }

    private static List<byte[]> split(byte[] stream) {
        List<byte[]> nals = new ArrayList<>();
        AnnexB.forEachNal(stream, 0, stream.length, (d, s, e) -> nals.add(Arrays.copyOfRange(d, s, e)));
        return nals;
    }
}
