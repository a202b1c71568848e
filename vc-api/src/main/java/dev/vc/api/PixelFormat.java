package dev.vc.api;

/**
 * Layout of the pixels in a {@link VideoFrame}'s buffer.
 *
 * <p>Every layout is tightly packed (no row padding), which is what the encoders and the wire want.
 */
public enum PixelFormat {
    /** Planar YUV 4:2:0: a full-size Y plane, then quarter-size U and V planes. Width and height must be even. */
    I420 {
        @Override
        public int bufferSize(int width, int height) {
            return width * height + 2 * ((width / 2) * (height / 2));
        }
    },
    /** Packed 8-bit B, G, R triplets, row by row (the layout of {@code BufferedImage.TYPE_3BYTE_BGR}). */
    BGR24 {
        @Override
        public int bufferSize(int width, int height) {
            return width * height * 3;
        }
    },
    /**
     * Packed 8-bit B, G, R and an unused byte per pixel, row by row: read as little-endian ints, the pixels of
     * {@code BufferedImage.TYPE_INT_RGB} ({@code 0xXXRRGGBB}, the top byte unused), which a 24-bit screen takes as
     * it is.
     * A decoder output for renderers (FFmpeg's {@code bgra}, whose fourth byte is 255); encoders do not take it.
     */
    BGRX32 {
        @Override
        public int bufferSize(int width, int height) {
            return width * height * 4;
        }
    };

    /**
     * Number of bytes a frame of this format and size occupies.
     *
     * @param width  width in pixels
     * @param height height in pixels
     * @return the buffer size in bytes
     */
    public abstract int bufferSize(int width, int height);
}
