package dev.vc.codec.jpeg;

import java.util.ArrayList;
import java.util.List;

/** Splits a JPEG's header into marker segments (up to and including SOS) for structure assertions. */
final class JpegSegments {
    /** One marker segment: the marker byte (after 0xFF) and its payload without the length field. */
    record Segment(int marker, byte[] payload) {
        int u8(int index) {
            return payload[index] & 0xFF;
        }
    }

    private JpegSegments() {
    }

    static List<Segment> header(byte[] jpeg, int length) {
        List<Segment> segments = new ArrayList<>();
        if (length < 2 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new AssertionError("no SOI");
        }
        int at = 2;
        while (at + 4 <= length) {
            if ((jpeg[at] & 0xFF) != 0xFF) {
                throw new AssertionError("expected a marker at " + at);
            }
            int marker = jpeg[at + 1] & 0xFF;
            int size = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            byte[] payload = java.util.Arrays.copyOfRange(jpeg, at + 4, at + 2 + size);
            segments.add(new Segment(marker, payload));
            at += 2 + size;
            if (marker == 0xDA) {
                break;
            }
        }
        return segments;
    }

    /** @return whether the entropy-coded data after SOS contains a marker other than stuffing or EOI */
    static boolean hasMarkersAfterScan(byte[] jpeg, int length, int scanStart) {
        for (int i = scanStart; i + 1 < length - 2; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF) {
                int next = jpeg[i + 1] & 0xFF;
                if (next != 0x00 && next != 0xFF) {
                    return true;
                }
            }
        }
        return false;
    }
}
