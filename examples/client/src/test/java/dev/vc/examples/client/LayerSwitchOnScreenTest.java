package dev.vc.examples.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vc.testing.Xvfb;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A stream switching simulcast layers (640x480, 320x240, 640x480), decoded by the real H.264 decoder and shown
 * by the {@code swing} renderer in a real window on an Xvfb display ({@link LayerSwitchScenario} in a child JVM):
 * after each switch the tile shows the new layer's picture filling it; the renderer reported the tile's size as
 * the stream's view size, {@code 0x0} while the window was minimised, and the size again once it was restored.
 * Skipped where no Xvfb is installed.
 */
@Tag("gui")
@ExtendWith(Xvfb.class)
class LayerSwitchOnScreenTest {
    private static final long CHILD_TIMEOUT_SECONDS = 90;
    private static final Path OUT = Path.of(System.getProperty("vc.examples.test.output", "target/screenshots"));

    @Test
    void shouldShowEachLayerFillingTheTileAndReportTheTilesSize(Xvfb xvfb) throws Exception {
        Properties facts = run(xvfb);
        for (int segment = 0; segment < SwitchingStream.SIZES.length; segment++) {
            BufferedImage shot = ImageIO.read(OUT.resolve("layer-" + segment + ".png").toFile());
            int[] colours = SwitchingStream.SIZES[segment][0] == 320 ? SwitchingStream.SMALL_COLOURS
                    : SwitchingStream.BIG_COLOURS;
            LayerSwitchRenderTest.assertQuadrants(colours, (x, y) -> shot.getRGB(x * shot.getWidth() / 4,
                    y * shot.getHeight() / 4) & 0xffffff, "screenshot after segment " + segment);
        }
        String tile = facts.getProperty("tile.0");
        assertEquals(tile, facts.getProperty("tile.1"), "the tile keeps its size whatever the picture's");
        String shown = "alice " + tile;
        assertEquals(List.of(shown), List.of(facts.getProperty("reports.shown").split(",")),
                "the tile's size reported once: switching layers changes no layout");
        assertEquals(List.of(shown, "alice 0x0"), List.of(facts.getProperty("reports.minimised").split(",")));
        assertEquals(List.of(shown, "alice 0x0", shown), List.of(facts.getProperty("reports.restored").split(",")));
    }

    private static Properties run(Xvfb xvfb) throws Exception {
        Files.createDirectories(OUT);
        Files.deleteIfExists(OUT.resolve("layer-switch.properties"));
        Path log = OUT.resolve("layer-switch.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String testClasses = Path.of(LayerSwitchScenario.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toString();
        List<String> command = List.of(java, "-Djava.awt.headless=false",
                "--module-path", System.getProperty("jdk.module.path"),
                "--class-path", System.getProperty("java.class.path"),
                "--add-modules", "ALL-MODULE-PATH",
                "--patch-module", "dev.vc.examples.client=" + testClasses,
                "-m", "dev.vc.examples.client/" + LayerSwitchScenario.class.getName(), OUT.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DISPLAY", xvfb.display());
        Process child = builder.start();
        try {
            if (!child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("layer switch scenario did not finish in " + CHILD_TIMEOUT_SECONDS + " s; " + read(log));
            }
            assertEquals(0, child.exitValue(), () -> "layer switch scenario failed:\n" + read(log));
        } finally {
            child.destroyForcibly();
        }
        Properties facts = new Properties();
        try (InputStream in = Files.newInputStream(OUT.resolve("layer-switch.properties"))) {
            facts.load(in);
        }
        assertTrue(facts.containsKey("tile.2"), facts.toString());
        return facts;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
