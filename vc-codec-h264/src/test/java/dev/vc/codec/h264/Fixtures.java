package dev.vc.codec.h264;

import dev.vc.api.Config;
import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.VideoFrame;

import java.util.ArrayList;
import java.util.List;

/** Shared test helpers: the sequence (generated once), providers by name, encoded streams. */
final class Fixtures {
    /** Frames of the test sequence used across tests. */
    static final int FRAMES = 300;
    private static List<VideoFrame> frames;

    private Fixtures() {
    }

    /** @return the first {@value #FRAMES} frames of {@link TestSequence}, generated on first use */
    static synchronized List<VideoFrame> frames() {
        if (frames == null) {
            List<VideoFrame> list = new ArrayList<>(FRAMES);
            for (int i = 0; i < FRAMES; i++) {
                list.add(TestSequence.frame(i));
            }
            frames = List.copyOf(list);
        }
        return frames;
    }

    static EncoderSettings settings(int bitrate, int keyframeInterval) {
        return new EncoderSettings(TestSequence.WIDTH, TestSequence.HEIGHT, TestSequence.FPS, bitrate, 60,
                keyframeInterval, Config.empty());
    }

    static Encoder encoder(String name, int bitrate, int keyframeInterval) {
        return ProviderRegistry.encoders().byName(name).create(settings(bitrate, keyframeInterval));
    }

    static Decoder decoder(String name) {
        return ProviderRegistry.decoders().byName(name).create(Config.empty());
    }

    /** @return a copy of the frame's valid bytes and stamps */
    static EncodedFrame copy(EncodedFrame frame) {
        EncodedFrame c = new EncodedFrame(Math.max(1, frame.length()));
        c.set(frame.data(), 0, frame.length());
        c.describe(frame.codec(), frame.keyframe(), frame.width(), frame.height(), frame.captureTimeNanos(),
                frame.sequence());
        return c;
    }

    /**
     * Encodes the first {@code count} frames.
     *
     * @return the encoded frames (skipped frames left out)
     */
    static List<EncodedFrame> encode(String name, int bitrate, int keyframeInterval, int count) {
        List<EncodedFrame> out = new ArrayList<>();
        try (Encoder encoder = encoder(name, bitrate, keyframeInterval)) {
            EncodedFrame encoded = new EncodedFrame();
            for (int i = 0; i < count; i++) {
                if (encoder.encode(frames().get(i), encoded)) {
                    out.add(copy(encoded));
                }
            }
        }
        return out;
    }
}
