package dev.vc.examples.client;

import dev.vc.testing.Xvfb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vc.api.Config;
import dev.vc.api.session.Participant;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The client window on a real (virtual) display: a relay and two synthetic participants run in this JVM, the
 * client runs in a child JVM on an Xvfb display ({@link ClientScenario}); its screenshots, saved under
 * {@code target/screenshots}, must show three tiles of moving video: alice, bob and the self view. Skipped where no Xvfb is installed.
 */
@Tag("gui")
@ExtendWith(Xvfb.class)
class ClientOnScreenTest {
    private static final long CHILD_TIMEOUT_SECONDS = 90;
    private static final int BACKGROUND = 0x18181c;
    private static final Path OUT = Path.of(System.getProperty("vc.examples.test.output", "target/screenshots"));

    @Test
    void shouldShowTheRemoteParticipantsAndTheSelfViewAsMovingTiles(Xvfb xvfb) throws Exception {
        Config config = Config.of(Map.of("vc.codec", "jpeg", "vc.source", "synthetic", "vc.renderer", "headless",
                "vc.width", "320", "vc.height", "240", "vc.fps", "15"));
        try (RelayServer relay = RelayServer.start(RelaySettings.builder().host("127.0.0.1").controlPort(0)
                .mediaPort(0).roomSecret("team", "s3cret").build())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    relay.controlAddress().getPort());
            List<Participant> others = new ArrayList<>();
            try {
                for (String name : new String[] {"alice", "bob"}) {
                    Participant p = Participant.builder().config(config).name(name).room("team").secret("s3cret")
                            .set("vc.source.seed", Integer.toString(name.length() + name.charAt(0)))
                            .relay(address).set("vc.relay.fingerprint", relay.certificateFingerprint()).build();
                    others.add(p);
                    p.start();
                }
                Properties facts = runClient(xvfb, "client", "tiles", "--relay", "127.0.0.1:" + address.getPort(),
                        "--relay-fingerprint", relay.certificateFingerprint(),
                        "--room", "team", "--secret", "s3cret", "--name", "carol", "--source", "synthetic",
                        "--codec", "jpeg", "--seconds", "60");
                assertEquals("true", facts.getProperty("ready"), "three tiles appeared: " + facts);
                assertEquals("3", facts.getProperty("tiles"), "alice, bob and carol's own view");
                BufferedImage first = ImageIO.read(OUT.resolve("client.png").toFile());
                BufferedImage second = ImageIO.read(OUT.resolve("client-2.png").toFile());
                assertTrue(first.getWidth() <= 1024 && first.getHeight() <= 640, "a small window: "
                        + first.getWidth() + "x" + first.getHeight());
                for (int i = 0; i < 3; i++) {
                    Rectangle tile = rectangle(facts.getProperty("tile." + i));
                    Rectangle inner = new Rectangle(tile.x + 4, tile.y + 24, tile.width - 8, tile.height - 48);
                    double video1 = fraction(first, inner, (x, y) -> differs(first.getRGB(x, y), BACKGROUND, 30));
                    double video2 = fraction(second, inner, (x, y) -> differs(second.getRGB(x, y), BACKGROUND, 30));
                    double moved = fraction(first, inner,
                            (x, y) -> differs(first.getRGB(x, y), second.getRGB(x, y), 40));
                    System.out.printf("client on screen: tile %d %s: %.0f%% / %.0f%% video pixels, %.1f%% changed%n",
                            i, tile, 100 * video1, 100 * video2, 100 * moved);
                    assertTrue(video1 > 0.9 && video2 > 0.9, "tile " + i + " shows video in both screenshots");
                    assertTrue(moved > 0.02, "tile " + i + " content changed between the screenshots");
                }
                String texts = facts.getProperty("texts");
                assertTrue(texts.contains("alice") && texts.contains("bob") && texts.contains("fps"),
                        "the status line names the streams: " + texts);
            } finally {
                others.forEach(Participant::close);
            }
        }
    }

    @Test
    void shouldShowAParticipantWithVideoOffAsAPlaceholderAndListEveryone(Xvfb xvfb) throws Exception {
        Config config = Config.of(Map.of("vc.codec", "jpeg", "vc.source", "synthetic", "vc.renderer", "headless",
                "vc.width", "320", "vc.height", "240", "vc.fps", "15"));
        try (RelayServer relay = RelayServer.start(RelaySettings.builder().host("127.0.0.1").controlPort(0)
                .mediaPort(0).roomSecret("team", "s3cret").build())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    relay.controlAddress().getPort());
            List<Participant> others = new ArrayList<>();
            try {
                for (String name : new String[] {"alice", "bob"}) {
                    Participant p = Participant.builder().config(config).name(name).room("team").secret("s3cret")
                            .set("vc.source.seed", Integer.toString(name.length() + name.charAt(0)))
                            .relay(address).set("vc.relay.fingerprint", relay.certificateFingerprint()).build();
                    others.add(p);
                    p.setVideoEnabled(!name.equals("bob"));   // bob only watches
                    p.start();
                }
                Properties facts = runClient(xvfb, "client-presence", "placeholder", "--relay",
                        "127.0.0.1:" + address.getPort(), "--relay-fingerprint", relay.certificateFingerprint(),
                        "--room", "team", "--secret", "s3cret", "--name", "carol", "--source", "synthetic",
                        "--codec", "jpeg", "--seconds", "60");
                assertEquals("true", facts.getProperty("ready"), "bob's placeholder appeared: " + facts);
                assertEquals("bob", facts.getProperty("placeholders"), "alice and carol show video: " + facts);
                String texts = facts.getProperty("texts");
                assertTrue(texts.contains("[Stop video]"), "the button says what it does: " + texts);
                assertTrue(texts.contains("In the room (3)") && texts.contains("{carol (you)}")
                        && texts.contains("{alice}") && texts.contains("{bob, video off}"), "the list: " + texts);
                assertTrue(texts.contains("1 other") || texts.contains("alice"), texts);
                List<String> labels = List.of(facts.getProperty("labels").split(","));
                Rectangle bob = rectangle(facts.getProperty("tile." + labels.indexOf("bob")));
                BufferedImage shot = ImageIO.read(OUT.resolve("client-presence.png").toFile());
                Rectangle corner = new Rectangle(bob.x + 4, bob.y + 4, bob.width / 5, bob.height / 5);
                assertTrue(fraction(shot, corner, (x, y) -> !differs(shot.getRGB(x, y), 0x303036, 8)) > 0.95,
                        "bob's tile is the plain placeholder");
            } finally {
                others.forEach(Participant::close);
            }
        }
    }

    @Test
    void shouldShowTheRejectionInTheWindow(Xvfb xvfb) throws Exception {
        try (RelayServer relay = RelayServer.start(RelaySettings.builder().host("127.0.0.1").controlPort(0)
                .mediaPort(0).roomSecret("team", "s3cret").build())) {
            Properties facts = runClient(xvfb, "client-refused", "refused", "--relay",
                    "127.0.0.1:" + relay.controlAddress().getPort(), "--relay-fingerprint",
                    relay.certificateFingerprint(), "--room", "team", "--secret", "wrong",
                    "--name", "mallory", "--codec", "jpeg", "--seconds", "60");
            assertEquals("true", facts.getProperty("ready"), "rejection shown: " + facts);
            assertTrue(facts.getProperty("texts").contains("wrong secret for room 'team'"), facts.getProperty("texts"));
            assertTrue(facts.getProperty("texts").contains("[Retry]") && facts.getProperty("texts").contains("[Quit]"), "a way to retry: " + facts.getProperty("texts"));
        }
    }

    private static Properties runClient(Xvfb xvfb, String prefix, String expect, String... clientArgs)
            throws Exception {
        Files.createDirectories(OUT);
        Files.deleteIfExists(OUT.resolve(prefix + ".properties"));
        Path log = OUT.resolve(prefix + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String testClasses = Path.of(ClientScenario.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        List<String> command = new ArrayList<>(List.of(java, "-Djava.awt.headless=false",
                "-Dvc.ui.width=800", "-Dvc.ui.height=450",
                "--module-path", System.getProperty("jdk.module.path"),
                "--class-path", System.getProperty("java.class.path"),
                "--add-modules", "ALL-MODULE-PATH",
                "--patch-module", "dev.vc.examples.client=" + testClasses,
                "-m", "dev.vc.examples.client/" + ClientScenario.class.getName(),
                OUT.toAbsolutePath().toString(), prefix, expect));
        command.addAll(List.of(clientArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DISPLAY", xvfb.display());
        Process child = builder.start();
        try {
            if (!child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("client scenario did not finish in " + CHILD_TIMEOUT_SECONDS + " s; " + read(log));
            }
            assertEquals(0, child.exitValue(), () -> "client scenario failed:\n" + read(log));
        } finally {
            child.destroyForcibly();
        }
        Properties facts = new Properties();
        try (InputStream in = Files.newInputStream(OUT.resolve(prefix + ".properties"))) {
            facts.load(in);
        }
        return facts;
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
