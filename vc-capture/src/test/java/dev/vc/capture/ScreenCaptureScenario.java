package dev.vc.capture;

import dev.vc.api.Config;
import dev.vc.api.FrameSource;
import dev.vc.api.PixelFormat;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.SourceSettings;
import dev.vc.api.VideoFrame;
import java.awt.Color;
import java.awt.EventQueue;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import javax.swing.JFrame;
import javax.swing.JPanel;

/**
 * The on-screen half of {@link ScreenCaptureProviderOnScreenTest}, run in a child JVM on an Xvfb display:
 * shows a red window, captures its region through the {@code screen} provider (BGR24 and I420), turns the
 * window blue, captures again, and writes the measured colours to {@code screen.properties}.
 */
public final class ScreenCaptureScenario {
    private ScreenCaptureScenario() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Properties facts = new Properties();
        JPanel panel = new JPanel();
        JFrame[] window = new JFrame[1];
        EventQueue.invokeAndWait(() -> {
            window[0] = new JFrame("screen source test");
            window[0].setUndecorated(true);
            panel.setBackground(Color.RED);
            window[0].setContentPane(panel);
            window[0].setBounds(0, 0, 320, 240);
            window[0].setVisible(true);
        });
        Thread.sleep(700);
        facts.setProperty("available", Boolean.toString(ProviderRegistry.sources().byName("screen").availability()
                .available()));
        Config config = Config.empty().with(CaptureSettings.SCREEN_REGION.key(), "40,40,240,180");
        try (FrameSource screen = ProviderRegistry.sources().byName("screen")
                .open(new SourceSettings(160, 120, 20, PixelFormat.BGR24, config))) {
            VideoFrame frame = new VideoFrame();
            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                screen.read(frame);
            }
            facts.setProperty("paced.seconds", String.format(Locale.ROOT, "%.3f", (System.nanoTime() - start) / 1e9));
            facts.setProperty("red.size", frame.width() + "x" + frame.height() + " " + frame.format());
            facts.setProperty("red.sequence", Long.toString(frame.sequence()));
            facts.setProperty("red.bgr", means(frame));
            EventQueue.invokeAndWait(() -> panel.setBackground(Color.BLUE));
            Thread.sleep(500);
            for (int i = 0; i < 3; i++) {
                screen.read(frame);
            }
            facts.setProperty("blue.bgr", means(frame));
        }
        try (FrameSource screen = ProviderRegistry.sources().byName("screen")
                .open(new SourceSettings(160, 120, 20, PixelFormat.I420, config))) {
            VideoFrame frame = new VideoFrame();
            screen.read(frame);
            facts.setProperty("blue.yuv", means(frame));
        }
        EventQueue.invokeAndWait(() -> window[0].dispose());
        try (OutputStream o = Files.newOutputStream(out.resolve("screen.properties"))) {
            facts.store(o, "vc-capture screen scenario");
        }
        System.out.println("scenario done: " + facts);
        System.exit(0);
    }

    private static String means(VideoFrame frame) {
        double[] m = Frames.meanChannels(frame);
        return String.format(Locale.ROOT, "%.1f,%.1f,%.1f", m[0], m[1], m[2]);
    }
}
