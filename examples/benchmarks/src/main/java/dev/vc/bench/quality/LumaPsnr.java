package dev.vc.bench.quality;

import dev.vc.api.PixelFormat;
import dev.vc.api.VideoFrame;

/**
 * Luma error between a source picture and what a decoder made of it. I420 pictures are compared on their Y
 * plane; BGR24 pictures on BT.601 luma ({@code 0.299 R + 0.587 G + 0.114 B}, unrounded), the luma a JPEG encoder
 * computes from them. The two pictures may differ in layout.
 *
 * <pre>{@code
 * double db = LumaPsnr.psnr(LumaPsnr.mse(source, decoded));
 * }</pre>
 */
public final class LumaPsnr {
    /** Largest 8-bit sample value, the peak in PSNR. */
    private static final double PEAK = 255.0;

    private LumaPsnr() {
    }

    /**
     * @param reference the source picture
     * @param decoded   the decoded picture, of the same size
     * @return the mean squared luma error over all pixels
     * @throws IllegalArgumentException if the sizes differ
     */
    public static double mse(VideoFrame reference, VideoFrame decoded) {
        if (reference.width() != decoded.width() || reference.height() != decoded.height()) {
            throw new IllegalArgumentException("decoded " + decoded + " for " + reference);
        }
        int pixels = reference.width() * reference.height();
        double sum = 0;
        for (int i = 0; i < pixels; i++) {
            double d = luma(reference, i) - luma(decoded, i);
            sum += d * d;
        }
        return sum / pixels;
    }

    /**
     * @param mse a mean squared error of 8-bit samples
     * @return the peak signal-to-noise ratio in dB; infinite for an error of 0
     */
    public static double psnr(double mse) {
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(PEAK * PEAK / mse);
    }

    private static double luma(VideoFrame frame, int pixel) {
        byte[] d = frame.data();
        if (frame.format() == PixelFormat.I420) {
            return d[pixel] & 0xFF;
        }
        int i = pixel * 3;
        return 0.114 * (d[i] & 0xFF) + 0.587 * (d[i + 1] & 0xFF) + 0.299 * (d[i + 2] & 0xFF);
    }
}
