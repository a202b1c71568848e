package dev.vc.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Halving a picture in each direction, the one scaling pass a simulcast sender makes per layer
 * (640x480 -> 320x240 -> 160x120): every output sample is the rounded mean of the 2x2 input samples it covers, in
 * each plane (I420) or each colour (BGR24). Integer arithmetic, one pass, nothing allocated: callers pass reused
 * buffers.
 *
 * <p>The half of a size is {@link #halfSize}: half, rounded down to an even number, so that every layer is a
 * valid I420 size and every layer's size follows from the first one alone ({@code halfSize} applied {@code k}
 * times is {@code (size >> k) & ~1}). When halving drops a pixel the last column or row of the input is left out.
 *
 * <pre>{@code
 * PixelScaling.halve(full, small);   // small becomes halfSize(width) x halfSize(height), same capture time
 * }</pre>
 */
public final class PixelScaling {
    /** Eight samples of a row at once, little-endian (sample {@code i} in bits {@code 8i..8i+7}). */
    private static final VarHandle EIGHT = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Four output samples at once. */
    private static final VarHandle FOUR = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** The even samples of eight, each in a 16-bit lane. */
    private static final long EVEN = 0x00FF_00FF_00FF_00FFL;
    /** The rounding term of each lane's sum of four. */
    private static final long HALF_OF_FOUR = 0x0002_0002_0002_0002L;

    private PixelScaling() {
    }

    /**
     * The size of a halved picture's side: half of {@code size}, rounded down to an even number.
     *
     * @param size a side of the picture, in pixels
     * @return the side of its half, 0 if {@code size} is below 4
     */
    public static int halfSize(int size) {
        return (size >> 1) & ~1;
    }

    /**
     * Halves a frame of either format into another, which takes the half size, the same format, and the
     * source's capture time and sequence.
     *
     * @param source an I420 or BGR24 frame at least 4 pixels wide and high
     * @param target the frame to fill; its buffer is reused when large enough
     * @return {@code target}
     * @throws IllegalArgumentException if the source is smaller than 4x4 (or, I420, of odd size)
     */
    public static VideoFrame halve(VideoFrame source, VideoFrame target) {
        return source.format() == PixelFormat.I420 ? halveI420(source, target) : halveBgr24(source, target);
    }

    /**
     * Halves an I420 frame into another, which takes the half size and the source's capture time and sequence.
     *
     * @param source an I420 frame at least 4 pixels wide and high
     * @param target the frame to fill; its buffer is reused when large enough
     * @return {@code target}
     * @throws IllegalArgumentException if the source is not I420 or smaller than 4x4
     */
    public static VideoFrame halveI420(VideoFrame source, VideoFrame target) {
        if (source.format() != PixelFormat.I420) {
            throw new IllegalArgumentException("not an I420 frame: " + source.format());
        }
        checkHalvable(source.width(), source.height());
        target.reset(halfSize(source.width()), halfSize(source.height()), PixelFormat.I420);
        halveI420(source.data(), source.width(), source.height(), target.data());
        return target.stamp(source.captureTimeNanos(), source.sequence());
    }

    /**
     * Halves tightly packed I420 into a picture of {@code halfSize(width) x halfSize(height)}.
     *
     * @param i420   Y plane, then U, then V, of a {@code width x height} picture
     * @param width  width in pixels, even, at least 4
     * @param height height in pixels, even, at least 4
     * @param half   destination, at least {@code PixelFormat.I420.bufferSize(halfSize(width), halfSize(height))}
     *               bytes
     * @throws IllegalArgumentException if the size is odd or below 4, or a buffer is too small
     */
    public static void halveI420(byte[] i420, int width, int height, byte[] half) {
        checkHalvable(width, height);
        if (((width | height) & 1) != 0) {
            throw new IllegalArgumentException("I420 needs an even size: " + width + "x" + height);
        }
        int outWidth = halfSize(width);
        int outHeight = halfSize(height);
        int luma = width * height;
        int chroma = (width / 2) * (height / 2);
        int outLuma = outWidth * outHeight;
        int outChroma = (outWidth / 2) * (outHeight / 2);
        if (i420.length < luma + 2 * chroma || half.length < outLuma + 2 * outChroma) {
            throw new IllegalArgumentException("buffer too small for " + width + "x" + height + " I420");
        }
        halvePlane(i420, 0, width, 1, half, 0, outWidth, outHeight);
        halvePlane(i420, luma, width / 2, 1, half, outLuma, outWidth / 2, outHeight / 2);
        halvePlane(i420, luma + chroma, width / 2, 1, half, outLuma + outChroma, outWidth / 2, outHeight / 2);
    }

    /**
     * Halves a BGR24 frame into another, which takes the half size and the source's capture time and sequence.
     *
     * @param source a BGR24 frame at least 4 pixels wide and high
     * @param target the frame to fill; its buffer is reused when large enough
     * @return {@code target}
     * @throws IllegalArgumentException if the source is not BGR24 or smaller than 4x4
     */
    public static VideoFrame halveBgr24(VideoFrame source, VideoFrame target) {
        if (source.format() != PixelFormat.BGR24) {
            throw new IllegalArgumentException("not a BGR24 frame: " + source.format());
        }
        checkHalvable(source.width(), source.height());
        target.reset(halfSize(source.width()), halfSize(source.height()), PixelFormat.BGR24);
        halveBgr24(source.data(), source.width(), source.height(), target.data());
        return target.stamp(source.captureTimeNanos(), source.sequence());
    }

    /**
     * Halves packed BGR24 into a picture of {@code halfSize(width) x halfSize(height)}, each colour on its own.
     *
     * @param bgr    B, G, R triplets row by row, of a {@code width x height} picture
     * @param width  width in pixels, at least 4
     * @param height height in pixels, at least 4
     * @param half   destination, at least {@code 3 * halfSize(width) * halfSize(height)} bytes
     * @throws IllegalArgumentException if the size is below 4 or a buffer is too small
     */
    public static void halveBgr24(byte[] bgr, int width, int height, byte[] half) {
        checkHalvable(width, height);
        int outWidth = halfSize(width);
        int outHeight = halfSize(height);
        if (bgr.length < width * height * 3 || half.length < outWidth * outHeight * 3) {
            throw new IllegalArgumentException("buffer too small for " + width + "x" + height + " BGR24");
        }
        for (int colour = 0; colour < 3; colour++) {
            halvePlane(bgr, colour, width, 3, half, colour, outWidth, outHeight);
        }
    }

    private static void checkHalvable(int width, int height) {
        if (width < 4 || height < 4) {
            throw new IllegalArgumentException("a picture must be at least 4x4 to be halved: " + width + "x" + height);
        }
    }

    /**
     * Averages 2x2 blocks of one plane (or one colour of interleaved samples, every {@code step}-th byte) of an
     * input {@code width} samples wide into an {@code outWidth x outHeight} output with the same interleaving.
     * A plane of its own ({@code step} 1, I420) is averaged four output samples at a time in the lanes of a long
     * (the sums of four bytes fit 16-bit lanes), with the same result as one at a time.
     */
    private static void halvePlane(byte[] in, int from, int width, int step, byte[] out, int to, int outWidth,
                                   int outHeight) {
        int rowBytes = width * step;
        int pair = 2 * step;
        for (int y = 0; y < outHeight; y++) {
            int row = from + 2 * y * rowBytes;
            int next = row + rowBytes;
            int o = to + y * outWidth * step;
            int x = 0;
            if (step == 1) {
                for (; x + 4 <= outWidth; x += 4, row += 8, next += 8, o += 4) {
                    FOUR.set(out, o, averageFour((long) EIGHT.get(in, row), (long) EIGHT.get(in, next)));
                }
            }
            for (; x < outWidth; x++, row += pair, next += pair, o += step) {
                int sum = (in[row] & 0xFF) + (in[row + step] & 0xFF) + (in[next] & 0xFF) + (in[next + step] & 0xFF);
                out[o] = (byte) ((sum + 2) >> 2);
            }
        }
    }

    /**
     * @param upper eight samples of a row
     * @param lower the eight below them
     * @return the rounded means of their four 2x2 blocks, as four bytes (little-endian)
     */
    private static int averageFour(long upper, long lower) {
        long sums = (upper & EVEN) + ((upper >>> 8) & EVEN) + (lower & EVEN) + ((lower >>> 8) & EVEN) + HALF_OF_FOUR;
        long means = (sums >>> 2) & EVEN;                       // lanes of at most 255: bytes 0, 2, 4, 6
        long pairs = (means | (means >>> 8)) & 0x0000_FFFF_0000_FFFFL;   // bytes 0-1 and 4-5
        return (int) (pairs | (pairs >>> 16));
    }
}
