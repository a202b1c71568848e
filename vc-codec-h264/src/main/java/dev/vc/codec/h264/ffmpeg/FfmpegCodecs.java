package dev.vc.codec.h264.ffmpeg;

import dev.vc.api.Availability;
import dev.vc.codec.h264.natives.FfmpegNatives;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.global.avcodec;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Answers whether the FFmpeg encoders and the decoder this module needs exist in the FFmpeg build that
 * {@link FfmpegNatives} loads; each answer is found once.
 */
final class FfmpegCodecs {
    private static final ConcurrentMap<String, Availability> ENCODERS = new ConcurrentHashMap<>();
    private static volatile Availability decoder;

    private FfmpegCodecs() {
    }

    /**
     * @param name FFmpeg encoder name, e.g. {@code libopenh264}
     * @return whether that encoder is present
     */
    static Availability encoder(String name) {
        return ENCODERS.computeIfAbsent(name, n -> {
            Availability loaded = FfmpegNatives.codecs();
            if (!loaded.available()) {
                return loaded;
            }
            AVCodec codec = avcodec.avcodec_find_encoder_by_name(n);
            if (codec == null || codec.isNull()) {
                return Availability.unavailable("this FFmpeg build has no '" + n + "' encoder");
            }
            return Availability.AVAILABLE;
        });
    }

    /** @return whether FFmpeg's H.264 decoder is present */
    static Availability decoder() {
        Availability a = decoder;
        if (a == null) {
            Availability loaded = FfmpegNatives.codecs();
            if (!loaded.available()) {
                a = loaded;
            } else {
                AVCodec codec = avcodec.avcodec_find_decoder(avcodec.AV_CODEC_ID_H264);
                a = codec == null || codec.isNull()
                        ? Availability.unavailable("this FFmpeg build has no H.264 decoder") : Availability.AVAILABLE;
            }
            decoder = a;
        }
        return a;
    }
}
