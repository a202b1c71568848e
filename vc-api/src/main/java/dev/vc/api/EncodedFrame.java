package dev.vc.api;

import java.util.Arrays;

/**
 * One compressed frame (a JPEG image or an H.264 access unit in Annex-B form), in a buffer reused from
 * frame to frame.
 *
 * <p>Valid bytes are {@code data()[0, length())}. Like {@link VideoFrame}, an encoded frame belongs to whoever
 * allocated it; consumers copy what they need before the handing call returns.
 */
public final class EncodedFrame {
    private byte[] data;
    private int length;
    private VideoCodec codec = VideoCodec.JPEG;
    private boolean keyframe;
    private int width;
    private int height;
    private long captureTimeNanos;
    private long sequence;
    private int layer;
    private int rtpTimestamp;

    /** Creates a frame with a 64 KiB buffer, which grows on demand. */
    public EncodedFrame() {
        this(64 * 1024);
    }

    /**
     * @param capacity initial buffer size in bytes
     */
    public EncodedFrame(int capacity) {
        data = new byte[capacity];
    }

    /**
     * Makes sure the buffer holds at least {@code capacity} bytes, keeping the first {@link #length()}.
     *
     * @param capacity the size needed
     * @return the (possibly new) buffer
     */
    public byte[] ensureCapacity(int capacity) {
        if (data.length < capacity) {
            data = Arrays.copyOf(data, Math.max(capacity, data.length * 2));
        }
        return data;
    }

    /**
     * Replaces the content with a copy of {@code src[offset, offset + len)}.
     *
     * @param src    source bytes
     * @param offset first byte
     * @param len    number of bytes
     * @return this frame
     */
    public EncodedFrame set(byte[] src, int offset, int len) {
        ensureCapacity(len);
        System.arraycopy(src, offset, data, 0, len);
        length = len;
        return this;
    }

    /**
     * Sets everything but the bytes.
     *
     * @param codec            the compressed format
     * @param keyframe         whether the frame decodes on its own (always true for JPEG)
     * @param width            picture width in pixels
     * @param height           picture height in pixels
     * @param captureTimeNanos capture time of the raw frame ({@link MediaClock})
     * @param sequence         the raw frame's sequence number
     * @return this frame
     */
    public EncodedFrame describe(VideoCodec codec, boolean keyframe, int width, int height,
                                 long captureTimeNanos, long sequence) {
        this.codec = codec;
        this.keyframe = keyframe;
        this.width = width;
        this.height = height;
        this.captureTimeNanos = captureTimeNanos;
        this.sequence = sequence;
        return this;
    }

    /** @return the buffer; valid bytes are {@code [0, length())} */
    public byte[] data() {
        return data;
    }

    /** @return the number of valid bytes */
    public int length() {
        return length;
    }

    /**
     * @param length the number of valid bytes, at most the buffer size
     * @return this frame
     */
    public EncodedFrame length(int length) {
        if (length < 0 || length > data.length) {
            throw new IllegalArgumentException("length " + length + " outside buffer of " + data.length);
        }
        this.length = length;
        return this;
    }

    /** @return the compressed format */
    public VideoCodec codec() {
        return codec;
    }

    /** @return whether the frame decodes without earlier frames */
    public boolean keyframe() {
        return keyframe;
    }

    /** @return picture width in pixels, 0 if unknown */
    public int width() {
        return width;
    }

    /** @return picture height in pixels, 0 if unknown */
    public int height() {
        return height;
    }

    /** @return capture time of the raw frame, nanoseconds since the epoch ({@link MediaClock}) */
    public long captureTimeNanos() {
        return captureTimeNanos;
    }

    /** @return the raw frame's sequence number */
    public long sequence() {
        return sequence;
    }

    /** @return the simulcast layer the frame belongs to: 0 for the largest (and for a stream of one layer) */
    public int layer() {
        return layer;
    }

    /**
     * Marks the simulcast layer the frame belongs to; {@link #describe} leaves it as it is.
     *
     * @param layer 0 (the largest) .. 2
     * @return this
     */
    public EncodedFrame layer(int layer) {
        if (layer < 0 || layer > 2) {
            throw new IllegalArgumentException("layer must be in 0..2, got " + layer);
        }
        this.layer = layer;
        return this;
    }

    /**
     * @return the RTP timestamp (90 kHz media clock, RFC 3550 §5.1) the frame arrived with, as the sender stamped
     *         it; 0 for a frame that did not come over RTP
     */
    public int rtpTimestamp() {
        return rtpTimestamp;
    }

    /**
     * Marks the RTP timestamp the frame arrived with (the receiving transport does); {@link #describe} leaves it
     * as it is.
     *
     * @param timestamp the 32-bit RTP timestamp
     * @return this
     */
    public EncodedFrame rtpTimestamp(int timestamp) {
        this.rtpTimestamp = timestamp;
        return this;
    }

    @Override
    public String toString() {
        return "EncodedFrame[" + codec + (keyframe ? " key " : " ") + width + "x" + height + " " + length
                + " B #" + sequence + (layer == 0 ? "" : " layer " + layer) + "]";
    }
}
