package dev.vc.codec.h264.jcodec;

import dev.vc.api.CodecException;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.PixelFormat;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;
import dev.vc.codec.h264.internal.H264Options;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.codecs.h264.io.model.SliceType;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Rect;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * H.264 in pure Java with jcodec 0.2.5: Baseline profile, I16x16 and P16x16 macroblocks, one slice, CAVLC,
 * rate-controlled by {@link FrameRateController} (which may skip frames: {@link #encode} then returns false).
 *
 * <p>jcodec wants YUV420J with samples stored minus 128 and sizes in whole macroblocks; the input is converted
 * into a reused, macroblock-aligned picture (edges replicated, the SPS crops them off). jcodec itself allocates
 * per frame; that is its cost, not ours to hide.
 */
final class JcodecH264Encoder implements Encoder {
    /** Frame numbers wrap here: a multiple of every max_frame_num and max_pic_order_cnt jcodec can write. */
    private static final int FRAME_NUMBER_WRAP = 1 << 24;

    private final int width;
    private final int height;
    private final int keyframeInterval;
    private final FrameRateController rateControl;
    private final H264Encoder encoder;
    private final Picture picture;
    private final ByteBuffer output;
    private int bitrate;
    /** Set by any thread; taken (cleared) by the encoding thread when it decides the next frame's type. */
    private final AtomicBoolean keyframeRequested = new AtomicBoolean(true);
    private int framesSinceKeyframe;
    private int frameNumber;
    private long skippedFrames;
    private boolean closed;

    JcodecH264Encoder(EncoderSettings settings, H264Options options) {
        VideoFrame.checkSize(settings.width(), settings.height(), PixelFormat.I420);
        width = settings.width();
        height = settings.height();
        keyframeInterval = settings.keyframeInterval();
        bitrate = Encoder.checkBitrate(settings.bitrate());
        rateControl = new FrameRateController(bitrate, settings.frameRate(), options.jcodecMinQp(),
                options.jcodecMaxQp(), options.jcodecFrameSkip());
        encoder = new H264Encoder(rateControl);
        // Sizes max_frame_num in the SPS so that frame_num does not wrap within a GOP.
        encoder.setKeyInterval(Math.max(keyframeInterval, 2));
        int alignedWidth = (width + 15) & ~15;
        int alignedHeight = (height + 15) & ~15;
        picture = alignedWidth == width && alignedHeight == height
                ? Picture.create(width, height, ColorSpace.YUV420J)
                : Picture.createCropped(alignedWidth, alignedHeight, ColorSpace.YUV420J,
                        new Rect(0, 0, width, height));
        // jcodec budgets min(buffer, width * height) bytes per frame and overflows into QP > 51 when that is
        // too small; two raw frames' worth plus headers is more than it can ever write.
        output = ByteBuffer.allocate(alignedWidth * alignedHeight * 3 + 4096);
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
        // Taken before encoding: a request that arrives while this frame is encoded is kept for the next one.
        boolean idr = keyframeRequested.getAndSet(false) | framesSinceKeyframe >= keyframeInterval;
        if (!idr && rateControl.shouldSkip()) {
            rateControl.skipped();
            skippedFrames++;
            framesSinceKeyframe++;
            return false;
        }
        toJcodec(in.data(), picture, width, height);
        if (idr) {
            frameNumber = 0;
        }
        rateControl.plan(idr);
        ByteBuffer encoded;
        try {
            output.clear();
            encoded = encoder.doEncodeFrame(picture, output, idr, frameNumber, idr ? SliceType.I : SliceType.P);
        } catch (RuntimeException e) {
            keyframeRequested.set(true);  // the reference picture may be half-updated: restart with an IDR
            throw new CodecException("jcodec failed to encode " + in + ": " + e, e);
        }
        int length = encoded.remaining();
        out.set(output.array(), output.arrayOffset() + encoded.position(), length);
        out.describe(VideoCodec.H264, idr, width, height, in.captureTimeNanos(), in.sequence());
        rateControl.encoded(length);
        frameNumber = (frameNumber + 1) % FRAME_NUMBER_WRAP;
        framesSinceKeyframe = idr ? 1 : framesSinceKeyframe + 1;
        return true;
    }

    /**
     * Copies packed I420 into a jcodec picture: samples minus 128 ({@code x ^ 0x80}), right and bottom edges
     * replicated into the macroblock padding.
     */
    static void toJcodec(byte[] src, Picture dst, int width, int height) {
        int chromaWidth = width / 2;
        int chromaHeight = height / 2;
        convertPlane(src, 0, width, height, dst.getPlaneData(0), dst.getPlaneWidth(0), dst.getPlaneHeight(0));
        convertPlane(src, width * height, chromaWidth, chromaHeight, dst.getPlaneData(1), dst.getPlaneWidth(1),
                dst.getPlaneHeight(1));
        convertPlane(src, width * height + chromaWidth * chromaHeight, chromaWidth, chromaHeight, dst.getPlaneData(2),
                dst.getPlaneWidth(2), dst.getPlaneHeight(2));
    }

    private static void convertPlane(byte[] src, int offset, int w, int h, byte[] dst, int stride, int rows) {
        for (int y = 0; y < h; y++) {
            int s = offset + y * w;
            int d = y * stride;
            for (int x = 0; x < w; x++) {
                dst[d + x] = (byte) (src[s + x] ^ 0x80);
            }
            byte last = dst[d + w - 1];
            for (int x = w; x < stride; x++) {
                dst[d + x] = last;
            }
        }
        for (int y = h; y < rows; y++) {
            System.arraycopy(dst, (h - 1) * stride, dst, y * stride, stride);
        }
    }

    @Override
    public void requestKeyframe() {
        keyframeRequested.set(true);
    }

    @Override
    public void setBitrate(int bitsPerSecond) {
        bitrate = Encoder.checkBitrate(bitsPerSecond);
        rateControl.bitrate(bitsPerSecond);
    }

    /** @return true: vc's rate control over jcodec takes a new bitrate from the next frame on */
    @Override
    public boolean changesBitrateInPlace() {
        return true;
    }

    @Override
    public void setFrameRate(int framesPerSecond) {
        rateControl.frameRate(Encoder.checkFrameRate(framesPerSecond));
    }

    @Override
    public int bitrate() {
        return bitrate;
    }

    /** @return frames dropped by the rate controller so far */
    long skippedFrames() {
        return skippedFrames;
    }

    /** @return the rate controller, for tests and statistics */
    FrameRateController rateControl() {
        return rateControl;
    }

    @Override
    public void close() {
        closed = true;      // nothing native, no threads: the garbage collector takes the rest
    }

    @Override
    public String toString() {
        return "JcodecH264Encoder[" + width + "x" + height + " " + bitrate + " bit/s]";
    }
}
