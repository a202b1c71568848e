package dev.vc.codec.h264.jcodec;

import dev.vc.api.CodecException;
import dev.vc.codec.h264.internal.AnnexB;
import org.jcodec.codecs.h264.io.model.PictureParameterSet;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.common.model.ColorSpace;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

import static org.jcodec.codecs.h264.H264Utils.unescapeNAL;

/**
 * Checks an access unit before jcodec's decoder sees it, because jcodec trusts its input:
 * <ul>
 *   <li>SPS and PPS are parsed and rejected if jcodec would allocate without bound or fail on them (pictures
 *       over 8192 pixels a side, non-4:2:0, high bit depth, interlace, slice groups, absurd ranges);</li>
 *   <li>each slice header is parsed up to the end of its reference list reordering with a reader that stops at
 *       the end of the NAL unit. jcodec reads zeros past the end, and its reordering loop only ends on the value
 *       3: a truncated or damaged slice header makes it spin forever.</li>
 * </ul>
 * Keeps its own copy of the parameter sets by id, committed only when a whole access unit passes, mirroring
 * what jcodec will have stored when it reads the slices.
 */
final class JcodecInputGuard {
    private static final int MAX_SIDE = 8192;
    private static final int MAX_REORDERING_ENTRIES = 33;

    private final Map<Integer, SeqParameterSet> spsById = new HashMap<>();
    private final Map<Integer, PictureParameterSet> ppsById = new HashMap<>();
    private int largestMbs;

    /** The outcome of {@link #check}. */
    enum Verdict {
        /** Has slices jcodec can decode. */
        DECODE,
        /** Slices but no parameter sets seen yet (joined mid-stream): wait for a keyframe. */
        WAIT_FOR_KEYFRAME,
        /** Nothing to decode (no slice NAL units). */
        NO_SLICES
    }

    /**
     * @param data   the access unit (not modified)
     * @param length its length
     * @return what to do with it
     * @throws CodecException if jcodec must not see it
     */
    Verdict check(byte[] data, int length) {
        Map<Integer, SeqParameterSet> sps = new HashMap<>(spsById);
        Map<Integer, PictureParameterSet> pps = new HashMap<>(ppsById);
        int[] slices = {0};
        boolean[] unknownSets = {false};
        int[] largest = {largestMbs};
        AnnexB.forEachNal(data, 0, length, (d, start, end) -> {
            int header = d[start] & 0xff;
            int type = header & 0x1f;
            if ((header & 0x80) != 0) {
                throw new CodecException("corrupt H.264 NAL unit: forbidden_zero_bit set");
            }
            if (type != AnnexB.NAL_SPS && type != AnnexB.NAL_PPS && type != AnnexB.NAL_SLICE
                    && type != AnnexB.NAL_IDR) {
                return;
            }
            ByteBuffer rbsp = ByteBuffer.allocate(end - start - 1);
            rbsp.put(d, start + 1, end - start - 1).flip();
            try {
                unescapeNAL(rbsp);
            } catch (RuntimeException e) {
                throw new CodecException("corrupt H.264 NAL unit: " + e, e);
            }
            if (type == AnnexB.NAL_SPS) {
                checkSpsPrefix(new Bits(rbsp));
                SeqParameterSet s = read(() -> SeqParameterSet.read(rbsp.duplicate()));
                largest[0] = Math.max(largest[0], checkSps(s));
                sps.put(s.seqParameterSetId, s);
            } else if (type == AnnexB.NAL_PPS) {
                checkPpsPrefix(new Bits(rbsp));
                PictureParameterSet p = read(() -> PictureParameterSet.read(rbsp.duplicate()));
                checkPps(p);
                pps.put(p.picParameterSetId, p);
            } else if (sps.isEmpty() || pps.isEmpty()) {
                unknownSets[0] = true;
            } else {
                checkSliceHeader(new Bits(rbsp), type == AnnexB.NAL_IDR, (header >> 5) & 3, sps, pps);
                slices[0]++;
            }
        });
        if (unknownSets[0] && slices[0] == 0) {
            return Verdict.WAIT_FOR_KEYFRAME;
        }
        if (unknownSets[0]) {
            throw new CodecException("corrupt H.264 access unit: slices before their parameter sets");
        }
        spsById.clear();
        spsById.putAll(sps);
        ppsById.clear();
        ppsById.putAll(pps);
        largestMbs = largest[0];
        return slices[0] > 0 ? Verdict.DECODE : Verdict.NO_SLICES;
    }

    /** @return the largest picture announced by an accepted SPS so far, in macroblocks */
    int largestMbs() {
        return largestMbs;
    }

    /** Forgets all parameter sets (after the decoder was rebuilt). */
    void reset() {
        spsById.clear();
        ppsById.clear();
        largestMbs = 0;
    }

    private interface Reader<T> {
        T read();
    }

    private static <T> T read(Reader<T> reader) {
        try {
            return reader.read();
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new CodecException("corrupt H.264 parameter set: " + e, e);
        }
    }

    /**
     * Reads an SPS up to the fields that size jcodec's allocations (the POC cycle length, read as an array size
     * and a loop count), before jcodec does.
     */
    private static void checkSpsPrefix(Bits in) {
        int profile = in.bits(8);
        in.skip(16);                                        // constraint flags, level_idc
        in.ue();                                            // seq_parameter_set_id
        if (profile == 100 || profile == 110 || profile == 122 || profile == 244 || profile == 44 || profile == 83
                || profile == 86 || profile == 118 || profile == 128 || profile == 138 || profile == 139
                || profile == 134 || profile == 135) {
            int chroma = in.ue();
            if (chroma > 3) {
                throw new CodecException("corrupt H.264 SPS: chroma_format_idc " + chroma);
            }
            if (chroma == 3) {
                in.skip(1);
            }
            in.ue();
            in.ue();
            in.skip(1);
            if (in.bit() == 1) {                            // seq_scaling_matrix_present_flag
                for (int i = 0; i < (chroma == 3 ? 12 : 8); i++) {
                    if (in.bit() == 1) {
                        scalingList(in, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        in.ue();                                            // log2_max_frame_num_minus4
        int pocType = in.ue();
        if (pocType == 1) {
            in.skip(1);
            in.ue();
            in.ue();
            int cycle = in.ue();
            if (cycle > 255) {
                throw new CodecException("corrupt H.264 SPS: num_ref_frames_in_pic_order_cnt_cycle " + cycle);
            }
        } else if (pocType > 2) {
            throw new CodecException("corrupt H.264 SPS: pic_order_cnt_type " + pocType);
        }
    }

    private static void scalingList(Bits in, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                int delta = in.se();
                next = Math.floorMod(last + delta, 256);
            }
            last = next == 0 ? last : next;
        }
    }

    /** Reads a PPS up to num_slice_groups_minus1, which jcodec uses as an array size. */
    private static void checkPpsPrefix(Bits in) {
        in.ue();
        in.ue();
        in.skip(2);
        int groups = in.ue();
        if (groups != 0) {
            throw new CodecException("unsupported H.264 feature: slice groups (FMO)");
        }
    }

    private static int checkSps(SeqParameterSet sps) {
        long widthMbs = sps.picWidthInMbsMinus1 + 1L;
        long heightMbs = sps.picHeightInMapUnitsMinus1 + 1L;
        if (sps.seqParameterSetId < 0 || sps.seqParameterSetId > 31) {
            throw new CodecException("corrupt H.264 SPS: id " + sps.seqParameterSetId);
        }
        if (widthMbs <= 0 || heightMbs <= 0 || widthMbs * 16 > MAX_SIDE || heightMbs * 16 > MAX_SIDE) {
            throw new CodecException("unsupported H.264 picture size " + widthMbs + "x" + heightMbs + " macroblocks");
        }
        if (!sps.frameMbsOnlyFlag || sps.mbAdaptiveFrameFieldFlag || sps.fieldPicFlag) {
            throw new CodecException("unsupported H.264 feature: interlace");
        }
        if (sps.chromaFormatIdc != ColorSpace.YUV420J || sps.bitDepthLumaMinus8 != 0
                || sps.bitDepthChromaMinus8 != 0 || sps.qpprimeYZeroTransformBypassFlag) {
            throw new CodecException("unsupported H.264 format: only 8-bit 4:2:0 is decoded");
        }
        if (sps.profileIdc != 66 && sps.profileIdc != 77 && sps.profileIdc != 100) {
            throw new CodecException("unsupported H.264 profile " + sps.profileIdc);
        }
        if (sps.log2MaxFrameNumMinus4 < 0 || sps.log2MaxFrameNumMinus4 > 12 || sps.picOrderCntType < 0
                || sps.picOrderCntType > 2 || sps.log2MaxPicOrderCntLsbMinus4 < 0
                || sps.log2MaxPicOrderCntLsbMinus4 > 12 || sps.numRefFrames < 0 || sps.numRefFrames > 16) {
            throw new CodecException("corrupt H.264 SPS: frame, POC or reference range out of bounds");
        }
        if (sps.frameCroppingFlag && (sps.frameCropLeftOffset < 0 || sps.frameCropRightOffset < 0
                || sps.frameCropTopOffset < 0 || sps.frameCropBottomOffset < 0
                || (sps.frameCropLeftOffset + (long) sps.frameCropRightOffset) * 2 >= widthMbs * 16
                || (sps.frameCropTopOffset + (long) sps.frameCropBottomOffset) * 2 >= heightMbs * 16)) {
            throw new CodecException("corrupt H.264 SPS: cropping out of bounds");
        }
        return (int) (widthMbs * heightMbs);
    }

    private static void checkPps(PictureParameterSet pps) {
        if (pps.picParameterSetId < 0 || pps.picParameterSetId > 255 || pps.seqParameterSetId < 0
                || pps.seqParameterSetId > 31) {
            throw new CodecException("corrupt H.264 PPS: ids out of range");
        }
        if (pps.numSliceGroupsMinus1 != 0) {
            throw new CodecException("unsupported H.264 feature: slice groups (FMO)");
        }
        if (pps.numRefIdxActiveMinus1 == null || pps.numRefIdxActiveMinus1[0] < 0 || pps.numRefIdxActiveMinus1[0] > 31
                || pps.numRefIdxActiveMinus1[1] < 0 || pps.numRefIdxActiveMinus1[1] > 31
                || pps.picInitQpMinus26 < -26 || pps.picInitQpMinus26 > 25 || pps.weightedBipredIdc < 0
                || pps.weightedBipredIdc > 2) {
            throw new CodecException("corrupt H.264 PPS: values out of range");
        }
    }

    /** Mirrors jcodec 0.2.5's SliceHeaderReader up to the end of ref_pic_list_reordering, bounded. */
    private static void checkSliceHeader(Bits in, boolean idr, int nalRefIdc, Map<Integer, SeqParameterSet> spsById,
                                         Map<Integer, PictureParameterSet> ppsById) {
        in.ue();                                            // first_mb_in_slice
        int sliceType = in.ue();
        if (sliceType > 9) {
            throw new CodecException("corrupt H.264 slice header: slice_type " + sliceType);
        }
        sliceType %= 5;                                     // 0 P, 1 B, 2 I, 3 SP, 4 SI
        int ppsId = in.ue();
        PictureParameterSet pps = ppsById.get(ppsId);
        if (pps == null) {
            throw new CodecException("corrupt H.264 slice header: unknown PPS " + ppsId);
        }
        SeqParameterSet sps = spsById.get(pps.seqParameterSetId);
        if (sps == null) {
            throw new CodecException("corrupt H.264 slice header: unknown SPS " + pps.seqParameterSetId);
        }
        if (idr && sliceType != 2 && sliceType != 4) {
            throw new CodecException("corrupt H.264 slice header: IDR slice of type " + sliceType);
        }
        in.skip(sps.log2MaxFrameNumMinus4 + 4);              // frame_num
        if (idr) {
            in.ue();                                        // idr_pic_id
        }
        if (sps.picOrderCntType == 0) {
            in.skip(sps.log2MaxPicOrderCntLsbMinus4 + 4);   // pic_order_cnt_lsb
            if (pps.picOrderPresentFlag && !sps.fieldPicFlag) {
                in.ue();                                    // delta_pic_order_cnt_bottom
            }
        }
        if (sps.picOrderCntType == 1 && !sps.deltaPicOrderAlwaysZeroFlag) {
            in.ue();
            if (pps.picOrderPresentFlag && !sps.fieldPicFlag) {
                in.ue();
            }
        }
        if (pps.redundantPicCntPresentFlag) {
            in.ue();
        }
        boolean b = sliceType == 1;
        boolean inter = sliceType == 0 || sliceType == 1 || sliceType == 3;
        if (b) {
            in.skip(1);                                     // direct_spatial_mv_pred_flag
        }
        if (inter && in.bit() == 1) {                       // num_ref_idx_active_override_flag
            checkRefIdx(in.ue());
            if (b) {
                checkRefIdx(in.ue());
            }
        }
        if (inter && in.bit() == 1) {
            reorderingEntries(in);
        }
        if (b && in.bit() == 1) {
            reorderingEntries(in);
        }
        if (nalRefIdc == 0 && idr) {
            throw new CodecException("corrupt H.264 slice header: IDR slice with nal_ref_idc 0");
        }
    }

    private static void checkRefIdx(int minus1) {
        if (minus1 > 31) {
            throw new CodecException("corrupt H.264 slice header: num_ref_idx_active_minus1 " + minus1);
        }
    }

    private static void reorderingEntries(Bits in) {
        for (int i = 0; i < MAX_REORDERING_ENTRIES; i++) {
            int idc = in.ue();
            if (idc == 3) {
                return;
            }
            if (idc > 5) {
                throw new CodecException("corrupt H.264 slice header: reordering_of_pic_nums_idc " + idc);
            }
            in.ue();
        }
        throw new CodecException("corrupt H.264 slice header: endless reference list reordering");
    }

    /** A bit reader over an RBSP that fails, rather than reading zeros, past the end. */
    private static final class Bits {
        private final ByteBuffer data;
        private final long size;
        private long position;

        Bits(ByteBuffer data) {
            this.data = data;
            this.size = data.remaining() * 8L;
        }

        int bit() {
            if (position >= size) {
                throw new CodecException("corrupt H.264 slice header: truncated");
            }
            int b = data.get(data.position() + (int) (position >> 3)) >> (7 - (position & 7)) & 1;
            position++;
            return b;
        }

        void skip(int bits) {
            if (position + bits > size) {
                throw new CodecException("corrupt H.264 slice header: truncated");
            }
            position += bits;
        }

        int bits(int n) {
            int v = 0;
            for (int i = 0; i < n; i++) {
                v = v << 1 | bit();
            }
            return v;
        }

        int se() {
            int v = ue();
            return (v & 1) == 1 ? (v + 1) / 2 : -(v / 2);
        }

        int ue() {
            int zeros = 0;
            while (bit() == 0) {
                if (++zeros > 31) {
                    throw new CodecException("corrupt H.264 slice header: exp-Golomb code too long");
                }
            }
            long value = 0;
            for (int i = 0; i < zeros; i++) {
                value = value << 1 | bit();
            }
            long result = (1L << zeros) - 1 + value;
            return (int) Math.min(Integer.MAX_VALUE, result);
        }
    }
}
