package dev.vc.record;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

import java.nio.file.Path;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;

/**
 * What FFmpeg's demuxer reads from a recorded file: its streams, the video stream's codec and size, how many
 * packets (frames) it holds, how many are keyframes, and the span of their timestamps.
 *
 * @param streams       streams in the file
 * @param codec         FFmpeg's name of the first stream's codec ("h264", "mjpeg")
 * @param width         its width
 * @param height        its height
 * @param frames        packets read
 * @param keyframes     packets flagged as keyframes
 * @param firstPtsMillis the first packet's time
 * @param lastPtsMillis  the last packet's time
 * @param durationMillis the duration the container states
 */
record ContainerProbe(int streams, String codec, int width, int height, int frames, int keyframes,
                     long firstPtsMillis, long lastPtsMillis, long durationMillis) {
    static ContainerProbe read(Path file) {
        AVFormatContext context = new AVFormatContext(null);
        int opened = avformat_open_input(context, file.toString(), null, (AVDictionary) null);
        if (opened < 0) {
            throw new AssertionError("FFmpeg cannot open " + file + ": " + opened);
        }
        try {
            if (avformat_find_stream_info(context, (AVDictionary) null) < 0) {
                throw new AssertionError("no stream info in " + file);
            }
            AVStream stream = context.streams(0);
            double timeBase = stream.time_base().num() / (double) stream.time_base().den();
            AVPacket packet = av_packet_alloc();
            int frames = 0;
            int keyframes = 0;
            long first = Long.MIN_VALUE;
            long last = 0;
            while (av_read_frame(context, packet) >= 0) {
                if (packet.stream_index() == 0) {
                    long millis = Math.round(packet.pts() * timeBase * 1000);
                    first = first == Long.MIN_VALUE ? millis : first;
                    last = millis;
                    frames++;
                    keyframes += (packet.flags() & AV_PKT_FLAG_KEY) != 0 ? 1 : 0;
                }
                av_packet_unref(packet);
            }
            av_packet_free(packet);
            return new ContainerProbe(context.nb_streams(), avcodec_get_name(stream.codecpar().codec_id()).getString(),
                    stream.codecpar().width(), stream.codecpar().height(), frames, keyframes, first, last,
                    context.duration() * 1000 / AV_TIME_BASE);
        } finally {
            avformat_close_input(context);
        }
    }
}
