package dev.vc.codec.h264.ffmpeg;

import dev.vc.codec.h264.natives.FfmpegNatives;
import dev.vc.api.Availability;
import dev.vc.api.CodecException;
import dev.vc.api.Config;
import dev.vc.api.Decoder;
import dev.vc.api.DecoderProvider;
import dev.vc.api.VideoCodec;
import dev.vc.codec.h264.internal.H264Options;

/**
 * The {@code h264} decoder: FFmpeg's native H.264 decoder through bytedeco, under a millisecond per 640x480
 * frame. Preferred over {@code h264-jcodec}; unavailable, with the reason, when FFmpeg's natives do not load.
 *
 * <pre>{@code
 * Decoder decoder = ProviderRegistry.decoderFor(config, VideoCodec.H264).create(config);
 * }</pre>
 */
public final class FfmpegH264DecoderProvider implements DecoderProvider {
    /** The name {@code vc.decoder.h264} selects this provider by. */
    public static final String NAME = "h264";

    /** Cheap: the natives are probed by {@link #availability()}, once per process. */
    public FfmpegH264DecoderProvider() {
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
        return FfmpegCodecs.decoder();
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public Decoder create(Config config) {
        Availability availability = FfmpegCodecs.decoder();
        if (!availability.available()) {
            throw new CodecException("h264 decoder cannot run here: " + availability.reason());
        }
        H264Options options = H264Options.from(config);
        FfmpegNatives.logLevel(options.ffmpegLogLevel());
        return new FfmpegH264Decoder(options.decoderOutput());
    }

    @Override
    public String toString() {
        return "h264 (FFmpeg)";
    }
}
