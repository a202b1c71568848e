package dev.vc.capture.internal;

import dev.vc.codec.h264.natives.FfmpegNatives;
import dev.vc.api.PixelFormat;
import dev.vc.api.SourceException;
import dev.vc.api.VideoFrame;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.ffmpeg.swscale.SwsFilter;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU601;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_arrays;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

/**
 * One FFmpeg input (a capture device or a media file) demuxed, decoded and scaled: the engine behind the
 * {@code camera} and {@code file} sources.
 *
 * <p>{@link #nextPicture()} decodes the next picture of the best video stream; {@link #convertInto} scales
 * and converts it with swscale, once, into a native buffer in the requested size and {@link PixelFormat}, and
 * copies that into the caller's frame. The packet, the decoded frame, the swscale context, the destination
 * buffer and its plane pointers are allocated once and reused, so steady reading allocates no frame buffers.
 *
 * <p>Never hangs: every blocking FFmpeg call is guarded by an interrupt callback that fires when
 * {@link #abort()} was called or the current operation's deadline passed (a device that stops delivering, a
 * stalled network file), and devices are read non-blocking with a short park between polls.
 *
 * <p>Threads: one thread reads ({@link #enter()}, the read calls, {@link #exit()}); {@link #close()} may be
 * called from any thread at any time. If a read is in progress, close aborts it and the reading thread
 * releases the natives on its way out of {@link #exit()}.
 */
public final class FfmpegInput implements AutoCloseable {
    private static final Map<Long, FfmpegInput> OPEN = new ConcurrentHashMap<>();
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final int AVFMT_FLAG_NONBLOCK = 0x0004;
    private static volatile Interrupt interrupt;

    /** The one interrupt callback of the process (JavaCPP limits live callback instances), keyed by opaque. */
    private static final class Interrupt extends AVIOInterruptCB.Callback_Pointer {
        Interrupt() {
            super();
        }

        @Override
        public int call(Pointer opaque) {
            FfmpegInput input = opaque == null ? null : OPEN.get(opaque.address());
            return input != null && input.shouldStop() ? 1 : 0;
        }
    }

    private final String description;
    private final ReentrantLock io = new ReentrantLock();
    private final BytePointer opaque = new BytePointer(1);
    private final long key = opaque.address();
    private final long timeoutNanos;
    private final boolean nonBlocking;
    private final int outWidth;
    private final int outHeight;
    private final PixelFormat outFormat;
    private final int outPixFmt;

    private volatile boolean aborted;
    private volatile long deadline = Long.MAX_VALUE;
    private volatile Thread reader;
    private boolean released;

    private AVFormatContext format;
    private AVCodecContext decoder;
    private AVPacket packet;
    private AVFrame picture;
    private PointerPointer<?> srcData;
    private IntPointer srcLinesize;
    private SwsContext sws;
    private BytePointer out;
    private PointerPointer<?> dstData;
    private IntPointer dstLinesize;
    private int streamIndex;
    private int timeBaseNum;
    private int timeBaseDen;
    private double frameRate;
    private int inputWidth;
    private int inputHeight;
    private boolean draining;

    private FfmpegInput(String description, long timeoutNanos, boolean nonBlocking, int outWidth, int outHeight,
                        PixelFormat outFormat) {
        this.description = description;
        this.timeoutNanos = timeoutNanos;
        this.nonBlocking = nonBlocking;
        this.outWidth = outWidth;
        this.outHeight = outHeight;
        this.outFormat = outFormat;
        // YUVJ420P: the full-range variant, so swscale converts the range even where it would copy planes as they are.
        this.outPixFmt = outFormat == PixelFormat.I420 ? AV_PIX_FMT_YUVJ420P : AV_PIX_FMT_BGR24;
    }

    /**
     * Opens an input and its video decoder.
     *
     * @param description  what to call the input in messages, e.g. {@code camera /dev/video0}
     * @param inputFormat  an FFmpeg input format or device ({@code v4l2}, {@code lavfi}...), or null to probe
     * @param url          the device, file or filter graph
     * @param options      demuxer/device options ({@code video_size}, {@code framerate}...)
     * @param nonBlocking  read with {@code AVFMT_FLAG_NONBLOCK} and poll (capture devices)
     * @param timeoutNanos longest wait for the input to open and for each frame
     * @param width        width of the frames to deliver
     * @param height       height of the frames to deliver
     * @param pixelFormat  layout of the frames to deliver
     * @return the open input
     * @throws SourceException if it cannot be opened, has no video stream or no decoder for it
     */
    public static FfmpegInput open(String description, String inputFormat, String url, Map<String, String> options,
                                   boolean nonBlocking, long timeoutNanos, int width, int height,
                                   PixelFormat pixelFormat) {
        FfmpegInput input = new FfmpegInput(description, timeoutNanos, nonBlocking, width, height, pixelFormat);
        try {
            input.openInput(inputFormat, url, options);
            return input;
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
    }

    private void openInput(String inputFormat, String url, Map<String, String> options) {
        AVInputFormat demuxer = null;
        if (inputFormat != null) {
            demuxer = av_find_input_format(inputFormat);
            if (demuxer == null || demuxer.isNull()) {
                throw new SourceException("cannot open " + description + ": this FFmpeg build has no input format '"
                        + inputFormat + "'");
            }
        }
        OPEN.put(key, this);
        format = avformat_alloc_context();
        format.interrupt_callback().callback(interrupt()).opaque(opaque);
        if (nonBlocking) {
            format.flags(format.flags() | AVFMT_FLAG_NONBLOCK);
        }
        AVDictionary dictionary = new AVDictionary(null);
        options.forEach((k, v) -> av_dict_set(dictionary, k, v, 0));
        deadline = System.nanoTime() + timeoutNanos;
        int result = avformat_open_input(format, url, demuxer, dictionary);
        av_dict_free(dictionary);
        if (result < 0) {
            format = null;   // FFmpeg frees a user-supplied context when opening fails
            throw new SourceException("cannot open " + description + ": " + reason(result));
        }
        result = avformat_find_stream_info(format, (PointerPointer<?>) null);
        if (result < 0) {
            throw new SourceException("cannot read " + description + ": " + reason(result));
        }
        streamIndex = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
        if (streamIndex < 0) {
            throw new SourceException(description + " has no video stream");
        }
        deadline = Long.MAX_VALUE;
        AVStream stream = format.streams(streamIndex);
        AVCodecParameters parameters = stream.codecpar();
        AVCodec codec = avcodec_find_decoder(parameters.codec_id());
        if (codec == null || codec.isNull()) {
            throw new SourceException(description + ": this FFmpeg build has no decoder for "
                    + avcodec_get_name(parameters.codec_id()).getString());
        }
        decoder = avcodec_alloc_context3(codec);
        avcodec_parameters_to_context(decoder, parameters);
        result = avcodec_open2(decoder, codec, (AVDictionary) null);
        if (result < 0) {
            throw new SourceException(description + ": cannot open the " + codec.name().getString() + " decoder: "
                    + FfmpegNatives.error(result));
        }
        AVRational timeBase = stream.time_base();
        timeBaseNum = timeBase.num();
        timeBaseDen = timeBase.den();
        frameRate = rate(stream.avg_frame_rate());
        if (!(frameRate > 0)) {
            frameRate = rate(stream.r_frame_rate());
        }
        inputWidth = parameters.width();
        inputHeight = parameters.height();

        packet = av_packet_alloc();
        picture = av_frame_alloc();
        srcData = picture.data();
        srcLinesize = picture.linesize();
        out = new BytePointer(outFormat.bufferSize(outWidth, outHeight));
        dstData = new PointerPointer<>(4);
        dstLinesize = new IntPointer(4);
        av_image_fill_arrays(dstData, dstLinesize, out, outPixFmt, outWidth, outHeight, 1);
    }

    private static Interrupt interrupt() {
        Interrupt i = interrupt;
        if (i == null) {
            synchronized (OPEN) {
                i = interrupt;
                if (i == null) {
                    i = new Interrupt();
                    interrupt = i;
                }
            }
        }
        return i;
    }

    private String reason(int code) {
        if (code == AVERROR_EXIT) {
            return aborted ? "closed while opening" : "no answer within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                    + " ms";
        }
        return FfmpegNatives.error(code);
    }

    private static double rate(AVRational r) {
        return r == null || r.den() == 0 ? 0 : (double) r.num() / r.den();
    }

    private boolean shouldStop() {
        return aborted || System.nanoTime() - deadline > 0;
    }

    /**
     * Starts a read on the calling thread.
     *
     * @return false if the input is closed (then do not call {@link #exit()})
     */
    public boolean enter() {
        if (aborted) {
            return false;
        }
        io.lock();
        if (aborted || released) {
            io.unlock();
            return false;
        }
        reader = Thread.currentThread();
        return true;
    }

    /** Ends a read begun by a successful {@link #enter()}; releases the natives if the input was closed meanwhile. */
    public void exit() {
        reader = null;
        try {
            if (aborted) {
                release();
            }
        } finally {
            io.unlock();
        }
    }

    /**
     * Decodes the next picture of the video stream. Call between {@link #enter()} and {@link #exit()}.
     *
     * @return true with a picture ready for {@link #convertInto}; false at the end of the input or once closed
     * @throws SourceException if the input failed or delivered nothing within the timeout
     */
    public boolean nextPicture() {
        deadline = System.nanoTime() + timeoutNanos;
        try {
            // Each pass either returns, or consumes one packet, or waits one poll interval: bounded by the deadline.
            while (true) {
                if (aborted) {
                    return false;
                }
                int result = avcodec_receive_frame(decoder, picture);
                if (result >= 0) {
                    return true;
                }
                if (result == AVERROR_EOF) {
                    return false;
                }
                if (result != FfmpegNatives.AVERROR_EAGAIN) {
                    throw new SourceException(description + ": decoding failed: " + FfmpegNatives.error(result));
                }
                if (draining) {
                    return false;
                }
                result = av_read_frame(format, packet);
                if (result == FfmpegNatives.AVERROR_EAGAIN) {
                    if (System.nanoTime() - deadline > 0) {
                        throw timedOut();
                    }
                    LockSupport.parkNanos(this, POLL_NANOS);
                    continue;
                }
                if (result == AVERROR_EOF) {
                    draining = true;
                    avcodec_send_packet(decoder, null);
                    continue;
                }
                if (result == AVERROR_EXIT) {
                    if (aborted) {
                        return false;
                    }
                    throw timedOut();
                }
                if (result < 0) {
                    throw new SourceException(description + " stopped delivering frames: " + FfmpegNatives.error(result));
                }
                if (packet.stream_index() == streamIndex) {
                    // A damaged packet is skipped: the decoder recovers at the next good one.
                    avcodec_send_packet(decoder, packet);
                }
                av_packet_unref(packet);
            }
        } finally {
            deadline = Long.MAX_VALUE;
        }
    }

    private SourceException timedOut() {
        return new SourceException(description + " delivered no frame for "
                + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (unplugged or stalled?)");
    }

    /**
     * Scales and converts the current picture into {@code into} (resized to the output geometry) with one
     * swscale pass and one copy. Does not stamp it.
     *
     * @param into the frame to fill
     */
    public void convertInto(VideoFrame into) {
        int w = picture.width();
        int h = picture.height();
        sws = sws_getCachedContext(sws, w, h, picture.format(), outWidth, outHeight, outPixFmt, SWS_BILINEAR,
                (SwsFilter) null, (SwsFilter) null, (DoublePointer) null);
        if (sws == null || sws.isNull()) {
            throw new SourceException(description + ": cannot convert " + w + "x" + h + " pixel format "
                    + picture.format() + " to " + outFormat);
        }
        // vc's I420 is full range (JFIF), like its JPEG codec and synthetic camera; the input's range is its own.
        boolean fullRangeInput = picture.color_range() == AVCOL_RANGE_JPEG || picture.format() == AV_PIX_FMT_YUVJ420P;
        sws_setColorspaceDetails(sws, sws_getCoefficients(SWS_CS_ITU601), fullRangeInput ? 1 : 0,
                sws_getCoefficients(SWS_CS_ITU601), 1, 0, 1 << 16, 1 << 16);
        sws_scale(sws, srcData, srcLinesize, 0, h, dstData, dstLinesize);
        into.reset(outWidth, outHeight, outFormat);
        out.position(0).get(into.data(), 0, outFormat.bufferSize(outWidth, outHeight));
    }

    /**
     * @return the current picture's presentation time in nanoseconds of the stream's time base, or
     *         {@link Long#MIN_VALUE} if it has none
     */
    public long pictureTimeNanos() {
        long pts = picture.best_effort_timestamp();
        if (pts == AV_NOPTS_VALUE || timeBaseDen == 0) {
            return Long.MIN_VALUE;
        }
        return (long) ((double) pts * timeBaseNum * 1e9 / timeBaseDen);
    }

    /**
     * Seeks back to the start and resets the decoder, for looping a file.
     *
     * @return whether the seek worked
     */
    public boolean rewind() {
        int result = av_seek_frame(format, -1, Long.MIN_VALUE + 1, AVSEEK_FLAG_BACKWARD);
        if (result < 0) {
            result = av_seek_frame(format, streamIndex, 0, AVSEEK_FLAG_BACKWARD);
        }
        avcodec_flush_buffers(decoder);
        draining = false;
        return result >= 0;
    }

    /**
     * Parks the reading thread until {@code System.nanoTime()} reaches {@code nanoTime}, or the input is closed.
     *
     * @param nanoTime the deadline
     * @return false if closed meanwhile
     */
    public boolean sleepUntil(long nanoTime) {
        long wait;
        while (!aborted && (wait = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, wait);
        }
        return !aborted;
    }

    /** @return the input's frame rate (average, else the stream's base rate), or 0 if unknown */
    public double frameRate() {
        return frameRate;
    }

    /** @return the width the input delivers before scaling */
    public int inputWidth() {
        return inputWidth;
    }

    /** @return the height the input delivers before scaling */
    public int inputHeight() {
        return inputHeight;
    }

    /** @return whether {@link #abort()} or {@link #close()} was called */
    public boolean closed() {
        return aborted;
    }

    /** Makes every current and later read return false promptly. Idempotent, any thread. */
    public void abort() {
        aborted = true;
        Thread waiting = reader;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
    }

    /**
     * Aborts and releases the natives now if no read is in progress, else lets the reading thread release
     * them as it leaves. Idempotent, any thread.
     */
    @Override
    public void close() {
        abort();
        if (io.tryLock()) {
            try {
                release();
            } finally {
                io.unlock();
            }
        }
    }

    private void release() {
        if (released) {
            return;
        }
        released = true;
        OPEN.remove(key);
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (picture != null) {
            av_frame_free(picture);
            picture = null;
        }
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (decoder != null) {
            avcodec_free_context(decoder);
            decoder = null;
        }
        if (format != null) {
            avformat_close_input(format);
            format = null;
        }
        for (Pointer p : new Pointer[] {out, dstData, dstLinesize, opaque}) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Override
    public String toString() {
        return "FfmpegInput[" + description + " " + inputWidth + "x" + inputHeight + " @" + frameRate + " -> "
                + outWidth + "x" + outHeight + " " + outFormat + "]";
    }
}
