package dev.vc.codec.h264.ffmpeg;

import dev.vc.codec.h264.natives.FfmpegNatives;
import dev.vc.api.Availability;
import dev.vc.api.CodecException;
import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderProvider;
import dev.vc.api.EncoderSettings;
import dev.vc.api.VideoCodec;
import dev.vc.codec.h264.internal.H264Options;

/**
 * The {@code h264} encoder: FFmpeg's libopenh264 wrapper through bytedeco. Preferred over {@code h264-jcodec}
 * (about 4 ms per 640x480 frame and a held bitrate); unavailable, with the reason, when FFmpeg's natives do not
 * load or lack the encoder.
 *
 * <pre>{@code
 * Encoder encoder = ProviderRegistry.encoders().byName("h264").create(EncoderSettings.from(config));
 * }</pre>
 */
public final class FfmpegH264EncoderProvider implements EncoderProvider {
    /** The name {@code vc.codec} selects this provider by. */
    public static final String NAME = "h264";

    /** Cheap: the natives are probed by {@link #availability()}, once per process. */
    public FfmpegH264EncoderProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public VideoCodec codec() {
        return VideoCodec.H264;
    }

    @Override
    public Availability availability() {
        String encoder;
        try {
            encoder = Config.load().get(H264Options.FFMPEG_ENCODER);
        } catch (ConfigException e) {
            encoder = H264Options.FFMPEG_ENCODER.defaultValue();
        }
        return FfmpegCodecs.encoder(encoder);
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public Encoder create(EncoderSettings settings) {
        H264Options options = H264Options.from(settings.config());
        Availability availability = FfmpegCodecs.encoder(options.ffmpegEncoder());
        if (!availability.available()) {
            throw new CodecException("h264 encoder cannot run here: " + availability.reason());
        }
        FfmpegNatives.logLevel(options.ffmpegLogLevel());
        return new FfmpegH264Encoder(settings, options);
    }

    @Override
    public String toString() {
        return "h264 (FFmpeg libopenh264)";
    }
}
