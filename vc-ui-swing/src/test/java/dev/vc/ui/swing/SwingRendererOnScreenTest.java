package dev.vc.ui.swing;

import dev.vc.testing.Xvfb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code swing} renderer on a real (virtual) display: {@link SwingRendererScenario} runs in a child JVM on
 * an Xvfb display this class starts; the screenshots it saves under {@code target/screenshots} are checked
 * here. Skipped where no Xvfb is installed.
 */
@Tag("gui")
@ExtendWith(Xvfb.class)
class SwingRendererOnScreenTest {
    private static final long CHILD_TIMEOUT_SECONDS = 90;
    private static final int BACKGROUND = 0x18181c;

    @Test
    void shouldShowTwoLiveTilesThroughTheRegistry(Xvfb xvfb) throws Exception {
        Path out = Path.of(System.getProperty("vc.ui.test.output", "target/screenshots"));
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve("scenario.properties"));
        Path log = out.resolve("scenario.log");
        Process child = childJvm(xvfb.display(), out, log);
        try {
            if (!child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("scenario did not finish in " + CHILD_TIMEOUT_SECONDS + " s; " + Files.readString(log));
            }
            assertEquals(0, child.exitValue(), () -> "scenario failed:\n" + read(log));
        } finally {
            child.destroyForcibly();
        }

        Properties facts = new Properties();
        try (InputStream in = Files.newInputStream(out.resolve("scenario.properties"))) {
            facts.load(in);
        }
        assertEquals("dev.vc.ui.swing.SwingRenderer", facts.getProperty("renderer.class"));
        assertEquals("true", facts.getProperty("closed.disposed"), "close() disposes the window");
        assertEquals("true", facts.getProperty("closedOnEdt.disposed"), "close() on the EDT disposes at once");
        Rectangle grid = rectangle(facts.getProperty("grid.bounds"));
        assertEquals(1280, grid.width);
        assertEquals(720, grid.height);
        assertEquals("2", facts.getProperty("tiles"));

        BufferedImage first = ImageIO.read(out.resolve("grid.png").toFile());
        BufferedImage second = ImageIO.read(out.resolve("grid-2.png").toFile());
        assertEquals(grid.width, first.getWidth());
        for (int i = 0; i < 2; i++) {
            Rectangle tile = rectangle(facts.getProperty("tile." + i));
            // Inside the picture, clear of the label strip and the overlay (about 20 px each).
            Rectangle inner = new Rectangle(tile.x + 4, tile.y + 24, tile.width - 8, tile.height - 48);
            double video1 = fraction(first, inner, (x, y) -> differs(first.getRGB(x, y), BACKGROUND, 30));
            double video2 = fraction(second, inner, (x, y) -> differs(second.getRGB(x, y), BACKGROUND, 30));
            double moved = fraction(first, inner, (x, y) -> differs(first.getRGB(x, y), second.getRGB(x, y), 60));
            System.out.printf("vc-ui-swing on screen: tile %d %s: %.0f%% / %.0f%% video pixels, %.1f%% changed%n",
                    i, tile, 100 * video1, 100 * video2, 100 * moved);
            assertTrue(video1 > 0.9 && video2 > 0.9, "tile " + i + " shows video in both screenshots");
            assertTrue(moved > 0.005, "tile " + i + " content changed between the screenshots");
        }
        Rectangle left = rectangle(facts.getProperty("tile.0"));
        Rectangle right = rectangle(facts.getProperty("tile.1"));
        assertTrue(left.x + left.width <= right.x && left.y == right.y, "2x1 grid: " + left + " " + right);
        int above = first.getRGB(left.x + left.width / 2, Math.max(0, left.y - 10)) & 0xffffff;
        assertEquals(BACKGROUND, above, "letterbox above the 4:3 tile is background");
    }

    private static Process childJvm(String display, Path out, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java,
                "-Djava.awt.headless=false",
                "--module-path", System.getProperty("jdk.module.path"),
                "--patch-module", "dev.vc.ui.swing=" + System.getProperty("vc.ui.test.classes", "target/test-classes"),
                "-m", "dev.vc.ui.swing/" + SwingRendererScenario.class.getName(),
                out.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DISPLAY", display);
        return builder.start();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private interface PixelTest {
        boolean test(int x, int y);
    }

    private static double fraction(BufferedImage image, Rectangle area, PixelTest test) {
        Rectangle r = area.intersection(new Rectangle(0, 0, image.getWidth(), image.getHeight()));
        long hits = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                if (test.test(x, y)) {
                    hits++;
                }
            }
        }
        return r.isEmpty() ? 0 : (double) hits / ((long) r.width * r.height);
    }

    private static boolean differs(int a, int b, int threshold) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs((a >> shift & 0xff) - (b >> shift & 0xff)) > threshold) {
                return true;
            }
        }
        return false;
    }

    private static Rectangle rectangle(String csv) {
        String[] p = csv.split(",");
        return new Rectangle(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]),
                Integer.parseInt(p[3]));
    }
}
