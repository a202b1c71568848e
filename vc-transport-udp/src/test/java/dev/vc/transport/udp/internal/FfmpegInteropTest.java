package dev.vc.transport.udp.internal;

import dev.vc.api.Config;
import dev.vc.api.EncodedFrame;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.RemoteStream;
import dev.vc.api.Transport;
import dev.vc.api.TransportListener;
import dev.vc.api.TransportSettings;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.h264.H264ParameterSets;
import dev.vc.transport.udp.h264.H264TestStreams;
import dev.vc.transport.udp.Sdp;
import dev.vc.testing.ExternalTools.Run;
import dev.vc.transport.udp.jpeg.TestJpegs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static dev.vc.testing.ExternalTools.awaitUdpListener;
import static dev.vc.testing.ExternalTools.finish;
import static dev.vc.testing.ExternalTools.freePortPair;
import static dev.vc.testing.ExternalTools.onPath;
import static dev.vc.testing.ExternalTools.run;
import static dev.vc.testing.ExternalTools.start;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * vc and FFmpeg, an independent RTP implementation, understand each other over loopback: FFmpeg's RTP muxer
 * sends H.264 (RFC 6184) and MJPEG (RFC 2435) to a vc transport, and FFmpeg receives vc's H.264 and JPEG
 * streams from an SDP file written by {@link Sdp}. Skipped when {@code ffmpeg} is not on the PATH.
 */
class FfmpegInteropTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final InetSocketAddress NOWHERE = new InetSocketAddress(LOOPBACK, 9);
    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    /** Bytes of one decoded 320x240 4:2:0 picture, as framecrc reports it. */
    private static final int PICTURE_BYTES = WIDTH * HEIGHT * 3 / 2;
    private static final String TESTSRC = "testsrc=size=" + WIDTH + "x" + HEIGHT + ":rate=30";

    /** A frame received, copied out of the transport's reused one. */
    record Received(RemoteStream stream, byte[] data, boolean keyframe, int width, int height) {
    }

    /** Keeps every frame a transport hands on (also used by {@link GstreamerInteropTest}). */
    static final class Recorder implements TransportListener {
        final List<Received> frames = new CopyOnWriteArrayList<>();

        @Override
        public void onFrame(RemoteStream stream, EncodedFrame frame) {
            frames.add(new Received(stream, Arrays.copyOf(frame.data(), frame.length()), frame.keyframe(),
                    frame.width(), frame.height()));
        }
    }

    private static String h264Encoder(Path dir) throws IOException, InterruptedException {
        Run encoders = run(dir, "encoders", 30, "ffmpeg", "-hide_banner", "-encoders");
        String list = Files.readString(encoders.stdout());
        if (list.contains(" libx264 ")) {
            return "libx264";
        }
        assumeTrue(list.contains(" libopenh264 "), "ffmpeg has neither libx264 nor libopenh264");
        return "libopenh264";
    }

    private static List<String> h264Options(String encoder) {
        return encoder.equals("libx264")
                ? List.of("-c:v", "libx264", "-profile:v", "baseline", "-tune", "zerolatency", "-g", "30",
                "-pix_fmt", "yuv420p")
                : List.of("-c:v", "libopenh264", "-g", "30", "-pix_fmt", "yuv420p");
    }

    static Transport openReceiver() {
        return ProviderRegistry.transports().byName("udp").open(new TransportSettings(
                new InetSocketAddress(LOOPBACK, 0), NOWHERE, 1200, null, Config.empty()));
    }

    private static List<String> problems(String stderr) {
        return stderr.lines().map(l -> l.toLowerCase(Locale.ROOT))
                .filter(l -> l.contains("error") || l.contains("corrupt")).toList();
    }

    /** framecrc lines: {@code stream, dts, pts, duration, size, checksum}; returns the sizes. */
    private static List<Integer> frameSizes(Path framecrc) throws IOException {
        List<Integer> sizes = new ArrayList<>();
        for (String line : Files.readAllLines(framecrc, StandardCharsets.UTF_8)) {
            if (!line.startsWith("#") && !line.isBlank()) {
                sizes.add(Integer.parseInt(line.split(",")[4].trim()));
            }
        }
        return sizes;
    }

    /** Returns once no frame arrived for 300 ms. */
    static void awaitQuiet(Recorder recorder) throws InterruptedException {
        int seen = -1;
        while (recorder.frames.size() != seen) {
            seen = recorder.frames.size();
            Thread.sleep(300);
        }
    }

    @Test
    @Timeout(120)
    void shouldReceiveH264FromFfmpegAsDecodableAccessUnits(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("ffmpeg"), "ffmpeg is not installed");
        String encoder = h264Encoder(dir);
        Recorder recorder = new Recorder();
        try (Transport receiver = openReceiver()) {
            receiver.start(recorder);
            List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel",
                    "warning", "-re", "-f", "lavfi", "-i", TESTSRC, "-t", "3"));
            command.addAll(h264Options(encoder));
            command.addAll(List.of("-f", "rtp", "rtp://127.0.0.1:" + receiver.localAddress().getPort()));
            Run sender = finish(dir, "ffmpeg-tx", start(dir, "ffmpeg-tx", command), 60);
            assertEquals(0, sender.exitCode(), sender.stderr());
            awaitQuiet(recorder);
            assertEquals(0, receiver.stats().framesIncomplete(), "no loss on loopback: " + receiver.stats());
        }
        List<Received> frames = recorder.frames;
        assertTrue(frames.size() >= 30, "H.264 access units received: " + frames.size());
        assertTrue(frames.get(0).keyframe(), "the stream's first access unit, its keyframe, is handed on");
        int first = 0;
        while (first < frames.size() && !frames.get(first).keyframe()) {
            first++;
        }
        assertTrue(first < frames.size(), "a keyframe arrived");
        Received key = frames.get(first);
        List<Integer> types = H264TestStreams.nals(key.data()).stream().map(H264TestStreams::type).toList();
        assertTrue(types.contains(7) && types.contains(8) && types.contains(5), "SPS, PPS and IDR: " + types);
        H264ParameterSets sets = H264ParameterSets.find(key.data(), 0, key.data().length);
        assertNotNull(sets);
        assertEquals(WIDTH, sets.width());
        assertEquals(HEIGHT, sets.height());
        assertEquals(WIDTH, key.width(), "the frame carries the SPS's size");
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (Received frame : frames.subList(first, frames.size())) {
            assertEquals(VideoCodec.H264, frame.stream().codec());
            stream.writeBytes(frame.data());
        }
        Path file = dir.resolve("received.h264");
        Files.write(file, stream.toByteArray());

        Run decode = run(dir, "ffmpeg-decode", 60, "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                "-f", "h264", "-i", file.toString(), "-f", "framecrc", "-");
        assertEquals(0, decode.exitCode(), decode.stderr());
        assertEquals("", decode.stderr().strip(), "ffmpeg decodes the access units without complaint");
        List<Integer> sizes = frameSizes(decode.stdout());
        assertEquals(frames.size() - first, sizes.size(), "one picture per access unit");
        sizes.forEach(size -> assertEquals(PICTURE_BYTES, size, "320x240 4:2:0"));
    }

    /**
     * A sender whose parameter sets travel out of band (in an SDP's sprop-parameter-sets) begins its stream with
     * a PPS, an SEI or the IDR slice itself: the first access unit still proves its start and is handed on, so no
     * group of pictures is lost waiting for a keyframe the sender would send only seconds later.
     */
    @ParameterizedTest(name = "ffmpeg without NAL units of types {0}")
    @ValueSource(strings = {"7", "7|8", "6|7|8"})
    @Timeout(120)
    void shouldHandOnTheFirstAccessUnitOfAStreamWithoutInBandParameterSets(String removedTypes, @TempDir Path dir)
            throws Exception {
        assumeTrue(onPath("ffmpeg"), "ffmpeg is not installed");
        String encoder = h264Encoder(dir);
        Recorder recorder = new Recorder();
        int sent = 60;
        try (Transport receiver = openReceiver()) {
            receiver.start(recorder);
            List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel",
                    "warning", "-re", "-f", "lavfi", "-i", TESTSRC, "-frames:v", String.valueOf(sent)));
            command.addAll(h264Options(encoder));
            command.addAll(List.of("-g", "300", "-bsf:v", "filter_units=remove_types=" + removedTypes,
                    "-f", "rtp", "rtp://127.0.0.1:" + receiver.localAddress().getPort()));
            Run sender = finish(dir, "ffmpeg-tx", start(dir, "ffmpeg-tx", command), 60);
            assertEquals(0, sender.exitCode(), sender.stderr());
            awaitQuiet(recorder);
            assertEquals(0, receiver.stats().framesIncomplete(), receiver.stats().toString());
        }
        assertEquals(sent, recorder.frames.size(), "every access unit, the first included");
        assertTrue(recorder.frames.get(0).keyframe(), "the first is the stream's only keyframe");
        List<Integer> types = H264TestStreams.nals(recorder.frames.get(0).data()).stream()
                .map(H264TestStreams::type).toList();
        assertTrue(types.contains(5) && !types.contains(7), "the IDR slice without the SPS: " + types);
    }

    @Test
    @Timeout(120)
    void shouldReceiveMjpegFromFfmpegAsDecodableJpegs(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("ffmpeg"), "ffmpeg is not installed");
        Recorder recorder = new Recorder();
        try (Transport receiver = openReceiver()) {
            receiver.start(recorder);
            // RFC 2435 carries only the standard Huffman tables: -huffman default (ffmpeg's default is optimal)
            Run sender = run(dir, "ffmpeg-tx", 60, "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                    "-re", "-f", "lavfi", "-i", TESTSRC, "-t", "2", "-c:v", "mjpeg", "-huffman", "default",
                    "-pix_fmt", "yuvj420p", "-f", "rtp", "rtp://127.0.0.1:" + receiver.localAddress().getPort());
            assertEquals(0, sender.exitCode(), sender.stderr());
            awaitQuiet(recorder);
            assertEquals(0, receiver.stats().framesIncomplete(), receiver.stats().toString());
        }
        assertTrue(recorder.frames.size() >= 30, "JPEG frames received: " + recorder.frames.size());
        for (Received frame : recorder.frames) {
            assertEquals(VideoCodec.JPEG, frame.stream().codec());
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(frame.data()));
            assertNotNull(image, "javax.imageio decodes it");
            assertEquals(WIDTH, image.getWidth());
            assertEquals(HEIGHT, image.getHeight());
        }
    }

    /** Sends {@code frames} round and round at 30 fps until ffmpeg exits, for at most 20 s. */
    private static void sendUntilDone(int port, List<EncodedFrame> frames, Process ffmpeg) throws Exception {
        try (Transport sender = ProviderRegistry.transports().byName("udp").open(new TransportSettings(
                new InetSocketAddress(LOOPBACK, 0), new InetSocketAddress(LOOPBACK, port), 1200, null,
                Config.empty()))) {
            long start = System.nanoTime();
            long capture = System.currentTimeMillis() * 1_000_000L;
            for (int i = 0; ffmpeg.isAlive() && i < 600; i++) {
                EncodedFrame frame = frames.get(i % frames.size());
                frame.describe(frame.codec(), frame.keyframe(), WIDTH, HEIGHT, capture + i * 33_333_333L, i);
                sender.send(frame);
                long due = start + (i + 1) * 33_333_333L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        }
    }

    private static void assertFfmpegDecoded(Path dir, Run receive, int frames) throws IOException {
        assertEquals(0, receive.exitCode(), receive.stderr());
        assertEquals(List.of(), problems(receive.stderr()), receive.stderr());
        List<Integer> sizes = frameSizes(dir.resolve("received.crc"));
        assertEquals(frames, sizes.size(), "pictures ffmpeg decoded");
        sizes.forEach(size -> assertEquals(PICTURE_BYTES, size, "320x240 4:2:0"));
    }

    private static Process ffmpegReceiving(Path dir, Path sdp, int frames) throws IOException {
        return start(dir, "ffmpeg-rx", List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "warning",
                "-protocol_whitelist", "file,udp,rtp", "-i", sdp.toString(), "-frames:v", String.valueOf(frames),
                "-f", "framecrc", "-y", dir.resolve("received.crc").toString()));
    }

    @Test
    @Timeout(120)
    void shouldSendH264ThatFfmpegDecodesFromTheSdp(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("ffmpeg"), "ffmpeg is not installed");
        String encoder = h264Encoder(dir);
        Path source = dir.resolve("source.h264");
        List<String> encode = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                "-f", "lavfi", "-i", TESTSRC, "-t", "2"));
        encode.addAll(h264Options(encoder));
        encode.addAll(List.of("-f", "h264", "-y", source.toString()));
        Run encoded = finish(dir, "ffmpeg-encode", start(dir, "ffmpeg-encode", encode), 60);
        assertEquals(0, encoded.exitCode(), encoded.stderr());
        byte[] stream = Files.readAllBytes(source);
        List<byte[]> units = H264TestStreams.accessUnits(stream);
        assertEquals(60, units.size(), "2 s at 30 fps");
        List<EncodedFrame> frames = new ArrayList<>();
        for (byte[] unit : units) {
            boolean key = H264TestStreams.nals(unit).stream().anyMatch(n -> H264TestStreams.type(n) == 5);
            frames.add(new EncodedFrame().set(unit, 0, unit.length).describe(VideoCodec.H264, key, WIDTH, HEIGHT, 0, 0));
        }

        int port = freePortPair();
        H264ParameterSets sets = H264ParameterSets.find(stream, 0, stream.length);
        Path sdp = dir.resolve("stream.sdp");
        Sdp.builder(LOOPBACK).sessionName("vc interop").h264(port, 96, sets).build().write(sdp);
        int wanted = 30;
        Process ffmpeg = ffmpegReceiving(dir, sdp, wanted);
        awaitUdpListener(port, ffmpeg, 10_000);
        sendUntilDone(port, frames, ffmpeg);
        assertFfmpegDecoded(dir, finish(dir, "ffmpeg-rx", ffmpeg, 30), wanted);
    }

    @Test
    @Timeout(120)
    void shouldSendJpegThatFfmpegDecodesFromTheSdp(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("ffmpeg"), "ffmpeg is not installed");
        List<EncodedFrame> frames = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            byte[] jpeg = TestJpegs.encode(TestJpegs.picture(WIDTH, HEIGHT, i, 40), 0.75f, TestJpegs.Sampling.YUV420);
            frames.add(new EncodedFrame().set(jpeg, 0, jpeg.length).describe(VideoCodec.JPEG, true, WIDTH, HEIGHT, 0, 0));
        }
        int port = freePortPair();
        Path sdp = dir.resolve("stream.sdp");
        Sdp.builder(LOOPBACK).jpeg(port).build().write(sdp);
        int wanted = 30;
        Process ffmpeg = ffmpegReceiving(dir, sdp, wanted);
        awaitUdpListener(port, ffmpeg, 10_000);
        sendUntilDone(port, frames, ffmpeg);
        assertFfmpegDecoded(dir, finish(dir, "ffmpeg-rx", ffmpeg, 30), wanted);
    }
}
