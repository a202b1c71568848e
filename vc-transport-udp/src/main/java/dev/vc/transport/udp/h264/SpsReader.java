package dev.vc.transport.udp.h264;

import dev.vc.transport.udp.MalformedPacketException;

/**
 * Reads the picture size out of an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1): profile, the
 * chroma format of the high profiles (skipping scaling lists), the frame size in macroblocks, field coding and
 * the cropping rectangle. Emulation prevention bytes ({@code 00 00 03}) are skipped while reading.
 *
 * <p>Reused from SPS to SPS, allocates nothing; throws only {@link MalformedPacketException}.
 */
final class SpsReader {
    private byte[] data;
    private int at;
    private int end;
    private int bit;
    private int zeros;
    private int current;
    private int width;
    private int height;

    /**
     * @param nal    buffer holding the SPS NAL unit, header byte first
     * @param offset where it starts
     * @param length its length
     * @return this reader, with {@link #width()} and {@link #height()} set
     * @throws MalformedPacketException if the SPS is truncated or inconsistent
     */
    SpsReader parse(byte[] nal, int offset, int length) {
        data = nal;
        at = offset + 1;
        end = offset + length;
        bit = 8;
        zeros = 0;
        if (length < 4 || H264.type(nal[offset]) != H264.SPS) {
            throw new MalformedPacketException("not a sequence parameter set");
        }
        int profile = bits(8);
        bits(16); // constraint flags, level
        ue(); // seq_parameter_set_id
        int chromaFormat = 1;
        boolean separateColourPlane = false;
        if (profile == 100 || profile == 110 || profile == 122 || profile == 244 || profile == 44 || profile == 83
                || profile == 86 || profile == 118 || profile == 128 || profile == 138 || profile == 139
                || profile == 134 || profile == 135) {
            chromaFormat = ue();
            if (chromaFormat > 3) {
                throw new MalformedPacketException("SPS chroma_format_idc " + chromaFormat);
            }
            if (chromaFormat == 3) {
                separateColourPlane = bits(1) == 1;
            }
            ue(); // bit_depth_luma_minus8
            ue(); // bit_depth_chroma_minus8
            bits(1); // qpprime_y_zero_transform_bypass_flag
            if (bits(1) == 1) { // seq_scaling_matrix_present_flag
                for (int i = 0; i < (chromaFormat == 3 ? 12 : 8); i++) {
                    if (bits(1) == 1) {
                        skipScalingList(i < 6 ? 16 : 64);
                    }
                }
            }
        }
        ue(); // log2_max_frame_num_minus4
        int pocType = ue();
        if (pocType == 0) {
            ue();
        } else if (pocType == 1) {
            bits(1);
            se();
            se();
            int cycle = ue();
            if (cycle > 255) {
                throw new MalformedPacketException("SPS num_ref_frames_in_pic_order_cnt_cycle " + cycle);
            }
            for (int i = 0; i < cycle; i++) {
                se();
            }
        } else if (pocType != 2) {
            throw new MalformedPacketException("SPS pic_order_cnt_type " + pocType);
        }
        ue(); // max_num_ref_frames
        bits(1); // gaps_in_frame_num_value_allowed_flag
        int widthMbs = ue() + 1;
        int heightMapUnits = ue() + 1;
        int frameMbsOnly = bits(1);
        if (frameMbsOnly == 0) {
            bits(1); // mb_adaptive_frame_field_flag
        }
        bits(1); // direct_8x8_inference_flag
        long w = 16L * widthMbs;
        long h = 16L * heightMapUnits * (2 - frameMbsOnly);
        if (bits(1) == 1) { // frame_cropping_flag
            int chromaArrayType = separateColourPlane ? 0 : chromaFormat;
            int cropX = chromaArrayType == 0 || chromaArrayType == 3 ? 1 : 2;
            int cropY = (chromaArrayType == 1 ? 2 : 1) * (2 - frameMbsOnly);
            long left = ue();
            long right = ue();
            long top = ue();
            long bottom = ue();
            w -= cropX * (left + right);
            h -= cropY * (top + bottom);
        }
        if (w <= 0 || h <= 0 || w > 65_535 || h > 65_535) {
            throw new MalformedPacketException("SPS picture size " + w + "x" + h);
        }
        width = (int) w;
        height = (int) h;
        return this;
    }

    /** @return the cropped picture width in pixels */
    int width() {
        return width;
    }

    /** @return the cropped picture height in pixels */
    int height() {
        return height;
    }

    private void skipScalingList(int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                next = (last + se() + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }

    private int ue() {
        int leadingZeros = 0;
        while (bits(1) == 0) {
            if (++leadingZeros > 31) {
                throw new MalformedPacketException("SPS: Exp-Golomb code longer than 32 bits");
            }
        }
        return leadingZeros == 0 ? 0 : (int) ((1L << leadingZeros) - 1 + bits(leadingZeros));
    }

    private int se() {
        int k = ue();
        return (k & 1) == 1 ? (k + 1) >>> 1 : -(k >>> 1);
    }

    /** Reads {@code n <= 31} bits, most significant first. */
    private int bits(int n) {
        int value = 0;
        for (int i = 0; i < n; i++) {
            if (bit == 8) {
                nextByte();
            }
            value = value << 1 | (current >>> (7 - bit)) & 1;
            bit++;
        }
        return value;
    }

    private void nextByte() {
        if (at >= end) {
            throw new MalformedPacketException("SPS truncated");
        }
        int b = data[at++] & 0xFF;
        if (zeros >= 2 && b == 3) { // emulation_prevention_three_byte
            zeros = 0;
            if (at >= end) {
                throw new MalformedPacketException("SPS truncated");
            }
            b = data[at++] & 0xFF;
        }
        zeros = b == 0 ? zeros + 1 : 0;
        current = b;
        bit = 0;
    }
}
