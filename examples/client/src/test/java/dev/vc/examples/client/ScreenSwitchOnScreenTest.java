package dev.vc.examples.client;

import dev.vc.api.Config;
import dev.vc.api.session.Participant;
import dev.vc.api.session.StreamStats;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;
import dev.vc.testing.Xvfb;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sharing the screen in the middle of a call (issue: a 1920x1080 screen squeezed into the call's 640x480): a
 * participant on an Xvfb display (1600x900) joins with the camera's small picture, switches to the {@code screen}
 * source, and another participant then receives it at the screen's own size and aspect ratio (one of its simulcast
 * layers: 1600x900 or 800x450), not at the call's 640x480.
 */
@Tag("gui")
@ExtendWith(Xvfb.class)
class ScreenSwitchOnScreenTest {
    private static final Path OUT = Path.of(System.getProperty("vc.examples.test.output", "target/screenshots"));

    @Test
    void shouldSendTheScreenAtItsOwnSizeAfterASwitchMidCall(Xvfb xvfb) throws Exception {
        try (RelayServer relay = RelayServer.start(RelaySettings.builder().host("127.0.0.1").controlPort(0)
                .mediaPort(0).build())) {
            int port = relay.controlAddress().getPort();
            Config config = Config.of(Map.of("vc.source", "synthetic", "vc.renderer", "headless", "vc.codec", "jpeg",
                    "vc.width", "160", "vc.height", "120"));
            try (Participant alice = Participant.builder().config(config).name("alice").room("team")
                    .relay(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                    .set("vc.relay.fingerprint", relay.certificateFingerprint()).build()) {
                alice.setVideoEnabled(false);                              // alice only watches
                alice.start();
                Files.createDirectories(OUT);
                Path log = OUT.resolve("screen-switch.log");
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                String testClasses = Path.of(ScreenSwitchScenario.class.getProtectionDomain().getCodeSource()
                        .getLocation().toURI()).toString();
                List<String> command = new ArrayList<>(List.of(java, "-Djava.awt.headless=false",
                        "--module-path", System.getProperty("jdk.module.path"),
                        "--class-path", System.getProperty("java.class.path"),
                        "--add-modules", "ALL-MODULE-PATH",
                        "--patch-module", "dev.vc.examples.client=" + testClasses,
                        "-m", "dev.vc.examples.client/" + ScreenSwitchScenario.class.getName(),
                        Integer.toString(port), relay.certificateFingerprint()));
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                builder.environment().put("DISPLAY", xvfb.display());
                Process carol = builder.start();
                Set<String> sizes = new LinkedHashSet<>();
                try {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                    while (!sizes.contains("1600x900") && !sizes.contains("800x450")) {
                        assertTrue(System.nanoTime() < deadline && carol.isAlive(),
                                "no picture at the screen's size; sizes seen " + sizes + "\n" + read(log));
                        for (StreamStats s : alice.stats().streams()) {
                            if (s.width() > 0) {
                                sizes.add(s.width() + "x" + s.height());
                            }
                        }
                        Thread.sleep(50);
                    }
                } finally {
                    carol.destroyForcibly();
                }
                assertTrue(sizes.contains("640x480") || sizes.contains("320x240"),
                        "before the switch, the call's picture: " + sizes);
                for (String size : sizes) {
                    String[] wh = size.split("x");
                    int w = Integer.parseInt(wh[0]);
                    int h = Integer.parseInt(wh[1]);
                    assertTrue(w * 3 == h * 4 || w * 9 == h * 16, "every picture keeps its source's aspect: " + sizes);
                }
            }
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
