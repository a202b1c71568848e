package dev.vc.codec.h264.ffmpeg;

import dev.vc.codec.h264.natives.FfmpegNatives;
import dev.vc.api.CodecException;
import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.PixelFormat;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;
import dev.vc.codec.h264.internal.AnnexB;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_LOW_DELAY;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU601;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.swscale.SWS_POINT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_image_copy_to_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

/**
 * H.264 through FFmpeg's own decoder: one thread, low delay (a picture comes out for the access unit that
 * completes it), output packed natively as tight I420 and copied in one piece into the caller's
 * {@link VideoFrame}, or converted by
 * swscale to BGR24 ({@code vc.decoder.output=bgr24}) or BGRX32 ({@code bgrx32}, the int pixels the Swing grid
 * hands the screen as they are) so that the renderer does no colour conversion in Java.
 *
 * <p>Input bytes are copied into a native buffer (with FFmpeg's zeroed padding) that grows when needed and is
 * otherwise reused. A damaged access unit gives a {@link CodecException} or no picture; the decoder stays usable.
 */
final class FfmpegH264Decoder implements Decoder {
    /** Largest picture accepted, in pixels: what {@link VideoFrame} can hold. */
    private static final long MAX_PIXELS = 8192L * 8192L;
    /** FFmpeg reads up to this many bytes past the end of the input; they must be zero. */
    private static final byte[] PADDING = new byte[AV_INPUT_BUFFER_PADDING_SIZE];

    private final AVFrame picture;
    private final AVPacket packet;
    private AVCodecContext context;
    private BytePointer input;
    private long inputCapacity;
    private boolean closed;
    /** Stamps of the last packets sent, by token (the packet pts), so output pictures get their own stamps. */
    private static final int STAMP_SLOTS = 32;
    private final long[] stampTokens = new long[STAMP_SLOTS];
    private final long[] stampSequences = new long[STAMP_SLOTS];
    private final long[] stampTimes = new long[STAMP_SLOTS];
    private long nextToken;
    private long picturePts;
    private final PixelFormat output;
    private SwsContext scaler;
    private int scalerRange = -1;
    private BytePointer packed;
    private long packedCapacity;
    private final PointerPointer<BytePointer> packedPlanes = new PointerPointer<>(4);
    private final IntPointer packedStrides = new IntPointer(4);

    /** @param output the layout of the pictures handed out: I420 as decoded, or BGR24 converted natively */
    FfmpegH264Decoder(PixelFormat output) {
        this.output = output;
        java.util.Arrays.fill(stampTokens, -1);
        picture = av_frame_alloc();
        packet = av_packet_alloc();
        try {
            if (picture == null || picture.isNull() || packet == null || packet.isNull()) {
                throw new CodecException("out of native memory allocating an AVFrame/AVPacket");
            }
            AVCodec codec = avcodec_find_decoder(AV_CODEC_ID_H264);
            if (codec == null || codec.isNull()) {
                throw new CodecException("this FFmpeg build has no H.264 decoder");
            }
            AVCodecContext c = avcodec_alloc_context3(codec);
            if (c == null || c.isNull()) {
                throw new CodecException("out of native memory allocating an AVCodecContext");
            }
            context = c;
            c.thread_count(1).flags(c.flags() | AV_CODEC_FLAG_LOW_DELAY).max_pixels(MAX_PIXELS);
            int result = avcodec_open2(c, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
            if (result < 0) {
                throw new CodecException("cannot open FFmpeg's H.264 decoder: " + FfmpegNatives.error(result));
            }
            ensureInput(64 * 1024);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public VideoCodec codec() {
        return VideoCodec.H264;
    }

    @Override
    public boolean decode(EncodedFrame frame, VideoFrame out) {
        if (closed) {
            throw new CodecException("decoder is closed");
        }
        int length = frame.length();
        if (length == 0) {
            return false;
        }
        if (startsIdr(frame.data(), length)) {
            // An IDR picture depends on nothing before it: drop whatever damaged input left behind (half-built
            // pictures, field pairing, reorder state) so the keyframe decodes as cleanly as in a fresh decoder.
            avcodec_flush_buffers(context);
        }
        ensureInput(length);
        input.position(0).put(frame.data(), 0, length);
        input.position(length).put(PADDING, 0, PADDING.length);
        input.position(0);
        long token = nextToken++;
        int slot = (int) (token & (STAMP_SLOTS - 1));
        stampTokens[slot] = token;
        stampSequences[slot] = frame.sequence();
        stampTimes[slot] = frame.captureTimeNanos();
        packet.data(input).size(length).pts(token).dts(token);
        // vc's H.264 has no B-frames, so no picture ever needs holding back for reordering; but FFmpeg raises
        // its reorder delay when damaged input shows out-of-order POCs, and would then hand out each picture one
        // call late. Pin it to zero before every packet.
        context.has_b_frames(0);
        int result = avcodec_send_packet(context, packet);
        if (result == FfmpegNatives.AVERROR_EAGAIN) {
            // Cannot happen while every call drains its pictures; drain and retry once to be safe.
            drain(out, frame);
            result = avcodec_send_packet(context, packet);
        }
        packet.data((BytePointer) null).size(0);
        if (result < 0) {
            throw new CodecException("corrupt H.264 access unit (" + length + " B): " + FfmpegNatives.error(result));
        }
        return drain(out, frame);
    }

    /** @return whether the access unit's first slice is an IDR slice (looks no further than that slice) */
    static boolean startsIdr(byte[] data, int length) {
        return AnnexB.firstSliceType(data, 0, length) == AnnexB.NAL_IDR;
    }

    private boolean drain(VideoFrame out, EncodedFrame stamps) {
        boolean got = false;
        int result;
        while ((result = avcodec_receive_frame(context, picture)) >= 0) {
            try {
                copyOut(out);
                picturePts = picture.best_effort_timestamp();
                got = true;
            } finally {
                av_frame_unref(picture);
            }
        }
        if (result != FfmpegNatives.AVERROR_EAGAIN && result != AVERROR_EOF) {
            throw new CodecException("H.264 decoding failed: " + FfmpegNatives.error(result));
        }
        if (got) {
            // The picture carries the token of the packet that completed it: stamp it with that packet's stamps.
            long token = picturePts;
            int slot = (int) (token & (STAMP_SLOTS - 1));
            if (token >= 0 && stampTokens[slot] == token) {
                out.stamp(stampTimes[slot], stampSequences[slot]);
            } else {
                out.stamp(stamps.captureTimeNanos(), stamps.sequence());
            }
        }
        return got;
    }

    private void copyOut(VideoFrame out) {
        int format = picture.format();
        if (format != AV_PIX_FMT_YUV420P && format != AV_PIX_FMT_YUVJ420P) {
            throw new CodecException("unsupported decoded pixel format " + format + " (only 8-bit 4:2:0 is handled)");
        }
        int w = picture.width();
        int h = picture.height();
        if (w <= 0 || h <= 0 || ((w | h) & 1) != 0 || w > 8192 || h > 8192) {
            throw new CodecException("unsupported decoded picture size " + w + "x" + h);
        }
        if (output == PixelFormat.BGR24) {
            copyOutPacked(out, format, w, h, AV_PIX_FMT_BGR24, 3);
            return;
        }
        if (output == PixelFormat.BGRX32) {
            // BGRA, not BGR0: the same bytes but for the unused one, and swscale has a fast path for it.
            copyOutPacked(out, format, w, h, AV_PIX_FMT_BGRA, 4);
            return;
        }
        // FFmpeg's rows are padded (a 320-wide plane has 384-byte rows): pack the three planes natively in one
        // call, then copy them out in one, rather than one JNI copy per row (480 per 320x240 picture).
        int size = PixelFormat.I420.bufferSize(w, h);
        ensurePacked(size);
        int packedBytes = av_image_copy_to_buffer(packed, size, picture.data(), picture.linesize(), format, w, h, 1);
        if (packedBytes != size) {
            throw new CodecException("cannot pack a " + w + "x" + h + " picture: " + FfmpegNatives.error(packedBytes));
        }
        out.reset(w, h, PixelFormat.I420);
        packed.position(0).get(out.data(), 0, size);
    }

    /**
     * One swscale pass (context and its colour tables kept while size and range stay) into a reused native
     * buffer, then one copy.
     */
    private void copyOutPacked(VideoFrame out, int format, int w, int h, int packedFormat, int bytesPerPixel) {
        SwsContext previous = scaler;
        scaler = sws_getCachedContext(scaler, w, h, format, w, h, packedFormat, SWS_POINT, null, null,
                (DoublePointer) null);
        if (scaler == null || scaler.isNull()) {
            throw new CodecException("swscale cannot convert " + w + "x" + h + " to " + output);
        }
        // vc's I420 is full range (JFIF); a stream that says it is limited range is converted as such. Setting
        // the details rebuilds swscale's tables, so only when the context or the range is new.
        int sourceRange = picture.color_range() == AVCOL_RANGE_MPEG ? 0 : 1;
        if (previous == null || previous.address() != scaler.address() || sourceRange != scalerRange) {
            sws_setColorspaceDetails(scaler, sws_getCoefficients(SWS_CS_ITU601), sourceRange,
                    sws_getCoefficients(SWS_CS_ITU601), 1, 0, 1 << 16, 1 << 16);
            scalerRange = sourceRange;
        }
        int size = w * h * bytesPerPixel;
        ensurePacked(size);
        packedPlanes.put(0, packed);
        packedStrides.put(0, w * bytesPerPixel);
        sws_scale(scaler, picture.data(), picture.linesize(), 0, h, packedPlanes, packedStrides);
        out.reset(w, h, output);
        packed.position(0).get(out.data(), 0, size);
    }

    /** Grows the reused native buffer that pictures are packed into before they are copied out. */
    private void ensurePacked(long size) {
        if (packed == null || packedCapacity < size) {
            if (packed != null) {
                packed.close();
            }
            packed = new BytePointer(size);
            packedCapacity = size;
        }
    }

    private void ensureInput(int length) {
        long needed = (long) length + AV_INPUT_BUFFER_PADDING_SIZE;
        if (input == null || inputCapacity < needed) {
            long capacity = Math.max(needed, inputCapacity * 2);
            if (input != null) {
                input.close();
            }
            input = new BytePointer(capacity);
            inputCapacity = capacity;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (context != null) {
            avcodec_free_context(context);
            context = null;
        }
        if (picture != null) {
            av_frame_free(picture);
        }
        if (packet != null) {
            av_packet_free(packet);
        }
        if (input != null) {
            input.close();
            input = null;
        }
        if (scaler != null) {
            sws_freeContext(scaler);
            scaler = null;
        }
        if (packed != null) {
            packed.close();
            packed = null;
        }
        packedPlanes.close();
        packedStrides.close();
    }

    @Override
    public String toString() {
        return "FfmpegH264Decoder";
    }
}
