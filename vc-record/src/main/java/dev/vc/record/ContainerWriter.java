package dev.vc.record;

import dev.vc.api.VideoCodec;
import dev.vc.codec.h264.natives.FfmpegNatives;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

import java.nio.file.Path;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_flush;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

/**
 * One file (Matroska or fragmented MP4, {@link Container}) of one video stream, written through FFmpeg's muxer
 * without decoding anything: H.264 access units (Annex-B, as vc's transport hands them on; the muxer stores them
 * length-prefixed, with the SPS and PPS given at opening as the track's CodecPrivate or {@code avcC}) or JPEG frames
 * (as MJPEG). Timestamps are in the 90 kHz RTP clock, counted from the file's first frame.
 *
 * <p>Writing a frame copies it into one native buffer kept across frames (grown when a frame is larger) and
 * allocates nothing on the Java heap. The muxer starts a cluster (Matroska) or a fragment (MP4) at each keyframe; the
 * writer then flushes the one before it to disk, so a process that dies before {@link #close()} (which writes the
 * index and the duration) leaves a file readable up to its last keyframe. Not thread-safe.
 */
final class ContainerWriter implements AutoCloseable {
    /** The 90 kHz RTP clock; made after the natives are known to load (a static one would load them first). */
    private final AVRational rtpClock;

    private final Path file;
    private final AVFormatContext context;
    private final AVStream stream;
    private final AVPacket packet;
    private BytePointer buffer;
    private long frames;
    private long lastPts = -1;
    private boolean closed;

    private ContainerWriter(Path file, AVFormatContext context, AVStream stream) {
        this.file = file;
        this.rtpClock = av_make_q(1, VideoCodec.RTP_CLOCK_RATE);
        this.context = context;
        this.stream = stream;
        this.packet = av_packet_alloc();
        this.buffer = new BytePointer(av_malloc(64 * 1024 + AV_INPUT_BUFFER_PADDING_SIZE)).capacity(64 * 1024);
    }

    /**
     * Creates the file and writes its header.
     *
     * @param file         where
     * @param container    the file format
     * @param codec        the stream's codec
     * @param width        picture width
     * @param height       picture height
     * @param parameterSets H.264: the SPS and PPS, Annex-B (the track's CodecPrivate); null for JPEG
     * @param creationTime the file's creation time (ISO 8601, UTC), stored as its DateUTC
     * @return the open writer
     * @throws RecordingException if FFmpeg's natives do not load or the file cannot be created
     */
    static ContainerWriter create(Path file, Container container, VideoCodec codec, int width, int height,
                                  byte[] parameterSets, String creationTime) {
        if (!FfmpegNatives.muxers().available()) {
            throw new RecordingException("FFmpeg's muxers are not available: " + FfmpegNatives.muxers().reason());
        }
        AVFormatContext context = new AVFormatContext(null);
        check(avformat_alloc_output_context2(context, null, container.muxer(), file.toString()), "allocate the muxer", file);
        try {
            AVStream stream = avformat_new_stream(context, null);
            if (stream == null) {
                throw new RecordingException("cannot add a stream to " + file);
            }
            AVCodecParameters parameters = stream.codecpar();
            parameters.codec_type(AVMEDIA_TYPE_VIDEO);
            parameters.codec_id(codec == VideoCodec.H264 ? AV_CODEC_ID_H264 : AV_CODEC_ID_MJPEG);
            parameters.width(width);
            parameters.height(height);
            if (parameterSets != null) {
                BytePointer extradata = new BytePointer(av_malloc(parameterSets.length + AV_INPUT_BUFFER_PADDING_SIZE))
                        .capacity(parameterSets.length + AV_INPUT_BUFFER_PADDING_SIZE);
                extradata.put(parameterSets, 0, parameterSets.length);
                extradata.position(parameterSets.length).fill(0).position(0);
                parameters.extradata(extradata);
                parameters.extradata_size(parameterSets.length);
            }
            stream.time_base(av_make_q(1, VideoCodec.RTP_CLOCK_RATE));
            AVDictionary metadata = new AVDictionary(null);
            av_dict_set(metadata, "creation_time", creationTime, 0);
            context.metadata(metadata);
            AVIOContext io = new AVIOContext(null);
            check(avio_open(io, file.toString(), AVIO_FLAG_WRITE), "create", file);
            context.pb(io);
            AVDictionary options = new AVDictionary(null);
            if (container.movFlags() != null) {
                av_dict_set(options, "movflags", container.movFlags(), 0);
            }
            try {
                check(avformat_write_header(context, options), "write the header of", file);
            } finally {
                av_dict_free(options);
            }
            return new ContainerWriter(file, context, stream);
        } catch (RuntimeException e) {
            if (context.pb() != null) {
                avio_closep(context.pb());
            }
            avformat_free_context(context);
            throw e;
        }
    }

    private static void check(int result, String what, Path file) {
        if (result < 0) {
            throw new RecordingException("cannot " + what + " " + file + ": " + FfmpegNatives.error(result));
        }
    }

    /**
     * Writes one frame.
     *
     * @param data     its bytes
     * @param length   how many
     * @param pts      its time in the 90 kHz clock from the file's first frame; raised to one tick after the
     *                 previous frame's if it is not later (the container needs increasing timestamps)
     * @param keyframe whether it decodes alone
     * @throws RecordingException if the muxer fails (the disk is full, say)
     */
    void write(byte[] data, int length, long pts, boolean keyframe) {
        if (length + AV_INPUT_BUFFER_PADDING_SIZE > buffer.capacity()) {
            BytePointer grown = new BytePointer(av_malloc(2L * length + AV_INPUT_BUFFER_PADDING_SIZE))
                    .capacity(2L * length + AV_INPUT_BUFFER_PADDING_SIZE);
            org.bytedeco.ffmpeg.global.avutil.av_free(buffer);
            buffer = grown;
        }
        buffer.position(0).put(data, 0, length);
        long time = pts > lastPts ? pts : lastPts + 1;
        lastPts = time;
        long muxerTime = av_rescale_q(time, rtpClock, stream.time_base());
        packet.data(buffer.position(0));
        packet.size(length);
        packet.stream_index(0);
        packet.pts(muxerTime);
        packet.dts(muxerTime);
        packet.duration(0);
        packet.flags(keyframe ? AV_PKT_FLAG_KEY : 0);
        check(av_write_frame(context, packet), "write a frame to", file);
        if (keyframe) {
            avio_flush(context.pb());   // the cluster a keyframe closed goes to disk: what a crash would keep
        }
        frames++;
    }

    /** @return frames written */
    long frames() {
        return frames;
    }

    /** @return the file */
    Path file() {
        return file;
    }

    /** Writes the trailer (index, duration) and closes the file; once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            check(av_write_trailer(context), "finish", file);
        } finally {
            avio_closep(context.pb());
            avformat_free_context(context);
            packet.data(null);
            av_packet_free(packet);
            org.bytedeco.ffmpeg.global.avutil.av_free(buffer);
        }
    }
}
