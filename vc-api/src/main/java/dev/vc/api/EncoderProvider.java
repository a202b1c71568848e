package dev.vc.api;

/**
 * Creates {@link Encoder}s; registered with {@code provides dev.vc.api.EncoderProvider} and selected by
 * {@code vc.codec} (for example {@code jpeg}, {@code h264}, {@code h264-jcodec}).
 */
public interface EncoderProvider extends Provider {
    /** @return the bitstream format this provider's encoders produce */
    VideoCodec codec();

    /**
     * The bitrate this codec needs for fluid 640x480 video at 30 fps, used when {@code vc.bitrate} is not set, so
     * that swapping the codec by configuration alone keeps the picture moving.
     *
     * @return bits per second; {@link CoreSettings#BITRATE}'s default unless the codec needs another
     */
    default int defaultBitrate() {
        return CoreSettings.BITRATE.defaultValue();
    }

    /**
     * @param settings size, rate and quality
     * @return a new encoder
     * @throws CodecException if the encoder cannot be created with these settings
     */
    Encoder create(EncoderSettings settings);
}
