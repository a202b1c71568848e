package dev.vc.record.cli;

import dev.vc.api.Config;
import dev.vc.api.session.Participant;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recorder as an operator runs it: a process of its own ({@code RecorderMain} on this build's module path),
 * recording a sender through a relay, stopped with SIGTERM. Its shutdown hook closes the file: the container's
 * trailer (duration, index) is written, which a killed recorder would not have written, and ffprobe decodes every
 * frame.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RecorderProcessTest {
    @Test
    void shouldCloseItsFilesCleanlyOnSigterm(@TempDir Path state, @TempDir Path recordings) throws Exception {
        try (RelayServer relay = RelayServer.start(RelaySettings.builder().host("127.0.0.1").controlPort(0)
                .mediaPort(0).stateDirectory(state.toString()).build())) {
            int port = relay.controlAddress().getPort();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process recorder = new ProcessBuilder(java, "-Dvc.relay.fingerprint=" + relay.certificateFingerprint(),
                    // the test JVM's own paths: the natives' jars are on its class path, as surefire put them
                    "-p", System.getProperty("jdk.module.path"), "-cp", System.getProperty("java.class.path"),
                    "--add-modules", "ALL-MODULE-PATH",
                    "-m", "dev.vc.record/dev.vc.record.cli.RecorderMain", "--relay", "127.0.0.1:" + port,
                    "--room", "meeting", "--dir", recordings.toString(), "--container", "mp4")
                    .redirectErrorStream(true).redirectOutput(recordings.resolveSibling(
                            recordings.getFileName() + ".out").toFile()).start();
            try {
                Config config = Config.of(Map.of("vc.source", "synthetic", "vc.renderer", "headless",
                        "vc.width", "320", "vc.height", "240", "vc.simulcast.layers", "1", "vc.codec", "h264",
                        "vc.relay.fingerprint", relay.certificateFingerprint()));
                try (Participant alice = Participant.builder().config(config).name("alice").room("meeting")
                        .relay(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).build()) {
                    alice.start();
                    Path file = awaitFile(recordings, recorder);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (Files.size(file) < 20_000) {                  // a few seconds of alice on disk
                        assertTrue(System.nanoTime() < deadline && recorder.isAlive(), "recording too slowly");
                        Thread.sleep(50);
                    }
                    recorder.destroy();                                  // SIGTERM
                    assertTrue(recorder.waitFor(30, TimeUnit.SECONDS), "the recorder stops on SIGTERM");
                }
            } finally {
                recorder.destroyForcibly();
            }
            assertEquals(143, recorder.exitValue(), "ended by the signal, after its shutdown hook");
            Path file;
            try (Stream<Path> files = Files.list(recordings)) {
                file = files.filter(f -> f.toString().endsWith(".mp4")).findFirst().orElseThrow();
            }
            Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                    "-show_entries", "stream=nb_read_frames:format=duration", "-of", "default=nw=1",
                    file.toString()).redirectErrorStream(true).start();
            String out = new String(probe.getInputStream().readAllBytes()).strip();
            assertTrue(probe.waitFor(60, TimeUnit.SECONDS));
            List<String> lines = out.lines().toList();
            assertEquals(2, lines.size(), "no decoding error, the frame count and the duration: " + out);
            int frames = Integer.parseInt(lines.get(0).substring("nb_read_frames=".length()));
            double seconds = Double.parseDouble(lines.get(1).substring("duration=".length()));
            assertTrue(frames >= 30, "a second or more of alice: " + out);
            assertTrue(Math.abs(seconds - frames / 30.0) < 0.5, "the duration matches the frames: " + out);
        }
    }

    private static Path awaitFile(Path dir, Process recorder) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Stream<Path> files = Files.list(dir)) {
                var found = files.filter(f -> f.toString().endsWith(".mp4")).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            }
            assertTrue(System.nanoTime() < deadline && recorder.isAlive(), "no file: the recorder did not record "
                    + "(its output is next to the recordings directory)" + File.separator);
            Thread.sleep(50);
        }
    }
}
