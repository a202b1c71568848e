package dev.vc.bench.roomcost;

import dev.vc.api.VideoCodec;

import java.util.Arrays;
import java.util.List;

/**
 * A few seconds of one sender's encoded video, held in memory to be replayed: the access units (or JPEG images)
 * in encoding order, each an exact-size copy, the first one a keyframe. Immutable. {@link Recorder} makes
 * them; {@link ReplayedSenders} sends them.
 *
 * <pre>{@code
 * Recording r = ...;
 * for (int i = 0; i < r.frames(); i++) {
 *     packetizer.packetize(r.frame(i), 0, r.frame(i).length, MediaClock.nowNanos(), rtp, sink);
 * }
 * }</pre>
 */
final class Recording {
    private final VideoCodec codec;
    private final int width;
    private final int height;
    private final int bitrateBps;
    private final byte[][] frames;
    private final boolean[] keyframes;
    private final int skippedSlots;

    /**
     * @param codec        what the frames are
     * @param width        the pictures' width
     * @param height       the pictures' height
     * @param bitrateBps   the bitrate the encoder was given (0 for codecs without rate control)
     * @param frames       the encoded frames in order, each exactly its bytes
     * @param keyframes    per frame, whether it decodes on its own
     * @param skippedSlots camera frame slots the recording missed because encoding fell behind real time
     * @throws IllegalArgumentException if there are no frames, the lists differ in size or the first frame is no
     *                                  keyframe
     */
    Recording(VideoCodec codec, int width, int height, int bitrateBps, List<byte[]> frames, List<Boolean> keyframes, int skippedSlots) {
        if (frames.isEmpty() || frames.size() != keyframes.size() || !keyframes.get(0)) {
            throw new IllegalArgumentException("a recording needs frames starting with a keyframe, got "
                    + frames.size() + " frames" + (keyframes.isEmpty() ? "" : ", first key " + keyframes.get(0)));
        }
        this.codec = codec;
        this.width = width;
        this.height = height;
        this.bitrateBps = bitrateBps;
        this.frames = frames.toArray(new byte[0][]);
        this.keyframes = new boolean[keyframes.size()];
        for (int i = 0; i < this.keyframes.length; i++) {
            this.keyframes[i] = keyframes.get(i);
        }
        this.skippedSlots = skippedSlots;
    }

    /** @return the codec of every frame */
    VideoCodec codec() {
        return codec;
    }

    /** @return the pictures' width */
    int width() {
        return width;
    }

    /** @return the pictures' height */
    int height() {
        return height;
    }

    /** @return the bitrate the encoder was given, bit/s */
    int bitrateBps() {
        return bitrateBps;
    }

    /** @return the number of frames */
    int frames() {
        return frames.length;
    }

    /**
     * @param index 0..{@link #frames()}-1
     * @return that frame's bytes, exactly; not to be modified
     */
    byte[] frame(int index) {
        return frames[index];
    }

    /**
     * @param index 0..{@link #frames()}-1
     * @return whether that frame decodes on its own
     */
    boolean keyframe(int index) {
        return keyframes[index];
    }

    /** @return the bytes of all frames together */
    long bytes() {
        return Arrays.stream(frames).mapToLong(f -> f.length).sum();
    }

    /** @return camera frame slots missed while recording (0 when the recorder kept up with real time) */
    int skippedSlots() {
        return skippedSlots;
    }
}
