package dev.vc.transport.udp.h264;

import dev.vc.transport.udp.MalformedPacketException;

import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * The sequence and picture parameter sets (SPS, PPS) of an H.264 stream, as SDP describes them
 * (RFC 6184 §8.1): {@code profile-level-id} from the SPS's profile, constraint flags and level, and
 * {@code sprop-parameter-sets} as the base64 of both NAL units.
 *
 * <pre>{@code
 * H264ParameterSets sets = H264ParameterSets.find(keyframe.data(), 0, keyframe.length());
 * if (sets != null) {
 *     String fmtp = "profile-level-id=" + sets.profileLevelId() + ";sprop-parameter-sets=" + sets.spropParameterSets();
 *     int width = sets.width();
 * }
 * }</pre>
 *
 * <p>Immutable; the byte arrays are copied in and out.
 */
public final class H264ParameterSets {
    private final byte[] sps;
    private final byte[] pps;
    private final int width;
    private final int height;

    /**
     * @param sps the SPS NAL unit, header byte first, without start code
     * @param pps the PPS NAL unit, header byte first, without start code
     * @throws IllegalArgumentException if they are not an SPS and a PPS, or the SPS cannot be read
     */
    public H264ParameterSets(byte[] sps, byte[] pps) {
        if (sps == null || sps.length < 4 || H264.type(sps[0]) != H264.SPS) {
            throw new IllegalArgumentException("not an SPS NAL unit");
        }
        if (pps == null || pps.length < 2 || H264.type(pps[0]) != H264.PPS) {
            throw new IllegalArgumentException("not a PPS NAL unit");
        }
        SpsReader reader = new SpsReader();
        try {
            reader.parse(sps, 0, sps.length);
        } catch (MalformedPacketException e) {
            throw new IllegalArgumentException("unreadable SPS: " + e.getMessage(), e);
        }
        this.sps = sps.clone();
        this.pps = pps.clone();
        this.width = reader.width();
        this.height = reader.height();
    }

    /**
     * Finds the first SPS and the first PPS in an Annex-B byte stream (a keyframe's access unit, or a whole
     * {@code .h264} file).
     *
     * @param annexB buffer
     * @param offset where the byte stream starts
     * @param length its length
     * @return the parameter sets, or null if the stream lacks an SPS or a PPS
     * @throws IllegalArgumentException if the SPS found cannot be read
     */
    public static H264ParameterSets find(byte[] annexB, int offset, int length) {
        byte[] sps = null;
        byte[] pps = null;
        int end = offset + length;
        int code = H264Packetizer.findStartCode(annexB, offset, end);
        while (code >= 0 && (sps == null || pps == null)) {
            int start = code + 3;
            int next = H264Packetizer.findStartCode(annexB, start, end);
            int stop = next < 0 ? end : next;
            while (stop > start && annexB[stop - 1] == 0) {
                stop--;
            }
            if (stop > start) {
                int type = H264.type(annexB[start]);
                if (type == H264.SPS && sps == null) {
                    sps = Arrays.copyOfRange(annexB, start, stop);
                } else if (type == H264.PPS && pps == null) {
                    pps = Arrays.copyOfRange(annexB, start, stop);
                }
            }
            code = next;
        }
        return sps == null || pps == null ? null : new H264ParameterSets(sps, pps);
    }

    /** @return a copy of the SPS NAL unit */
    public byte[] sps() {
        return sps.clone();
    }

    /** @return a copy of the PPS NAL unit */
    public byte[] pps() {
        return pps.clone();
    }

    /** @return {@code profile_idc}, the constraint flags and {@code level_idc} as six hex digits, e.g. 42c00d */
    public String profileLevelId() {
        return String.format(Locale.ROOT, "%02x%02x%02x", sps[1] & 0xFF, sps[2] & 0xFF, sps[3] & 0xFF);
    }

    /** @return base64 of the SPS, a comma, base64 of the PPS: the value of {@code sprop-parameter-sets} */
    public String spropParameterSets() {
        Base64.Encoder base64 = Base64.getEncoder();
        return base64.encodeToString(sps) + "," + base64.encodeToString(pps);
    }

    /** @return the picture width in pixels the SPS declares (after cropping) */
    public int width() {
        return width;
    }

    /** @return the picture height in pixels the SPS declares (after cropping) */
    public int height() {
        return height;
    }

    @Override
    public String toString() {
        return "H264ParameterSets[" + profileLevelId() + " " + width + "x" + height + "]";
    }
}
