package dev.vc.codec.h264.ffmpeg;

import dev.vc.codec.h264.natives.FfmpegNatives;
import dev.vc.api.CodecException;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.PixelFormat;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;
import dev.vc.codec.h264.internal.H264Options;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set;

/**
 * H.264 through FFmpeg's libopenh264 wrapper: Constrained Baseline, one slice, no B-frames, one thread,
 * libopenh264's bitrate rate control, no scene-change detection (so IDR frames come only on request and at the
 * keyframe interval, see {@link OpenH264Options}). Output is one Annex-B access unit per input frame; IDR frames
 * start with SPS and PPS.
 *
 * <p>The {@code AVFrame} and {@code AVPacket} are allocated once; encoding copies the I420 planes into the
 * frame's buffers (respecting their line sizes) and the packet's bytes into the {@link EncodedFrame}.
 *
 * <p>{@link #setBitrate} and {@link #setFrameRate} take effect with the next frame. FFmpeg's libopenh264 wrapper
 * cannot change them in an open encoder, so they are set in libopenh264 itself ({@link OpenH264Options}) and
 * the stream goes on with P frames. Only where that is not possible (another FFmpeg encoder, or libopenh264
 * not laid out as expected) is the encoder reopened, and the next frame is then an IDR frame.
 */
final class FfmpegH264Encoder implements Encoder {
    private final int width;
    private final int height;
    private int frameRate;
    private final int keyframeInterval;
    private final H264Options options;
    private final AVCodec codec;
    private final AVFrame frame;
    private final AVPacket packet;
    private AVCodecContext context;
    private BytePointer planeY;
    private BytePointer planeU;
    private BytePointer planeV;
    private int bitrate;
    /** libopenh264's own options, or null where the encoder must be reopened for a new rate (another encoder). */
    private OpenH264Options openh264;
    private boolean bitrateChanged;
    private boolean frameRateChanged;
    /** Set by any thread; taken (cleared) by the encoding thread when it hands the next frame to FFmpeg. */
    private final AtomicBoolean keyframeRequested = new AtomicBoolean();
    private long pts;
    private boolean closed;

    FfmpegH264Encoder(EncoderSettings settings, H264Options options) {
        VideoFrame.checkSize(settings.width(), settings.height(), PixelFormat.I420);
        this.width = settings.width();
        this.height = settings.height();
        this.frameRate = settings.frameRate();
        this.keyframeInterval = settings.keyframeInterval();
        this.bitrate = Encoder.checkBitrate(settings.bitrate());
        this.options = options;
        this.codec = avcodec_find_encoder_by_name(options.ffmpegEncoder());
        if (codec == null || codec.isNull()) {
            throw new CodecException("FFmpeg has no encoder named '" + options.ffmpegEncoder() + "'");
        }
        frame = av_frame_alloc();
        packet = av_packet_alloc();
        try {
            if (frame == null || frame.isNull() || packet == null || packet.isNull()) {
                throw new CodecException("out of native memory allocating an AVFrame/AVPacket");
            }
            frame.format(AV_PIX_FMT_YUV420P).width(width).height(height);
            check(av_frame_get_buffer(frame, 0), "allocating the frame buffer");
            planes();
            open();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void open() {
        AVCodecContext c = avcodec_alloc_context3(codec);
        if (c == null || c.isNull()) {
            throw new CodecException("out of native memory allocating an AVCodecContext");
        }
        c.width(width).height(height).pix_fmt(AV_PIX_FMT_YUV420P);
        c.time_base(av_make_q(1, frameRate)).framerate(av_make_q(frameRate, 1));
        c.bit_rate(bitrate).rc_max_rate(bitrate);
        c.gop_size(keyframeInterval).max_b_frames(0);
        // QP stays in libopenh264's own window (12..42 for camera content). Opening it to 51 was tried: on busy
        // content the degraded references then make P frames dearer (402 kbit/s at 28.5 dB against 308 kbit/s
        // at 32.6 dB for a 150 kbit/s target, QualityBench), so below that floor frame rate or size must drop.
        c.thread_count(1).slices(1);
        // Private options of the libopenh264 wrapper; another encoder named by vc.h264.ffmpeg.encoder just
        // answers "option not found", which is ignored.
        av_opt_set(c.priv_data(), "rc_mode", options.ffmpegRateMode(), 0);
        av_opt_set(c.priv_data(), "allow_skip_frames", "0", 0);
        int result = avcodec_open2(c, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
        if (result < 0) {
            avcodec_free_context(c);
            throw new CodecException("cannot open FFmpeg encoder '" + options.ffmpegEncoder() + "' at " + width + "x"
                    + height + ": " + FfmpegNatives.error(result));
        }
        context = c;
        openh264 = OpenH264Options.attach(c, bitrate, frameRate);
        if (openh264 != null) {
            openh264.tuneForRealTime(width, height, bitrate);
        }
    }

    /** Applies a bitrate or frame rate set since the last frame: in place if libopenh264 takes it, else reopens. */
    private void applyRates() {
        boolean inPlace = openh264 != null
                && (!bitrateChanged || openh264.setBitrate(bitrate))
                && (!frameRateChanged || openh264.setFrameRate(frameRate));
        bitrateChanged = false;
        frameRateChanged = false;
        if (!inPlace) {
            free();
            open();
            keyframeRequested.set(true);
        }
    }

    private void free() {
        if (openh264 != null) {
            openh264.close();
            openh264 = null;
        }
        avcodec_free_context(context);
        context = null;
    }

    private void planes() {
        planeY = frame.data(0);
        planeU = frame.data(1);
        planeV = frame.data(2);
    }

    @Override
    public VideoCodec codec() {
        return VideoCodec.H264;
    }

    @Override
    public PixelFormat inputFormat() {
        return PixelFormat.I420;
    }

    @Override
    public boolean encode(VideoFrame in, EncodedFrame out) {
        if (closed) {
            throw new CodecException("encoder is closed");
        }
        if (in.format() != PixelFormat.I420 || in.width() != width || in.height() != height) {
            throw new CodecException("expected an I420 frame of " + width + "x" + height + ", got " + in);
        }
        if (bitrateChanged || frameRateChanged) {
            applyRates();
        }
        long before = planeY.address();
        check(av_frame_make_writable(frame), "making the frame writable");
        if (frame.data(0).address() != before) {
            planes();
        }
        byte[] src = in.data();
        int chromaWidth = width / 2;
        int chromaHeight = height / 2;
        copyPlane(src, 0, width, height, planeY, frame.linesize(0));
        copyPlane(src, width * height, chromaWidth, chromaHeight, planeU, frame.linesize(1));
        copyPlane(src, width * height + chromaWidth * chromaHeight, chromaWidth, chromaHeight, planeV,
                frame.linesize(2));
        // Taken before encoding: a request that arrives while this frame is encoded is kept for the next one.
        boolean idr = keyframeRequested.getAndSet(false);
        frame.pict_type(idr ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
        frame.pts(pts++);
        int sent = avcodec_send_frame(context, frame);
        if (sent < 0 && idr) {
            keyframeRequested.set(true);  // this frame is not encoded: the next one must be the keyframe
        }
        check(sent, "sending a frame to the encoder");

        int length = 0;
        boolean keyframe = false;
        int result;
        while ((result = avcodec_receive_packet(context, packet)) >= 0) {
            try {
                int size = packet.size();
                byte[] dst = out.ensureCapacity(length + size);
                packet.data().capacity(size).get(dst, length, size);
                length += size;
                keyframe |= (packet.flags() & AV_PKT_FLAG_KEY) != 0;
            } finally {
                av_packet_unref(packet);
            }
        }
        if (result != FfmpegNatives.AVERROR_EAGAIN) {
            throw new CodecException("encoder failed: " + FfmpegNatives.error(result));
        }
        if (length == 0) {
            return false;       // the encoder skipped this frame
        }
        out.length(length);
        out.describe(VideoCodec.H264, keyframe, width, height, in.captureTimeNanos(), in.sequence());
        return true;
    }

    private static void copyPlane(byte[] src, int offset, int planeWidth, int planeHeight, BytePointer dst,
                                  int linesize) {
        if (linesize == planeWidth) {
            dst.position(0).put(src, offset, planeWidth * planeHeight);
        } else {
            for (int row = 0; row < planeHeight; row++) {
                dst.position((long) row * linesize).put(src, offset + row * planeWidth, planeWidth);
            }
        }
        dst.position(0);
    }

    @Override
    public void requestKeyframe() {
        keyframeRequested.set(true);
    }

    @Override
    public void setBitrate(int bitsPerSecond) {
        Encoder.checkBitrate(bitsPerSecond);
        if (bitsPerSecond != bitrate) {
            bitrate = bitsPerSecond;
            bitrateChanged = true;
        }
    }

    /** @return true while libopenh264 is reached directly: its rates change between two P frames */
    @Override
    public boolean changesBitrateInPlace() {
        return openh264 != null;
    }

    /** Like the bitrate, set in libopenh264 before the next frame (or, where that is not possible, by reopening). */
    @Override
    public void setFrameRate(int framesPerSecond) {
        Encoder.checkFrameRate(framesPerSecond);
        if (framesPerSecond != frameRate) {
            frameRate = framesPerSecond;
            frameRateChanged = true;
        }
    }

    @Override
    public int bitrate() {
        return bitrate;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (context != null) {
            free();
        }
        if (frame != null) {
            av_frame_free(frame);
        }
        if (packet != null) {
            av_packet_free(packet);
        }
    }

    private static void check(int result, String what) {
        if (result < 0) {
            throw new CodecException("FFmpeg failed " + what + ": " + FfmpegNatives.error(result));
        }
    }

    @Override
    public String toString() {
        return "FfmpegH264Encoder[" + options.ffmpegEncoder() + " " + width + "x" + height + " @" + frameRate + " fps "
                + bitrate + " bit/s]";
    }
}
