package dev.vc.examples.client;

import dev.vc.api.Config;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.RemoteStream;
import dev.vc.api.Renderer;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;
import dev.vc.ui.swing.VideoGrid;
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
import java.awt.event.WindowEvent;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;

/**
 * The on-screen half of {@link LayerSwitchOnScreenTest}, run in a child JVM on an Xvfb display: opens the
 * {@code swing} renderer through the registry, feeds it the decoded pictures of {@link SwitchingStream} (H.264)
 * one segment at a time and takes a screenshot of the tile after each ({@code layer-<segment>.png}), then
 * minimises and restores the window; writes the tile bounds and the view sizes the renderer reported to
 * {@code layer-switch.properties}. Exit code 0 when it got that far.
 *
 * <p>Arguments: {@code out}
 */
public final class LayerSwitchScenario {
    static final String TITLE = "vc layer switch test";
    /** More than two view size checks (twice a second) and a repaint. */
    private static final long SETTLE_MILLIS = 1_200;

    private LayerSwitchScenario() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Properties facts = new Properties();
        List<VideoFrame> pictures = SwitchingStream.decoded(VideoCodec.H264);
        RemoteStream alice = new RemoteStream(0xa11ce, VideoCodec.H264, "alice");
        Renderer renderer = ProviderRegistry.renderers().byName("swing")
                .create(Config.empty().with("vc.ui.title", TITLE).with("vc.ui.width", "800")
                        .with("vc.ui.height", "600"));
        List<String> reports = new CopyOnWriteArrayList<>();
        renderer.setViewSizeListener((stream, w, h) -> reports.add(stream.label() + " " + w + "x" + h));
        Robot robot = new Robot();
        VideoGrid grid = null;
        for (int segment = 0; segment < SwitchingStream.SIZES.length; segment++) {
            for (int i = segment * SwitchingStream.SEGMENT; i < (segment + 1) * SwitchingStream.SEGMENT; i++) {
                renderer.onFrame(alice, pictures.get(i));
                Thread.sleep(33);
            }
            Thread.sleep(SETTLE_MILLIS);
            Toolkit.getDefaultToolkit().sync();
            grid = grid != null ? grid : findGrid();
            Rectangle tile = tileOnScreen(robot, grid);
            ImageIO.write(robot.createScreenCapture(tile), "png", out.resolve("layer-" + segment + ".png").toFile());
            facts.setProperty("tile." + segment, tile.width + "x" + tile.height);
        }
        facts.setProperty("reports.shown", String.join(",", reports));

        Frame window = findFrame();
        EventQueue.invokeAndWait(() -> window.dispatchEvent(new WindowEvent(window, WindowEvent.WINDOW_ICONIFIED)));
        Thread.sleep(SETTLE_MILLIS);
        facts.setProperty("reports.minimised", String.join(",", reports));
        EventQueue.invokeAndWait(() -> window.dispatchEvent(new WindowEvent(window, WindowEvent.WINDOW_DEICONIFIED)));
        Thread.sleep(SETTLE_MILLIS);
        facts.setProperty("reports.restored", String.join(",", reports));
        renderer.close();

        try (OutputStream o = Files.newOutputStream(out.resolve("layer-switch.properties"))) {
            facts.store(o, "layer switch on screen");
        }
        System.out.println("scenario done: " + facts);
        System.exit(0);
    }

    /**
     * The first tile's place on the screen, the window found from the screen's pixels: without a window manager the X
     * server may still move the window after AWT reported its place.
     */
    private static Rectangle tileOnScreen(Robot robot, VideoGrid grid) throws Exception {
        Window window = SwingUtilities.getWindowAncestor(grid);
        AtomicReference<Rectangle> tile = new AtomicReference<>();
        AtomicReference<Dimension> size = new AtomicReference<>();
        EventQueue.invokeAndWait(() -> {
            Rectangle r = grid.tileBounds()[0];
            Point inWindow = SwingUtilities.convertPoint(grid, 0, 0, window);
            r.translate(inWindow.x, inWindow.y);
            tile.set(r);
            size.set(window.getSize());
        });
        int[] placed = WindowPlace.of(robot, size.get().width, size.get().height);
        tile.get().translate(placed[0], placed[1]);
        return tile.get();
    }

    private static Frame findFrame() {
        for (Frame f : Frame.getFrames()) {
            if (TITLE.equals(f.getTitle()) && f.isDisplayable()) {
                return f;
            }
        }
        throw new IllegalStateException("no window titled '" + TITLE + "'");
    }

    private static VideoGrid findGrid() throws Exception {
        AtomicReference<VideoGrid> found = new AtomicReference<>();
        EventQueue.invokeAndWait(() -> found.set(find(findFrame())));
        if (found.get() == null) {
            throw new IllegalStateException("no VideoGrid in the window");
        }
        return found.get();
    }

    private static VideoGrid find(Container c) {
        for (Component child : c.getComponents()) {
            if (child instanceof VideoGrid grid) {
                return grid;
            }
            if (child instanceof Container inner) {
                VideoGrid g = find(inner);
                if (g != null) {
                    return g;
                }
            }
        }
        return null;
    }
}
