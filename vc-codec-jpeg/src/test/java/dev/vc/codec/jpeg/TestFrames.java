package dev.vc.codec.jpeg;

import dev.vc.api.Config;
import dev.vc.api.FrameSource;
import dev.vc.api.PixelFormat;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.SourceSettings;
import dev.vc.api.VideoFrame;
import java.util.ArrayList;
import java.util.List;

/** Test pictures from the synthetic camera (vc-capture, found through ServiceLoader). */
final class TestFrames {
    private TestFrames() {
    }

    static List<VideoFrame> synthetic(int width, int height, PixelFormat format, int count) {
        List<VideoFrame> frames = new ArrayList<>();
        SourceSettings settings = new SourceSettings(width, height, 240, format, Config.empty());
        try (FrameSource camera = ProviderRegistry.sources().byName("synthetic").open(settings)) {
            for (int i = 0; i < count; i++) {
                VideoFrame frame = new VideoFrame();
                if (!camera.read(frame)) {
                    throw new AssertionError("camera ended");
                }
                frames.add(frame);
            }
        }
        return frames;
    }

    /** @return BT.601 luma of a BGR24 or I420 frame */
    static double[] luma(VideoFrame frame) {
        int n = frame.width() * frame.height();
        double[] luma = new double[n];
        byte[] d = frame.data();
        for (int i = 0; i < n; i++) {
            if (frame.format() == PixelFormat.I420) {
                luma[i] = d[i] & 0xFF;
            } else {
                luma[i] = 0.299 * (d[3 * i + 2] & 0xFF) + 0.587 * (d[3 * i + 1] & 0xFF) + 0.114 * (d[3 * i] & 0xFF);
            }
        }
        return luma;
    }

    /** @return mean squared error of the luma of two frames of equal size */
    static double lumaMse(VideoFrame reference, VideoFrame decoded) {
        double[] a = luma(reference);
        double[] b = luma(decoded);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum / a.length;
    }

    static double psnr(double mse) {
        return 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
