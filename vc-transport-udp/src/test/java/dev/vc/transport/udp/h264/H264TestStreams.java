package dev.vc.transport.udp.h264;

import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtpPacketWriter;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Builds H.264 access units and their packets for tests; splits real byte streams into access units. */
public final class H264TestStreams {
    /** The SPS x264 writes for 320x240 baseline (profile-level-id 42c00d). */
    public static final byte[] SPS_320X240 = hex("6742c00dd90141fb0110000003001000000303c8f142a480");
    /** A PPS to go with it. */
    public static final byte[] PPS = hex("68cb83cb20");

    private H264TestStreams() {
    }

    /**
     * @param hex hex digits
     * @return the bytes
     */
    public static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /**
     * @param type   NAL unit type, 1..23
     * @param nri    nal_ref_idc, 0..3
     * @param size   total size including the header byte, at least 1
     * @param random payload source; payload bytes are 1..255, so no start code is emulated and none ends in 0
     * @return the NAL unit
     */
    public static byte[] nal(int type, int nri, int size, Random random) {
        byte[] nal = new byte[size];
        nal[0] = (byte) (nri << 5 | type);
        for (int i = 1; i < size; i++) {
            nal[i] = (byte) (1 + random.nextInt(255));
        }
        return nal;
    }

    /**
     * @param type           slice NAL unit type (1 or 5)
     * @param nri            nal_ref_idc, 0..3
     * @param size           total size including the header byte, at least 2
     * @param firstInPicture whether the slice header's first_mb_in_slice is 0 (the byte after the NAL header has
     *                       its top bit set, ue(v) 0 being the single bit 1) or later in the picture (top bit clear)
     * @param random         payload source, as {@link #nal}
     * @return the slice NAL unit
     */
    public static byte[] slice(int type, int nri, int size, boolean firstInPicture, Random random) {
        byte[] slice = nal(type, nri, size, random);
        slice[1] = (byte) (firstInPicture ? 0x80 | random.nextInt(128) : 1 + random.nextInt(127));
        return slice;
    }

    /**
     * @param nals NAL units
     * @return them as an Annex-B access unit with 4-byte start codes, the form the depacketizer writes
     */
    public static byte[] annexB(List<byte[]> nals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] nal : nals) {
            out.writeBytes(new byte[] {0, 0, 0, 1});
            out.writeBytes(nal);
        }
        return out.toByteArray();
    }

    /**
     * @param annexB           an access unit
     * @param mtu              largest packet
     * @param captureTimeNanos capture time
     * @param rtp              the stream's header writer
     * @return one copy per packet, in sending order
     */
    public static List<byte[]> packetize(byte[] annexB, int mtu, long captureTimeNanos, RtpPacketWriter rtp) {
        List<byte[]> packets = new ArrayList<>();
        new H264Packetizer(mtu).packetize(annexB, 0, annexB.length, captureTimeNanos, rtp,
                (packet, offset, length) -> packets.add(Arrays.copyOfRange(packet, offset, offset + length)));
        return packets;
    }

    /**
     * Rebuilds an access unit with a bare depacketizer, in the given order, vouching that nothing came before.
     *
     * @param packets RTP packets of one access unit
     * @return the Annex-B access unit, or null if the packets do not make a complete one
     */
    public static byte[] depacketize(List<byte[]> packets) {
        RtpHeader rtp = new RtpHeader();
        H264Depacketizer depacketizer = new H264Depacketizer();
        for (byte[] packet : packets) {
            depacketizer.add(rtp.parse(packet, 0, packet.length));
        }
        if (!depacketizer.isComplete()) {
            return null;
        }
        byte[] out = new byte[depacketizer.annexBLength()];
        depacketizer.writeAnnexB(out, 0);
        return out;
    }

    /**
     * Like {@link #depacketize}, for a sender that sets no marker bit: the last packet given ends the unit.
     *
     * @param packets RTP packets of one access unit
     * @return the Annex-B access unit, or null if the packets do not make a complete one
     */
    public static byte[] depacketizeWithEnd(List<byte[]> packets) {
        RtpHeader rtp = new RtpHeader();
        H264Depacketizer depacketizer = new H264Depacketizer();
        for (byte[] packet : packets) {
            depacketizer.add(rtp.parse(packet, 0, packet.length));
        }
        depacketizer.markEnd();
        if (!depacketizer.isComplete()) {
            return null;
        }
        byte[] out = new byte[depacketizer.annexBLength()];
        depacketizer.writeAnnexB(out, 0);
        return out;
    }

    /**
     * @param nal a NAL unit (header first)
     * @return its type
     */
    public static int type(byte[] nal) {
        return nal[0] & 0x1F;
    }

    /**
     * Splits an Annex-B byte stream into NAL units (without start codes).
     *
     * @param stream the byte stream
     * @return its NAL units
     */
    public static List<byte[]> nals(byte[] stream) {
        List<byte[]> nals = new ArrayList<>();
        int code = H264Packetizer.findStartCode(stream, 0, stream.length);
        while (code >= 0) {
            int start = code + 3;
            int next = H264Packetizer.findStartCode(stream, start, stream.length);
            int end = next < 0 ? stream.length : next;
            while (end > start && stream[end - 1] == 0) {
                end--;
            }
            if (end > start) {
                nals.add(Arrays.copyOfRange(stream, start, end));
            }
            code = next;
        }
        return nals;
    }

    /**
     * Splits a byte stream into access units (H.264 §7.4.1.2.3): a new one starts at an AUD, SPS, PPS or SEI
     * after a slice, or at a slice whose first_mb_in_slice is 0 (first bit of the slice header set).
     *
     * @param stream an encoder's Annex-B output
     * @return the access units, each Annex-B with 4-byte start codes
     */
    public static List<byte[]> accessUnits(byte[] stream) {
        List<byte[]> units = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        boolean sliceSeen = false;
        for (byte[] nal : nals(stream)) {
            int type = type(nal);
            boolean slice = type == 1 || type == 5;
            boolean startsNew = sliceSeen && ((type >= 6 && type <= 9) || (slice && (nal[1] & 0x80) != 0));
            if (startsNew) {
                units.add(annexB(current));
                current.clear();
                sliceSeen = false;
            }
            current.add(nal);
            sliceSeen |= slice;
        }
        if (!current.isEmpty()) {
            units.add(annexB(current));
        }
        return units;
    }
}
