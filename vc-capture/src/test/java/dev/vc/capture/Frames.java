package dev.vc.capture;

import dev.vc.api.PixelFormat;
import dev.vc.api.VideoFrame;

/** Picture checks for the provider tests. */
final class Frames {
    private Frames() {
    }

    /** @return mean absolute difference of the valid bytes */
    static double meanAbsoluteDifference(VideoFrame a, VideoFrame b) {
        long total = 0;
        for (int i = 0; i < a.size(); i++) {
            total += Math.abs((a.data()[i] & 0xFF) - (b.data()[i] & 0xFF));
        }
        return (double) total / a.size();
    }

    /** @return the mean B, G, R of a BGR24 frame (or Y, U, V means of an I420 frame) */
    static double[] meanChannels(VideoFrame frame) {
        double[] sums = new double[3];
        byte[] d = frame.data();
        if (frame.format() == PixelFormat.BGR24) {
            for (int i = 0; i < frame.size(); i++) {
                sums[i % 3] += d[i] & 0xFF;
            }
            int n = frame.width() * frame.height();
            return new double[] {sums[0] / n, sums[1] / n, sums[2] / n};
        }
        int y = frame.width() * frame.height();
        int c = y / 4;
        for (int i = 0; i < y; i++) {
            sums[0] += d[i] & 0xFF;
        }
        for (int i = 0; i < c; i++) {
            sums[1] += d[y + i] & 0xFF;
            sums[2] += d[y + c + i] & 0xFF;
        }
        return new double[] {sums[0] / y, sums[1] / c, sums[2] / c};
    }

    /** @return the variance of the first plane's bytes (I420 luma) or of all bytes (BGR24) */
    static double variance(VideoFrame frame) {
        int n = frame.format() == PixelFormat.I420 ? frame.width() * frame.height() : frame.size();
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            int v = frame.data()[i] & 0xFF;
            sum += v;
            squares += (double) v * v;
        }
        double mean = sum / n;
        return squares / n - mean * mean;
    }
}
