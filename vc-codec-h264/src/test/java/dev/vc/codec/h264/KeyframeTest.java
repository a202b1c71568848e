package dev.vc.codec.h264;

import dev.vc.api.Config;
import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.VideoFrame;
import dev.vc.codec.h264.internal.AnnexB;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keyframes on request and by interval: IDR with SPS/PPS, decodable alone. */
class KeyframeTest {
    @ParameterizedTest
    @ValueSource(strings = {"h264", "h264-jcodec"})
    void requestedKeyframeShouldBeAnIdrWithParameterSetsThatDecodesAlone(String name) {
        List<VideoFrame> frames = Fixtures.frames();
        EncodedFrame out = new EncodedFrame();
        // A high bitrate so that jcodec's frame skipper stays out of the way.
        try (Encoder encoder = Fixtures.encoder(name, 4_000_000, 1000)) {
            for (int i = 0; i < 10; i++) {
                assertTrue(encoder.encode(frames.get(i), out));
                assertEquals(i == 0, out.keyframe(), "frame " + i);
                assertEquals(i == 0, AnnexB.containsNalType(out.data(), 0, out.length(), AnnexB.NAL_SPS));
            }
            encoder.requestKeyframe();
            encoder.requestKeyframe();       // coalesces with the first request
            encoder.requestKeyframe();
            assertTrue(encoder.encode(frames.get(10), out));
            assertTrue(out.keyframe(), "frame after requestKeyframe must be a keyframe");
            List<Integer> types = nalTypes(out);
            System.out.println("[keyframe] " + name + " requested keyframe NAL types " + types + ", " + out.length()
                    + " B");
            assertTrue(types.contains(AnnexB.NAL_SPS), "SPS in-band: " + types);
            assertTrue(types.contains(AnnexB.NAL_PPS), "PPS in-band: " + types);
            assertTrue(types.contains(AnnexB.NAL_IDR), "IDR slice: " + types);
            assertFalse(types.contains(AnnexB.NAL_SLICE), "no non-IDR slice: " + types);
            assertEquals(1, types.stream().filter(t -> t == AnnexB.NAL_IDR).count(), "one slice: " + types);
            EncodedFrame keyframe = Fixtures.copy(out);

            assertTrue(encoder.encode(frames.get(11), out));
            assertFalse(out.keyframe(), "repeated requests must count once");
            assertEquals(List.of(AnnexB.NAL_SLICE), nalTypes(out));

            for (String decoderName : List.of("h264", "h264-jcodec")) {
                try (Decoder fresh = Fixtures.decoder(decoderName)) {
                    VideoFrame picture = new VideoFrame();
                    assertTrue(fresh.decode(keyframe, picture), decoderName + " must decode the keyframe alone");
                    double psnr = TestSequence.lumaPsnr(frames.get(10), picture);
                    System.out.printf("[keyframe] %s keyframe decoded alone by %s: %.2f dB%n", name, decoderName, psnr);
                    assertTrue(psnr > 30, "PSNR " + psnr);
                    assertEquals(10, picture.sequence());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h264", "h264-jcodec"})
    void shouldInsertKeyframesAtTheConfiguredInterval(String name) {
        List<VideoFrame> frames = Fixtures.frames();
        EncodedFrame out = new EncodedFrame();
        List<Long> keyframes = new ArrayList<>();
        try (Encoder encoder = Fixtures.encoder(name, 4_000_000, 30)) {
            for (int i = 0; i < 95; i++) {
                if (encoder.encode(frames.get(i), out) && out.keyframe()) {
                    keyframes.add(out.sequence());
                    assertTrue(AnnexB.containsNalType(out.data(), 0, out.length(), AnnexB.NAL_SPS));
                }
            }
        }
        assertEquals(List.of(0L, 30L, 60L, 90L), keyframes, name);
    }

    /**
     * A receiver that cannot ask for a keyframe (a recorder, an RTP forward to ffplay, a stream joined without a
     * PLI) waits for the next periodic one: with the default settings it comes within two seconds.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h264", "h264-jcodec"})
    void shouldSendAKeyframeWithinTwoSecondsByDefault(String name) {
        int fps = TestSequence.FPS;
        EncoderSettings settings = EncoderSettings.from(Config.of(Map.of("vc.width", "" + TestSequence.WIDTH,
                "vc.height", "" + TestSequence.HEIGHT, "vc.fps", "" + fps, "vc.bitrate", "4000000")));
        List<VideoFrame> frames = Fixtures.frames();
        EncodedFrame out = new EncodedFrame();
        List<Long> keyframes = new ArrayList<>();
        try (Encoder encoder = ProviderRegistry.encoders().byName(name).create(settings)) {
            for (int i = 0; i <= 2 * fps; i++) {
                if (encoder.encode(frames.get(i), out) && out.keyframe()) {
                    keyframes.add(out.sequence());
                }
            }
        }
        assertTrue(keyframes.size() >= 2 && keyframes.get(0) == 0 && keyframes.get(1) <= 2 * fps,
                "keyframes within the first " + (2 * fps + 1) + " frames: " + keyframes);
    }

    /**
     * A PLI reaches the encoder on the transport's thread while the send thread may be inside encode(). Each
     * round lands a request at a random moment of one encode; whether or not that frame became the keyframe, the
     * request must not be forgotten: if that frame did not become the keyframe, the next one does.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h264", "h264-jcodec"})
    void shouldNotForgetAKeyframeRequestMadeWhileAFrameIsBeingEncoded(String name) throws Exception {
        List<VideoFrame> frames = Fixtures.frames();
        EncodedFrame during = new EncodedFrame();
        EncodedFrame after = new EncodedFrame();
        ExecutorService requester = Executors.newSingleThreadExecutor();
        try (Encoder encoder = Fixtures.encoder(name, 4_000_000, 1000)) {
            assertTrue(encoder.encode(frames.get(0), during));
            long encodeNanos = System.nanoTime();
            assertTrue(encoder.encode(frames.get(1), during));
            encodeNanos = System.nanoTime() - encodeNanos;
            long spread = Math.max(1, encodeNanos);
            for (int round = 0; round < 40; round++) {
                CountDownLatch go = new CountDownLatch(1);
                long delay = ThreadLocalRandom.current().nextLong(spread);
                Future<?> request = requester.submit(() -> {
                    go.countDown();
                    long until = System.nanoTime() + delay;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    encoder.requestKeyframe();
                });
                assertTrue(go.await(5, TimeUnit.SECONDS));
                // jcodec may skip a frame to keep its budget, but never a keyframe.
                boolean duringKey = encoder.encode(frames.get(2 + 2 * round), during) && during.keyframe();
                request.get(5, TimeUnit.SECONDS);
                boolean afterKey = encoder.encode(frames.get(3 + 2 * round), after) && after.keyframe();
                assertTrue(duringKey || afterKey, name + ": request of round " + round + " was lost");
            }
        } finally {
            requester.shutdownNow();
        }
    }

    static List<Integer> nalTypes(EncodedFrame frame) {
        List<Integer> types = new ArrayList<>();
        AnnexB.forEachNal(frame.data(), 0, frame.length(), (d, s, e) -> types.add(d[s] & 0x1f));
        return types;
    }
}
