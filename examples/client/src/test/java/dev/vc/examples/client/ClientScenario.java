package dev.vc.examples.client;

import dev.vc.ui.swing.VideoGrid;
import java.awt.Component;
import java.awt.Container;
import java.awt.EventQueue;
import java.awt.Frame;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.SwingUtilities;

/**
 * The on-screen half of {@link ClientOnScreenTest}, run in a child JVM on an Xvfb display: starts the client
 * window with the given command line, waits for {@code expect} (tiles: two remote video tiles and the self view;
 * placeholder: the same with bob's video off, his tile a placeholder; refused: the rejection message), takes two
 * screenshots of the window a second apart, and writes them with the tile bounds and the window's texts (labels,
 * button captions in brackets, list entries in braces) to {@code <out>/<prefix>.properties}. Exit code 0 when it got that far.
 *
 * <p>Arguments: {@code out prefix expect client-args...}
 */
public final class ClientScenario {
    private ClientScenario() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String prefix = args[1];
        String expect = args[2];
        String[] clientArgs = java.util.Arrays.copyOfRange(args, 3, args.length);
        Files.createDirectories(out);
        Properties facts = new Properties();
        ClientWindow.open(ClientOptions.parse(clientArgs));

        long deadline = System.nanoTime() + 30_000_000_000L;
        Frame window = null;
        VideoGrid grid = null;
        boolean ready = false;
        while (!ready && System.nanoTime() < deadline) {
            Thread.sleep(200);
            window = onEdt(ClientScenario::findWindow);
            if (window == null) {
                continue;
            }
            Frame w = window;
            grid = onEdt(() -> find(w, VideoGrid.class));
            String texts = String.join("\n", onEdt(() -> texts(w)));
            ready = switch (expect) {
                case "tiles" -> grid != null && grid.tileCount() == 3;
                case "placeholder" -> grid != null && grid.tileCount() == 3 && grid.placeholders().equals(List.of("bob"));
                default -> texts.contains("refused");
            };
        }
        facts.setProperty("ready", Boolean.toString(ready));
        if (window == null) {
            throw new IllegalStateException("no client window appeared");
        }
        Thread.sleep(1_500);   // let tiles fill and the status line update
        Frame w = window;
        // Found from the screen's pixels: without a window manager the X server may still move the window after
        // AWT reported its place.
        Robot robot = new Robot();
        Rectangle size = onEdt(w::getBounds);
        int[] placed = WindowPlace.of(robot, size.width, size.height);
        Rectangle bounds = new Rectangle(placed[0], placed[1], placed[2], placed[3]);
        BufferedImage first = robot.createScreenCapture(bounds);
        Thread.sleep(1_000);
        BufferedImage second = robot.createScreenCapture(bounds);
        ImageIO.write(first, "png", out.resolve(prefix + ".png").toFile());
        ImageIO.write(second, "png", out.resolve(prefix + "-2.png").toFile());
        facts.setProperty("window", bounds.x + "," + bounds.y + "," + bounds.width + "," + bounds.height);
        if (grid != null) {
            VideoGrid g = grid;
            Rectangle[] tiles = onEdt(g::tileBounds);
            Point origin = onEdt(() -> SwingUtilities.convertPoint(g, 0, 0, w));
            facts.setProperty("tiles", Integer.toString(tiles.length));
            facts.setProperty("labels", String.join(",", g.tileLabels()));
            facts.setProperty("placeholders", String.join(",", g.placeholders()));
            for (int i = 0; i < tiles.length; i++) {
                Rectangle t = tiles[i];
                facts.setProperty("tile." + i, (t.x + origin.x) + "," + (t.y + origin.y) + "," + t.width + "," + t.height);
            }
        }
        facts.setProperty("texts", String.join(" || ", onEdt(() -> texts(w))));
        try (OutputStream o = Files.newOutputStream(out.resolve(prefix + ".properties"))) {
            facts.store(o, "client scenario " + prefix);
        }
        System.out.println("scenario done: " + facts);
        System.exit(0);
    }

    private static Frame findWindow() {
        for (Frame f : Frame.getFrames()) {
            if (f.isShowing() && f.getTitle().startsWith("vc - ")) {
                return f;
            }
        }
        return null;
    }

    private static <T> T find(Container c, Class<T> type) {
        for (Component child : c.getComponents()) {
            if (type.isInstance(child)) {
                return type.cast(child);
            }
            if (child instanceof Container inner) {
                T found = find(inner, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static List<String> texts(Container c) {
        List<String> texts = new ArrayList<>();
        for (Component child : c.getComponents()) {
            if (child instanceof JLabel label && child.isShowing() && label.getText() != null) {
                texts.add(label.getText());
            }
            if (child instanceof AbstractButton button && child.isShowing() && button.getText() != null) {
                texts.add("[" + button.getText() + "]");
            }
            if (child instanceof JList<?> list && child.isShowing()) {
                for (int i = 0; i < list.getModel().getSize(); i++) {
                    texts.add("{" + list.getModel().getElementAt(i) + "}");
                }
            }
            if (child instanceof Container inner) {
                texts.addAll(texts(inner));
            }
        }
        return texts;
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    private static <T> T onEdt(Call<T> call) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        EventQueue.invokeAndWait(() -> {
            try {
                result.set(call.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
