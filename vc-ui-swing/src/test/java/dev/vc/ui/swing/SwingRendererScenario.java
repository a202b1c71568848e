package dev.vc.ui.swing;

import dev.vc.api.Config;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.RemoteStream;
import dev.vc.api.Renderer;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;
import dev.vc.testing.WindowOnScreen;
import dev.vc.ui.swing.internal.TestFrames;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.EventQueue;
import java.awt.Frame;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import javax.imageio.ImageIO;

/**
 * The on-screen half of {@link SwingRendererOnScreenTest}, run in a child JVM with a display (Xvfb) and
 * {@code java.awt.headless=false}: opens the {@code swing} renderer through the provider registry, feeds two
 * streams of moving pictures, takes two screenshots of the grid 0.5 s apart, closes the window, and writes
 * {@code grid.png}, {@code grid-2.png} and {@code scenario.properties} (tile bounds, facts) for the test to
 * check. Exit code 0 when it got that far.
 */
public final class SwingRendererScenario {
    static final String TITLE = "vc-ui-swing on-screen test";

    private SwingRendererScenario() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Properties facts = new Properties();
        Config config = Config.empty().with("vc.ui.title", TITLE);
        Renderer renderer = ProviderRegistry.renderers().byName("swing").create(config);
        facts.setProperty("renderer.class", renderer.getClass().getName());

        RemoteStream alice = new RemoteStream(0xa11ce, VideoCodec.JPEG, "alice");
        RemoteStream bob = new RemoteStream(0xb0b, VideoCodec.H264, "bob");
        AtomicBoolean feeding = new AtomicBoolean(true);
        Thread feeder = new Thread(() -> {
            VideoFrame a = new VideoFrame();
            VideoFrame b = new VideoFrame();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (int t = 0; t < 600 && feeding.get() && System.nanoTime() < deadline; t++) {
                renderer.onFrame(alice, TestFrames.moving(a, 320, 240, t, 0));
                renderer.onFrame(bob, TestFrames.moving(b, 320, 240, t, 1));
                sleep(33);
            }
        }, "test-feeder");
        feeder.setDaemon(true);
        feeder.start();
        // Wait (bounded) until both tiles exist, then give the window time to be painted on screen: a fixed
        // wait is flaky on a loaded machine.
        VideoGrid waiting = null;
        long ready = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < ready && (waiting == null || waiting.tileCount() < 2)) {
            sleep(50);
            try {
                waiting = findGrid();
            } catch (IllegalStateException notYet) {
                waiting = null;  // the window is not up yet
            }
        }
        sleep(1_000);
        VideoGrid grid = findGrid();
        AtomicReference<Rectangle> onScreen = new AtomicReference<>();
        AtomicReference<Rectangle[]> tiles = new AtomicReference<>();
        // Found from the screen's pixels: without a window manager the X server may still move the window after
        // AWT reported its place (a centring asked for before it was mapped can land later).
        Robot robot = new Robot();
        Window window = SwingUtilities.getWindowAncestor(grid);
        Dimension windowSize = window.getSize();
        int[] placed = placeOf(robot, windowSize.width, windowSize.height);
        EventQueue.invokeAndWait(() -> {
            Point inWindow = SwingUtilities.convertPoint(grid, 0, 0, window);
            onScreen.set(new Rectangle(placed[0] + inWindow.x, placed[1] + inWindow.y, grid.getWidth(),
                    grid.getHeight()));
            tiles.set(grid.tileBounds());
        });
        BufferedImage first = robot.createScreenCapture(onScreen.get());
        sleep(500);
        BufferedImage second = robot.createScreenCapture(onScreen.get());
        feeding.set(false);
        feeder.join(2_000);
        ImageIO.write(first, "png", out.resolve("grid.png").toFile());
        ImageIO.write(second, "png", out.resolve("grid-2.png").toFile());
        ImageIO.write(robot.createScreenCapture(new Rectangle(Toolkit.getDefaultToolkit().getScreenSize())),
                "png", out.resolve("screen.png").toFile());

        facts.setProperty("grid.bounds", format(onScreen.get()));
        facts.setProperty("tiles", Integer.toString(tiles.get().length));
        for (int i = 0; i < tiles.get().length; i++) {
            facts.setProperty("tile." + i, format(tiles.get()[i]));
        }

        renderer.close();
        renderer.close();
        facts.setProperty("closed.disposed", Boolean.toString(!window.isDisplayable()));

        // close() from the event dispatch thread must not deadlock and must dispose at once.
        Renderer another = ProviderRegistry.renderers().byName("swing").create(config.with("vc.ui.title", "second"));
        AtomicBoolean disposedOnEdt = new AtomicBoolean();
        EventQueue.invokeAndWait(() -> {
            Frame w = findFrame("second");
            another.close();
            disposedOnEdt.set(w != null && !w.isDisplayable());
        });
        facts.setProperty("closedOnEdt.disposed", Boolean.toString(disposedOnEdt.get()));

        try (OutputStream o = Files.newOutputStream(out.resolve("scenario.properties"))) {
            facts.store(o, "vc-ui-swing on-screen scenario");
        }
        System.out.println("scenario done: " + facts);
        System.exit(0);
    }

    /** @return {@code {x, y, width, height}} of the settled window of that size ({@link WindowOnScreen}) */
    private static int[] placeOf(Robot robot, int width, int height) throws InterruptedException {
        Rectangle all = new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());
        return WindowOnScreen.locate(all.width, all.height,
                () -> robot.createScreenCapture(all).getRGB(0, 0, all.width, all.height, null, 0, all.width),
                width, height, 5_000);
    }

    private static String format(Rectangle r) {
        return r.x + "," + r.y + "," + r.width + "," + r.height;
    }

    private static Frame findFrame(String title) {
        for (Frame f : Frame.getFrames()) {
            if (title.equals(f.getTitle()) && f.isDisplayable()) {
                return f;
            }
        }
        return null;
    }

    private static VideoGrid findGrid() throws Exception {
        AtomicReference<VideoGrid> found = new AtomicReference<>();
        EventQueue.invokeAndWait(() -> {
            Frame f = findFrame(TITLE);
            if (f != null) {
                found.set(find(f));
            }
        });
        if (found.get() == null) {
            throw new IllegalStateException("no window titled '" + TITLE + "' holding a VideoGrid");
        }
        return found.get();
    }

    private static VideoGrid find(Container c) {
        for (Component child : c.getComponents()) {
            if (child instanceof VideoGrid) {
                return (VideoGrid) child;
            }
            if (child instanceof Container) {
                VideoGrid inner = find((Container) child);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
