package dev.vc.api.session;

import dev.vc.api.Config;
import dev.vc.api.Decoder;
import dev.vc.api.DecoderProvider;
import dev.vc.api.EncodedFrame;
import dev.vc.api.MediaClock;
import dev.vc.api.PixelFormat;
import dev.vc.api.RemoteStream;
import dev.vc.api.Renderer;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The receive pipeline's drop counters and latency, with a fake decoder and no transport. */
class ReceivePipelineTest {
    private static final long STALE_NANOS = TimeUnit.MINUTES.toNanos(10);

    @Test
    void shouldDiscardAndCountInterFramesUntilTheFirstKeyframe() throws Exception {
        FakeDecoders decoders = new FakeDecoders(sequence -> true);
        List<Integer> keyframeRequests = new CopyOnWriteArrayList<>();
        RemoteStream stream = RemoteStream.of(7, VideoCodec.H264);
        try (ReceivePipeline pipeline = pipeline(decoders)) {
            pipeline.keyframeRequester(keyframeRequests::add);
            pipeline.start();
            deliver(pipeline, stream, 0, false);
            awaitTrue(() -> only(pipeline).framesAwaitingKeyframe() == 1, "the first delta frame is discarded");
            deliver(pipeline, stream, 1, true);
            awaitTrue(() -> only(pipeline).framesRendered() == 1, "the keyframe is rendered");
            deliver(pipeline, stream, 2, false);
            awaitTrue(() -> only(pipeline).framesRendered() == 2, "and the delta frame after it");

            StreamStats s = only(pipeline);
            assertEquals(3, s.framesReceived());
            assertEquals(1, s.framesAwaitingKeyframe());
            assertEquals(0, s.framesSkipped() + s.framesNoPicture() + s.decodeErrors());
            assertEquals(List.of(7), keyframeRequests, "the sender is asked for a keyframe once");
            assertEquals(2, decoders.decoded, "the discarded frame never reaches the decoder");
        }
    }

    @Test
    void shouldNameAStreamWhoseFramesCameBeforeTheRosterNamedIt() throws Exception {
        FakeDecoders decoders = new FakeDecoders(sequence -> true);
        RemoteStream stream = RemoteStream.of(0x440777fe, VideoCodec.JPEG);
        try (ReceivePipeline pipeline = pipeline(decoders)) {
            pipeline.start();
            deliver(pipeline, stream, 0, true);
            awaitTrue(() -> only(pipeline).framesRendered() == 1, "the first frame rendered");
            assertEquals("440777fe", only(pipeline).stream().label(), "nobody named it yet: its SSRC");
            pipeline.named(0x440777fe, "carol");
            deliver(pipeline, stream, 1, true);
            awaitTrue(() -> only(pipeline).framesRendered() == 2, "both frames rendered");
            assertEquals("carol", only(pipeline).stream().label(), "named once the roster knows it");
            assertEquals(2, only(pipeline).framesReceived(), "one stream all along");
        }
    }

    @Test
    void shouldCountFramesTheDecoderTookWithoutAPicture() throws Exception {
        FakeDecoders decoders = new FakeDecoders(sequence -> sequence % 2 == 0);
        RemoteStream stream = RemoteStream.of(9, VideoCodec.JPEG);
        try (ReceivePipeline pipeline = pipeline(decoders)) {
            pipeline.start();
            for (int i = 0; i < 4; i++) {
                deliver(pipeline, stream, i, true);
                int decoded = i + 1;
                awaitTrue(() -> decoders.decoded == decoded, "frame " + decoded + " decoded");
            }
            awaitTrue(() -> only(pipeline).framesNoPicture() + only(pipeline).framesRendered() == 4, "all counted");
            assertEquals(2, only(pipeline).framesNoPicture());
            assertEquals(2, only(pipeline).framesRendered());
        }
    }

    @Test
    void shouldCountFramesReplacedWhileDecodingIsBehindAndDrainLatencyIntoAHistogram() throws Exception {
        FakeDecoders decoders = new FakeDecoders(sequence -> true);
        decoders.holdFirst = new CountDownLatch(1);
        RemoteStream stream = RemoteStream.of(11, VideoCodec.JPEG);
        try (ReceivePipeline pipeline = pipeline(decoders)) {
            pipeline.start();
            deliver(pipeline, stream, 0, true);
            assertTrue(decoders.firstEntered.await(5, TimeUnit.SECONDS), "the decode thread took frame 0");
            for (int i = 1; i <= 3; i++) {
                deliver(pipeline, stream, i, true);  // 1 and 2 are replaced in the inbox by the next one
            }
            decoders.holdFirst.countDown();
            awaitTrue(() -> only(pipeline).framesRendered() == 2, "frames 0 and 3 rendered");
            assertEquals(2, only(pipeline).framesSkipped());
            assertEquals(4, only(pipeline).framesReceived());

            LatencyHistogram window = new LatencyHistogram();
            pipeline.drainIntervalLatency(window);
            assertEquals(2, window.stats().count(), "one sample per rendered frame");
            pipeline.drainIntervalLatency(window);
            assertEquals(2, window.stats().count(), "the interval starts afresh after a drain");
        }
    }

    @Test
    void shouldRenderEachPictureAtItsOwnSizeWhenTheStreamSwitchesLayers() throws Exception {
        FakeDecoders decoders = new FakeDecoders(sequence -> true);
        List<String> shown = new CopyOnWriteArrayList<>();
        Renderer renderer = new NullRenderer() {
            @Override
            public void onFrame(RemoteStream stream, VideoFrame frame) {
                shown.add(frame.sequence() + ":" + frame.width() + "x" + frame.height() + "/" + frame.size());
            }
        };
        RemoteStream stream = RemoteStream.of(13, VideoCodec.H264);
        int[][] sizes = {{640, 480}, {320, 240}, {640, 480}};
        List<String> expected = new ArrayList<>();
        try (ReceivePipeline pipeline = new ReceivePipeline("t", codec -> decoders, Config.empty(), renderer,
                ssrc -> null, 4, STALE_NANOS)) {
            pipeline.start();
            for (int i = 0; i < 9; i++) {
                int[] size = sizes[i / 3];
                deliver(pipeline, stream, i, i % 3 == 0, size[0], size[1]);
                expected.add(i + ":" + size[0] + "x" + size[1] + "/" + size[0] * size[1] * 3 / 2);
                int rendered = i + 1;
                awaitTrue(() -> only(pipeline).framesRendered() == rendered, "frame " + i + " rendered");
                StreamStats s = only(pipeline);
                assertEquals(size[0], s.width(), "the stats name the size now received");
                assertEquals(size[1], s.height());
            }
            StreamStats s = only(pipeline);
            assertEquals(0, s.decodeErrors() + s.framesAwaitingKeyframe() + s.framesSkipped() + s.framesNoPicture());
        }
        assertEquals(expected, shown, "every picture at its own size, the valid bytes following it");
    }

    @Test
    void shouldTellListenersWhenAStreamStartsFreezesResumesAndEnds() throws Exception {
        FakeDecoders decoders = new FakeDecoders(sequence -> true);
        List<String> events = new CopyOnWriteArrayList<>();
        RemoteStream left = RemoteStream.of(21, VideoCodec.H264);
        RemoteStream silent = RemoteStream.of(22, VideoCodec.JPEG);
        try (ReceivePipeline pipeline = new ReceivePipeline("t", codec -> decoders, Config.empty(), new NullRenderer(),
                ssrc -> null, 4, TimeUnit.MILLISECONDS.toNanos(2_500))) {
            pipeline.addListener(new StreamListener() {
                @Override
                public void streamStarted(RemoteStream stream, int width, int height) {
                    throw new IllegalStateException("a listener that fails");
                }
            });
            pipeline.addListener(new StreamListener() {
                @Override
                public void streamStarted(RemoteStream stream, int width, int height) {
                    events.add("started " + stream.ssrc() + " " + width + "x" + height);
                }

                @Override
                public void streamFrozen(RemoteStream stream) {
                    events.add("frozen " + stream.ssrc());
                }

                @Override
                public void streamResumed(RemoteStream stream, long frozenMillis) {
                    events.add("resumed " + stream.ssrc() + (frozenMillis >= StreamListener.FREEZE_MILLIS ? "" : "?"));
                }

                @Override
                public void streamEnded(RemoteStream stream, EndReason reason) {
                    events.add("ended " + stream.ssrc() + " " + reason);
                }
            });
            pipeline.start();
            deliver(pipeline, left, 0, true, 32, 24);
            deliver(pipeline, silent, 0, true, 16, 16);
            awaitTrue(() -> events.contains("started 21 32x24") && events.contains("started 22 16x16"),
                    "both started, whatever the failing listener did: " + events);
            awaitTrue(() -> events.contains("frozen 21"), "no picture of 21 for a second: " + events);
            deliver(pipeline, left, 1, false, 32, 24);
            awaitTrue(() -> events.contains("resumed 21"), "21 shows pictures again: " + events);
            pipeline.end(21);
            awaitTrue(() -> events.contains("ended 21 LEFT"), "21's participant left: " + events);
            awaitTrue(() -> events.contains("ended 22 STALE"), "22 sent nothing for the stale timeout: " + events);
            assertEquals(1, events.stream().filter(e -> e.equals("frozen 22")).count(), "frozen once: " + events);
        }
    }

    private static ReceivePipeline pipeline(FakeDecoders decoders) {
        return new ReceivePipeline("t", codec -> decoders, Config.empty(), new NullRenderer(), ssrc -> null, 4,
                STALE_NANOS);
    }

    private static void deliver(ReceivePipeline pipeline, RemoteStream stream, long sequence, boolean keyframe) {
        deliver(pipeline, stream, sequence, keyframe, 16, 16);
    }

    private static void deliver(ReceivePipeline pipeline, RemoteStream stream, long sequence, boolean keyframe,
                                int width, int height) {
        EncodedFrame frame = new EncodedFrame().set(new byte[] {1, 2, 3}, 0, 3)
                .describe(stream.codec(), keyframe, width, height, MediaClock.nowNanos(), sequence);
        pipeline.onFrame(stream, frame);
    }

    private static StreamStats only(ReceivePipeline pipeline) {
        List<StreamStats> streams = pipeline.streamStats();
        assertEquals(1, streams.size(), streams.toString());
        return streams.get(0);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting: " + what);
            Thread.sleep(2);
        }
    }

    /** One provider for every codec; its decoders return a picture for the sequences {@code picture} accepts. */
    private static final class FakeDecoders implements DecoderProvider {
        final LongPredicate picture;
        final CountDownLatch firstEntered = new CountDownLatch(1);
        volatile CountDownLatch holdFirst = new CountDownLatch(0);
        volatile int decoded;

        FakeDecoders(LongPredicate picture) {
            this.picture = picture;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public VideoCodec codec() {
            return VideoCodec.H264;
        }

        @Override
        public Decoder create(Config config) {
            return new Decoder() {
                @Override
                public VideoCodec codec() {
                    return VideoCodec.H264;
                }

                @Override
                public boolean decode(EncodedFrame frame, VideoFrame out) {
                    firstEntered.countDown();
                    try {
                        holdFirst.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    decoded++;  // only the decode thread writes
                    out.reset(frame.width(), frame.height(), PixelFormat.I420)
                            .stamp(frame.captureTimeNanos(), frame.sequence());
                    return picture.test(frame.sequence());
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private static class NullRenderer implements Renderer {
        @Override
        public void onFrame(RemoteStream stream, VideoFrame frame) {
        }

        @Override
        public void onStreamEnded(RemoteStream stream) {
        }

        @Override
        public void close() {
        }
    }
}
