package dev.vc.capture;

import dev.vc.testing.Xvfb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code screen} provider on a real (virtual) display: {@link ScreenCaptureScenario} runs in a child JVM on
 * an Xvfb display and captures a window whose colour it changes. Skipped where no Xvfb is installed.
 */
@Tag("gui")
@ExtendWith(Xvfb.class)
class ScreenCaptureProviderOnScreenTest {
    private static final long CHILD_TIMEOUT_SECONDS = 60;

    @Test
    void shouldCaptureTheRegionScaledPacedAndCurrent(Xvfb xvfb) throws Exception {
        Path out = Path.of(System.getProperty("vc.capture.test.output", "target/capture-test"));
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve("screen.properties"));
        Path log = out.resolve("screen-scenario.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Djava.awt.headless=false",
                "--module-path", System.getProperty("jdk.module.path"),
                "--patch-module", "dev.vc.capture=" + System.getProperty("vc.capture.test.classes", "target/test-classes"),
                "-m", "dev.vc.capture/" + ScreenCaptureScenario.class.getName(), out.toAbsolutePath().toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DISPLAY", xvfb.display());
        Process child = builder.start();
        try {
            if (!child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("scenario did not finish in " + CHILD_TIMEOUT_SECONDS + " s; " + read(log));
            }
            assertEquals(0, child.exitValue(), () -> "scenario failed:\n" + read(log));
        } finally {
            child.destroyForcibly();
        }
        Properties facts = new Properties();
        try (InputStream in = Files.newInputStream(out.resolve("screen.properties"))) {
            facts.load(in);
        }
        assertEquals("true", facts.getProperty("available"));
        assertEquals("160x120 BGR24", facts.getProperty("red.size"));
        assertEquals("4", facts.getProperty("red.sequence"));
        double paced = Double.parseDouble(facts.getProperty("paced.seconds"));
        assertTrue(paced > 4 / 20.0 * 0.8 && paced < 2, "5 frames at 20 fps: " + paced + " s");
        double[] red = numbers(facts.getProperty("red.bgr"));
        assertTrue(red[2] > 230 && red[1] < 25 && red[0] < 25, "red window captured: " + Arrays.toString(red));
        double[] blue = numbers(facts.getProperty("blue.bgr"));
        assertTrue(blue[0] > 230 && blue[1] < 25 && blue[2] < 25, "the change captured: " + Arrays.toString(blue));
        double[] yuv = numbers(facts.getProperty("blue.yuv"));
        // BT.601 full-range (JFIF) blue: Y 29, U 255, V 107.
        assertEquals(29, yuv[0], 4);
        assertEquals(255, yuv[1], 4);
        assertEquals(107, yuv[2], 4);
    }

    private static double[] numbers(String csv) {
        return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
