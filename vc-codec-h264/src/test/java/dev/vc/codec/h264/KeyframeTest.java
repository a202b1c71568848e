package dev.vc.codec.h264;

import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.VideoFrame;
import dev.vc.codec.h264.internal.AnnexB;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

    /**
     * The receive path asks for keyframes from the transport's thread while the send thread encodes. A request
     * that lands during an encode must not be cleared when that encode ends (it was, and at 3 Mbit/s on a busy
     * machine jcodec streams then waited for a keyframe that never came). Whatever the interleaving, one of
     * the first two frames to finish after the request is a keyframe.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h264", "h264-jcodec"})
    void shouldHonourAKeyframeRequestMadeByAnotherThreadWhileAFrameIsEncoded(String name) throws Exception {
        List<VideoFrame> frames = Fixtures.frames();
        EncodedFrame out = new EncodedFrame();
        List<Boolean> keyframes = new CopyOnWriteArrayList<>();
        AtomicInteger requestedAfter = new AtomicInteger(-1);
        CountDownLatch pastFirstKeyframe = new CountDownLatch(1);
        try (Encoder encoder = Fixtures.encoder(name, 4_000_000, 1000)) {
            Thread requester = new Thread(() -> {
                try {
                    if (pastFirstKeyframe.await(60, TimeUnit.SECONDS)) {
                        int before = keyframes.size();
                        encoder.requestKeyframe();  // most likely while the next frame is being encoded
                        requestedAfter.set(before);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "keyframe-requester");
            requester.setDaemon(true);
            requester.start();
            for (int i = 0; i < frames.size(); i++) {
                keyframes.add(encoder.encode(frames.get(i), out) && out.keyframe());
                if (i == 4) {
                    pastFirstKeyframe.countDown();
                }
                int before = requestedAfter.get();
                if (before >= 0 && keyframes.size() >= before + 3) {
                    break;
                }
            }
            requester.join(60_000);
        }
        int before = requestedAfter.get();
        assertTrue(before >= 5 && keyframes.size() >= before + 3, "requested after frame " + before);
        assertTrue(keyframes.subList(before, before + 3).contains(true),
                "no keyframe among the frames finished after the request: " + keyframes);
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

    static List<Integer> nalTypes(EncodedFrame frame) {
        List<Integer> types = new ArrayList<>();
        AnnexB.forEachNal(frame.data(), 0, frame.length(), (d, s, e) -> types.add(d[s] & 0x1f));
        return types;
    }
}
