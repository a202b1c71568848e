package dev.vc.transport.udp.rtp;

import dev.vc.transport.udp.internal.Bytes;

/**
 * The WebRTC absolute capture time header extension
 * ({@value #URI}): the 64-bit NTP time at which the frame was captured, carried in every packet of the frame
 * so a receiver can measure capture-to-render latency end to end.
 *
 * <p>vc sends it in the RFC 8285 one-byte form with ID {@value #ID} and 8 data bytes (the optional estimated
 * capture clock offset is not sent); as the only element, the extension block is 16 bytes:
 *
 * <pre>
 *  0xBE 0xDE | length = 3 (words) | 0x17 (ID 1, L = 7) | 8 bytes NTP time | 3 bytes padding (0)
 * </pre>
 *
 * <pre>{@code
 * int n = AbsCaptureTime.writeExtension(packet, 12, NtpTime.fromEpochNanos(frame.captureTimeNanos()));
 * ...
 * long capture = AbsCaptureTime.captureTimeNanos(rtpHeader, 0L);
 * }</pre>
 */
public final class AbsCaptureTime {
    /** The extension's URI, as negotiated in SDP {@code a=extmap}. */
    public static final String URI = "http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time";
    /** The one-byte-form element ID vc uses. */
    public static final int ID = 1;
    /** Data bytes of the element: the 64-bit NTP capture timestamp. */
    public static final int DATA_LENGTH = 8;
    /** Bytes the whole extension block takes after the CSRC list: 4 header + 1 + 8 + 3 padding. */
    public static final int EXTENSION_LENGTH = 16;

    private AbsCaptureTime() {
    }

    /**
     * Writes the complete header extension block (profile 0xBEDE, length, the element, padding). The caller
     * sets the X bit of the fixed header.
     *
     * @param buffer  destination
     * @param offset  where the block starts (right after the fixed header and CSRC list)
     * @param ntpTime the capture time as an NTP timestamp ({@link NtpTime#fromEpochNanos})
     * @return {@value #EXTENSION_LENGTH}, the bytes written
     */
    public static int writeExtension(byte[] buffer, int offset, long ntpTime) {
        Bytes.put16(buffer, offset, RtpHeader.ONE_BYTE_EXTENSION_PROFILE);
        Bytes.put16(buffer, offset + 2, (EXTENSION_LENGTH - 4) / 4);
        buffer[offset + 4] = (byte) (ID << 4 | (DATA_LENGTH - 1));
        Bytes.put64(buffer, offset + 5, ntpTime);
        buffer[offset + 13] = 0;
        buffer[offset + 14] = 0;
        buffer[offset + 15] = 0;
        return EXTENSION_LENGTH;
    }

    /**
     * @param header a parsed packet
     * @return whether it carries an abs-capture-time element (ID {@value #ID}, at least 8 bytes)
     */
    public static boolean isPresent(RtpHeader header) {
        return header.extensionElementLength(ID) >= DATA_LENGTH;
    }

    /**
     * @param header   a parsed packet
     * @param fallback what to return if the packet has no abs-capture-time element
     * @return the capture time in epoch nanoseconds, or {@code fallback}
     */
    public static long captureTimeNanos(RtpHeader header, long fallback) {
        if (!isPresent(header)) {
            return fallback;
        }
        return NtpTime.toEpochNanos(Bytes.i64(header.buffer(), header.extensionElementOffset(ID)));
    }
}
