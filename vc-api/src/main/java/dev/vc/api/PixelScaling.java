package dev.vc.api;

/**
 * Halving an I420 picture in each direction, the one scaling pass a simulcast sender makes per layer
 * (640x480 -> 320x240 -> 160x120): every output sample is the rounded mean of the 2x2 input samples it covers, in
 * each of the three planes. Integer arithmetic, one pass, nothing allocated: callers pass reused buffers.
 *
 * <pre>{@code
 * PixelScaling.halveI420(full, small);   // small becomes full.width()/2 x full.height()/2, same capture time
 * }</pre>
 */
public final class PixelScaling {
    private PixelScaling() {
    }

    /**
     * Halves a frame into another, which takes the half size and the source's capture time and sequence.
     *
     * @param source an I420 frame whose width and height are multiples of 4
     * @param target the frame to fill; its buffer is reused when large enough
     * @return {@code target}
     * @throws IllegalArgumentException if the source is not I420 or its size is not a multiple of 4
     */
    public static VideoFrame halveI420(VideoFrame source, VideoFrame target) {
        if (source.format() != PixelFormat.I420) {
            throw new IllegalArgumentException("only I420 is halved, got " + source.format());
        }
        target.reset(source.width() / 2, source.height() / 2, PixelFormat.I420);
        halveI420(source.data(), source.width(), source.height(), target.data());
        return target.stamp(source.captureTimeNanos(), source.sequence());
    }

    /**
     * Halves tightly packed I420.
     *
     * @param i420   Y plane, then U, then V, of a {@code width x height} picture
     * @param width  width in pixels, a multiple of 4
     * @param height height in pixels, a multiple of 4
     * @param half   destination, at least {@code (width / 2) * (height / 2) * 3 / 2} bytes
     * @throws IllegalArgumentException if the size is not a multiple of 4 or a buffer is too small
     */
    public static void halveI420(byte[] i420, int width, int height, byte[] half) {
        if (width <= 0 || height <= 0 || (width & 3) != 0 || (height & 3) != 0) {
            throw new IllegalArgumentException("halving I420 needs a size that is a multiple of 4: " + width + "x"
                    + height);
        }
        int lumaBytes = width * height;
        int halfLuma = lumaBytes / 4;
        if (i420.length < lumaBytes * 3 / 2 || half.length < halfLuma * 3 / 2) {
            throw new IllegalArgumentException("buffer too small for " + width + "x" + height + " I420");
        }
        halvePlane(i420, 0, width, height, half, 0);
        int chroma = lumaBytes / 4;
        halvePlane(i420, lumaBytes, width / 2, height / 2, half, halfLuma);
        halvePlane(i420, lumaBytes + chroma, width / 2, height / 2, half, halfLuma + halfLuma / 4);
    }

    /** One plane of {@code width x height} samples (both even) into one of half the size. */
    private static void halvePlane(byte[] in, int from, int width, int height, byte[] out, int to) {
        int outWidth = width >> 1;
        for (int y = 0; y < height; y += 2) {
            int row = from + y * width;
            int next = row + width;
            int o = to + (y >> 1) * outWidth;
            for (int x = 0; x < width; x += 2, o++) {
                int sum = (in[row + x] & 0xFF) + (in[row + x + 1] & 0xFF) + (in[next + x] & 0xFF)
                        + (in[next + x + 1] & 0xFF);
                out[o] = (byte) ((sum + 2) >> 2);
            }
        }
    }
}
