package dev.vc.record;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A relay, two synthetic senders (H.264 and JPEG) and a recorder on loopback, over TLS and DTLS-SRTP: each
 * sender's stream (about 10 s) lands in its own file, which FFmpeg reads back with the right codec, size, frame
 * count and duration, and decodes whole; a sender that leaves has its file closed while the recording goes on.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RecorderEndToEndTest {
    private static final long SENDER_FPS = 30;

    @Test
    void shouldRecordEachParticipantToItsOwnFile(@TempDir Path state, @TempDir Path recordings) throws Exception {
        Config config = Config.of(Map.of("vc.source", "synthetic", "vc.renderer", "headless", "vc.width", "320",
                "vc.height", "240", "vc.fps", Long.toString(SENDER_FPS), "vc.simulcast.layers", "1"));
        try (RelayServer relay = RelayServer.start(RelaySettings.builder().host("127.0.0.1").controlPort(0)
                .mediaPort(0).stateDirectory(state.toString()).build())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    relay.controlAddress().getPort());
            Recorder recorder = Recorder.builder().relay(address).config(config).room("meeting")
                    .set("vc.relay.fingerprint", relay.certificateFingerprint()).directory(recordings).build();
            RecorderStats stats;
            try (recorder) {
                recorder.start();
                Participant alice = join(config, relay, address, "alice", "h264", 1);
                try (Participant bob = join(config, relay, address, "bob", "jpeg", 2)) {
                    awaitFrames(recorder, 2 * 10 * SENDER_FPS);         // about 10 s of each
                    alice.close();                                     // alice leaves: her file is closed
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (recorder.stats().streamsRecording() != 1) {
                        assertTrue(System.nanoTime() < deadline, "alice's file stays open: " + recorder.stats());
                        Thread.sleep(20);
                    }
                    long bobFrames = recorder.stats().framesWritten();
                    awaitFrames(recorder, bobFrames + SENDER_FPS);     // bob goes on being recorded
                }
                stats = recorder.stats();
            }
            assertEquals(2, stats.files().size(), "one file per participant: " + stats);
            for (Path file : stats.files()) {
                assertTrue(Files.size(file) > 0, file.toString());
            }
            Path aliceFile = only(stats.files(), "alice");
            Path bobFile = only(stats.files(), "bob");
            ContainerProbe h264 = ContainerProbe.read(aliceFile);
            ContainerProbe mjpeg = ContainerProbe.read(bobFile);
            System.out.println("[recorder] " + stats + "\n[recorder] alice " + h264 + "\n[recorder] bob " + mjpeg);
            assertEquals("h264", h264.codec());
            assertEquals("mjpeg", mjpeg.codec());
            assertEquals(stats.framesWritten(), h264.frames() + mjpeg.frames(), "every frame written is in a file");
            assertTrue(h264.frames() >= 9 * SENDER_FPS, "about 10 s of alice: " + h264);
            for (ContainerProbe probe : List.of(h264, mjpeg)) {
                assertEquals(1, probe.streams());
                assertEquals(320, probe.width());
                assertEquals(240, probe.height());
                assertTrue(probe.keyframes() >= 1);
                // the frames' RTP times span what they were captured over: 33 ms apart, a few dropped at most
                long span = probe.lastPtsMillis() - probe.firstPtsMillis();
                long expected = (probe.frames() - 1) * 1000 / SENDER_FPS;
                assertTrue(span >= expected - 50 && span <= expected * 3 / 2 + 200,
                        "span " + span + " ms for " + probe.frames() + " frames: " + probe);
                assertTrue(Math.abs(probe.durationMillis() - span) <= 100, "stated duration: " + probe);
            }
            decodesWithFfprobe(aliceFile, h264.frames());
            decodesWithFfprobe(bobFile, mjpeg.frames());
        }
    }

    private static Path only(List<Path> files, String participant) {
        List<Path> matching = files.stream().filter(f -> f.getFileName().toString().startsWith("meeting-"
                + participant + "-")).toList();
        assertEquals(1, matching.size(), files.toString());
        return matching.get(0);
    }

    private static void awaitFrames(Recorder recorder, long frames) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (recorder.stats().framesWritten() < frames) {
            assertTrue(System.nanoTime() < deadline, "the recorder writes too little: " + recorder.stats());
            Thread.sleep(20);
        }
    }

    /** Where ffprobe is installed, it decodes every frame of the file without an error. */
    private static void decodesWithFfprobe(Path file, int frames) throws Exception {
        String path = System.getenv("PATH");
        boolean installed = path != null && List.of(path.split(File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "ffprobe")));
        if (!installed) {
            return;
        }
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes()).strip();
        assertTrue(probe.waitFor(60, TimeUnit.SECONDS));
        assertEquals(String.valueOf(frames), out, "ffprobe decodes every frame of " + file.getFileName());
    }

    private static Participant join(Config config, RelayServer relay, InetSocketAddress address, String name,
                                    String codec, int seed) {
        Participant p = Participant.builder().config(config).name(name).room("meeting").relay(address)
                .set("vc.codec", codec).set("vc.source.seed", Integer.toString(seed))
                .set("vc.relay.fingerprint", relay.certificateFingerprint()).build();
        p.start();
        return p;
    }
}
