package dev.vc.capture.internal;

import dev.vc.api.PixelFormat;
import dev.vc.api.VideoFrame;

/** Picture statistics for the tests: luma of either format, variance, differences. */
final class Pictures {
    private Pictures() {
    }

    /** @return the BT.601 luma of every pixel (I420: the Y plane; BGR24: computed) */
    static int[] luma(VideoFrame frame) {
        int n = frame.width() * frame.height();
        int[] luma = new int[n];
        byte[] d = frame.data();
        for (int i = 0; i < n; i++) {
            if (frame.format() == PixelFormat.I420) {
                luma[i] = d[i] & 0xFF;
            } else {
                int b = d[3 * i] & 0xFF;
                int g = d[3 * i + 1] & 0xFF;
                int r = d[3 * i + 2] & 0xFF;
                luma[i] = (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
            }
        }
        return luma;
    }

    static double variance(int[] values) {
        double sum = 0;
        double squares = 0;
        for (int v : values) {
            sum += v;
            squares += (double) v * v;
        }
        double mean = sum / values.length;
        return squares / values.length - mean * mean;
    }

    /** @return mean absolute difference of the first {@code a.size()} bytes */
    static double meanAbsoluteDifference(VideoFrame a, VideoFrame b) {
        long total = 0;
        for (int i = 0; i < a.size(); i++) {
            total += Math.abs((a.data()[i] & 0xFF) - (b.data()[i] & 0xFF));
        }
        return (double) total / a.size();
    }
}
