package dev.vc.api.session;

import dev.vc.api.CodecException;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.FrameSource;
import dev.vc.api.PixelFormat;
import dev.vc.api.Transport;
import dev.vc.api.TransportListener;
import dev.vc.api.TransportStats;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;
import dev.vc.testing.Allocations;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The send pipeline with simulcast layers: each captured frame goes out in every layer that is sent, layer 0
 * first, each marked with its index and halved from the one before; layers the relay does not want or the
 * estimate cannot carry are not encoded, and come back with a keyframe; keyframe requests reach their layer.
 * Most tests drive the send thread's work ({@link SendPipeline#send}) directly, one frame at a time.
 */
class SimulcastSendTest {
    private static final int WIDTH = 64;
    private static final int HEIGHT = 48;

    @Test
    void shouldSendEveryLayerMarkedWithItsIndexAtItsSizeLargestFirst() {
        for (PixelFormat format : List.of(PixelFormat.I420, PixelFormat.BGR24)) {  // what encoders take
            Layers layers = new Layers(3, format);
            try (SendPipeline pipeline = layers.pipeline(-1)) {
                for (int n = 0; n < 4; n++) {
                    pipeline.send(layers.frame(n));
                }
                assertEquals(12, layers.transport.sent.size(), format + ": four frames in three layers");
                for (int i = 0; i < 12; i++) {
                    Sent sent = layers.transport.sent.get(i);
                    int layer = i % 3;
                    assertEquals(new Sent(layer, WIDTH >> layer, HEIGHT >> layer, i / 3, i / 3 == 0), sent,
                            format + ": frame " + i);
                }
                assertEquals(4, pipeline.encoded(), "frames sent, each counted once however many layers");
                List<SendLayerStats> stats = pipeline.layerStats();
                assertEquals(List.of(new SendLayerStats(0, 64, 48, true, 600_000, 4, 1, 0, 0),
                        new SendLayerStats(1, 32, 24, true, 150_000, 4, 1, 0, 0),
                        new SendLayerStats(2, 16, 12, true, 50_000, 4, 1, 0, 0)), stats);
            }
        }
    }

    @Test
    void shouldHalveThePictureItselfNotJustItsSize() {
        Layers layers = new Layers(2, PixelFormat.I420);
        try (SendPipeline pipeline = layers.pipeline(-1)) {
            VideoFrame frame = layers.frame(0);
            java.util.Arrays.fill(frame.data(), 0, WIDTH * HEIGHT, (byte) 90);
            pipeline.send(frame);
            assertEquals(90, layers.encoders.get(1).firstLuma, "layer 1 was made from the captured picture");
        }
    }

    @Test
    void shouldNotEncodeLayersTheRelayDoesNotWantAndResumeThemWithAKeyframe() {
        Layers layers = new Layers(2, PixelFormat.I420);
        try (SendPipeline pipeline = layers.pipeline(-1)) {
            AtomicInteger wanted = new AtomicInteger(SimulcastAllocation.ALL_WANTED);
            pipeline.followLayersWanted(wanted::get);
            for (int n = 0; n < 15; n++) {
                wanted.set(n >= 5 && n < 10 ? 0b01 : 0b11);   // frames 5..9: nobody receives layer 1
                pipeline.send(layers.frame(n));
            }
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 10L, 11L, 12L, 13L, 14L), layers.encoders.get(1).sequences,
                    "layer 1's encoder saw no frame while it was not wanted");
            assertEquals(15, layers.encoders.get(0).sequences.size(), "layer 0 throughout");
            assertEquals(List.of(0L, 10L), layers.transport.keyframes(1), "layer 1 comes back with a keyframe");
            assertEquals(List.of(0L), layers.transport.keyframes(0), "layer 0 goes on without one");
            assertEquals(5, pipeline.layerStats().get(1).framesNotWanted());
            assertEquals(0, pipeline.layerStats().get(0).framesNotWanted());

            wanted.set(0);
            pipeline.send(layers.frame(15));
            assertEquals(15, pipeline.encoded(), "wanted by nobody: nothing encoded");
            assertEquals(0, pipeline.skippedForBandwidth(), "and that is not a bandwidth skip");
            assertEquals(List.of(false, false), List.of(pipeline.layerStats().get(0).active(),
                    pipeline.layerStats().get(1).active()));
        }
    }

    @Test
    void shouldSuspendTheLargeLayerWhenTheEstimateCannotCarryItAndResumeWithAKeyframe() {
        Layers layers = new Layers(2, PixelFormat.I420);
        try (SendPipeline pipeline = layers.pipeline(300_000)) {
            for (int n = 0; n < 5; n++) {
                pipeline.send(layers.frame(n));
            }
            // 300 kbit/s: layer 1 takes its 150, which leaves 150 for layer 0, below its 400 floor.
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L), layers.encoders.get(1).sequences);
            assertEquals(List.of(0L), layers.encoders.get(0).sequences, "the first frame went out before the estimate");
            assertEquals(4, pipeline.layerStats().get(0).framesSuspended());
            assertEquals(1, pipeline.layerStats().get(0).framesEncoded());
            assertFalse(pipeline.layerStats().get(0).active());
            assertEquals(1, new ParticipantStats("p", 1, 0, 0, 0, 0, 0, 0, 0, 0, List.of(),
                    new TransportStats(0, 0, 0, 0, 0, 0, 0, 0), List.of(), 0, pipeline.layerStats()).layersActive());

            layers.transport.estimate = 600_000;      // 450 left: above the floor, below floor + 25 %: still off
            pipeline.send(layers.frame(5));
            assertEquals(List.of(0L), layers.encoders.get(0).sequences, "no resume without headroom");
            layers.transport.estimate = 1_000_000;   // 850 left: resumed once it has been off for a second
            for (int n = 6; n < 40; n++) {
                pipeline.send(layers.frame(n));
            }
            assertEquals(List.of(0L, 31L, 32L), layers.encoders.get(0).sequences.subList(0, 3), "off at 1, on a second later");
            assertEquals(List.of(0L, 31L), layers.transport.keyframes(0), "the resumed layer starts with a keyframe");
        }
    }

    @Test
    void shouldTellQualityListenersWhenALayerIsSuspendedAndResumedOnlyOnChanges() {
        Layers layers = new Layers(2, PixelFormat.I420);
        List<SendQuality> heard = new ArrayList<>();
        try (SendPipeline pipeline = layers.pipeline(300_000)) {
            pipeline.addQualityListener(heard::add);
            for (int n = 0; n < 5; n++) {
                pipeline.send(layers.frame(n));
            }
            assertEquals(List.of(new SendQuality(2, 2, 0, false, -1), new SendQuality(1, 2, 1, false, 300_000)), heard,
                    "both layers at first, then the large one suspended: told once each");
            assertTrue(heard.get(1).limitedByBandwidth());
            layers.transport.estimate = 1_000_000;
            for (int n = 5; n < 40; n++) {
                pipeline.send(layers.frame(n));
            }
            assertEquals(new SendQuality(2, 2, 0, false, 1_000_000), heard.get(heard.size() - 1), "resumed");
            assertEquals(3, heard.size());
            layers.transport.estimate = 50_000;
            for (int n = 40; n < 50; n++) {
                pipeline.send(layers.frame(n));
            }
            SendQuality low = heard.get(heard.size() - 1);
            assertEquals(1, low.suspended());
            assertTrue(low.skippingFrames() && low.limitedByBandwidth(), "below the small layer's floor: " + heard);
        }
    }

    @Test
    void shouldSendWithTheNewLayersFromTheNextFrameAfterAResizeAndCloseTheOldEncoders() {
        Layers layers = new Layers(2, PixelFormat.I420);
        LayerEncoder large = new LayerEncoder(WIDTH * 2, HEIGHT * 2, PixelFormat.I420);
        LayerEncoder small = new LayerEncoder(WIDTH, HEIGHT, PixelFormat.I420);
        try (SendPipeline pipeline = layers.pipeline(-1)) {
            pipeline.send(layers.frame(0));
            SimulcastAllocation allocation = new SimulcastAllocation(2, 600_000, 5, 400_000, true);
            pipeline.resize(List.of(new SendLayer(0, large, WIDTH * 2, HEIGHT * 2, allocation),
                    new SendLayer(1, small, WIDTH, HEIGHT, allocation)), allocation);
            assertFalse(layers.encoders.get(0).closed, "nothing changes before the next frame");
            assertEquals((long) WIDTH << 32 | HEIGHT, pipeline.layerSizes()[0]);
            pipeline.send(new VideoFrame(WIDTH * 2, HEIGHT * 2, PixelFormat.I420).stamp(1, 1));
            assertTrue(layers.encoders.get(0).closed && layers.encoders.get(1).closed, "the old encoders are closed");
            assertEquals(List.of(1L), large.sequences, "the new large layer encodes the new picture");
            assertEquals(List.of(1L), small.sequences, "and its half");
            assertEquals((long) (WIDTH * 2) << 32 | HEIGHT * 2, pipeline.layerSizes()[0]);
            assertThrows(IllegalArgumentException.class, () -> pipeline.resize(List.of(), allocation));
        }
        assertTrue(large.closed && small.closed, "closing the pipeline closes the encoders it sends with");
    }

    @Test
    void shouldGiveALayerTheRelayCapsAtMostItsCapAtOnceWhenItFallsByAThird() {
        Layers layers = new Layers(2, PixelFormat.I420);
        try (SendPipeline pipeline = layers.pipeline(2_000_000)) {
            pipeline.setBitrate(2_500_000);
            for (int n = 0; n < 40; n++) {
                pipeline.send(layers.frame(n));
            }
            assertEquals(1_375_000, last(layers.encoders.get(0).bitrates), "the estimate's share: 2000 - 625");
            layers.transport.caps[0] = 500_000;        // the relay: layer 0's only receiver takes 500 kbit/s
            pipeline.send(layers.frame(40));
            assertEquals(500_000, last(layers.encoders.get(0).bitrates), "a fall of more than a third: at once");
            assertEquals(625_000, last(layers.encoders.get(1).bitrates), "layer 1 is not capped");
            layers.transport.caps[0] = 8_000_000;      // lifted
            for (int n = 41; n < 72; n++) {
                pipeline.send(layers.frame(n));
            }
            assertEquals(1_375_000, last(layers.encoders.get(0).bitrates), "back to the estimate's share within a second");
        }
    }

    private static int last(List<Integer> values) {
        return values.get(values.size() - 1);
    }

    @Test
    void shouldSkipFramesInProportionBelowTheSmallestLayersFloor() {
        Layers layers = new Layers(2, PixelFormat.I420);
        try (SendPipeline pipeline = layers.pipeline(50_000)) {
            for (int n = 0; n < 20; n++) {
                pipeline.send(layers.frame(n));
            }
            // Layer 1's floor is 100 kbit/s: at 50 every other frame, and layer 0 suspended.
            assertEquals(10, pipeline.skippedForBandwidth());
            assertEquals(10, layers.encoders.get(1).sequences.size());
            assertEquals(List.of(50_000), layers.encoders.get(1).bitrates);
            assertEquals(List.of(15), layers.encoders.get(1).frameRates);
        }
    }

    @Test
    void shouldDeliverAKeyframeRequestToItsLayersEncoderOnly() {
        Layers layers = new Layers(2, PixelFormat.I420);
        try (SendPipeline pipeline = layers.pipeline(-1)) {
            pipeline.requestKeyframe(1);
            assertEquals(0, layers.encoders.get(0).keyframeRequests.get());
            assertEquals(1, layers.encoders.get(1).keyframeRequests.get());
            pipeline.requestKeyframe(2);
            pipeline.requestKeyframe(-1);
            assertEquals(2, pipeline.unknownLayerKeyframeRequests(), "a layer not sent: counted and ignored");
            pipeline.requestKeyframes();
            assertEquals(1, layers.encoders.get(0).keyframeRequests.get());
            assertEquals(2, layers.encoders.get(1).keyframeRequests.get());
        }
    }

    @Test
    void shouldMoveEveryLayersMaxWithTheConfiguredBitrate() {
        Layers layers = new Layers(3, PixelFormat.I420);
        try (SendPipeline pipeline = layers.pipeline(-1)) {
            pipeline.send(layers.frame(0));
            pipeline.setBitrate(1_600_000);
            pipeline.send(layers.frame(1));
            assertEquals(List.of(1_600_000), layers.encoders.get(0).bitrates);
            assertEquals(List.of(400_000), layers.encoders.get(1).bitrates);
            assertEquals(List.of(100_000), layers.encoders.get(2).bitrates);
            pipeline.setBitrate(1_500_000);
            pipeline.send(layers.frame(2));
            assertEquals(List.of(1_600_000, 1_500_000), layers.encoders.get(0).bitrates);
            assertEquals(List.of(100_000, 93_750), layers.encoders.get(2).bitrates, "each layer a sixteenth further");
        }
    }

    @Test
    void shouldCarryOnWithTheOtherLayerWhenOneLayersEncoderFails() {
        Layers layers = new Layers(2, PixelFormat.I420);
        try (SendPipeline pipeline = layers.pipeline(-1)) {
            layers.encoders.get(0).failOnSequence = 1;
            for (int n = 0; n < 3; n++) {
                pipeline.send(layers.frame(n));
            }
            assertEquals(1, pipeline.errors());
            assertEquals(3, pipeline.encoded(), "frame 1 still went out in layer 1");
            assertEquals(List.of(0L, 1L, 2L), layers.encoders.get(1).sequences);
        }
    }

    @Test
    void shouldCountAFrameTooSmallToHalveAsAnErrorAndKeepSendingTheLargeLayer() {
        Layers layers = new Layers(2, PixelFormat.I420);
        try (SendPipeline pipeline = layers.pipeline(-1)) {
            layers.encoders.get(0).width = 2;
            layers.encoders.get(0).height = 2;
            pipeline.send(new VideoFrame(2, 2, PixelFormat.I420).stamp(0, 0));
            assertEquals(1, pipeline.errors());
            assertEquals(List.of(0L), layers.encoders.get(0).sequences);
            assertTrue(layers.encoders.get(1).sequences.isEmpty());
        }
    }

    @Test
    void shouldAllocateNothingPerFrameInSteadyState() {
        Layers layers = new Layers(3, PixelFormat.I420);
        layers.transport.record = false;
        layers.encoders.forEach(e -> e.record = false);
        try (SendPipeline pipeline = layers.pipeline(900_000)) {
            AtomicInteger wanted = new AtomicInteger(0b111);
            pipeline.followLayersWanted(wanted::get);
            VideoFrame frame = layers.frame(0);
            long allocated = 0;
            for (int round = 0; round < 3; round++) {        // the first rounds warm up (class loading, JIT)
                long before = Allocations.currentThread();
                for (int n = 0; n < 20_000; n++) {
                    wanted.set(n % 100 < 50 ? 0b111 : 0b101);
                    layers.transport.estimate = n % 300 < 150 ? 900_000 : 60_000;
                    pipeline.send(frame.stamp(n, n));
                }
                allocated = Allocations.currentThread() - before;
            }
            assertTrue(allocated < 16_384, "allocated " + allocated + " B over 20000 frames");
            assertTrue(pipeline.encoded() > 0);
        }
    }

    @Test
    void shouldSendTheLayersOfFramesTheCaptureThreadPublishes() throws Exception {
        Layers layers = new Layers(2, PixelFormat.I420);
        try (SendPipeline pipeline = layers.pipeline(-1, new Frames(10))) {
            pipeline.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (layers.transport.count() < 20) {
                assertTrue(System.nanoTime() < deadline, "timed out waiting for 10 frames in 2 layers");
                Thread.sleep(5);
            }
            assertEquals(10, layers.encoders.get(0).sequences.size());
            assertEquals(10, layers.encoders.get(1).sequences.size());
        }
    }

    @Test
    void shouldMakeTheNextFrameOfTheRequestedLayerOnlyAKeyframe() {
        Layers layers = new Layers(2, PixelFormat.I420);
        try (SendPipeline pipeline = layers.pipeline(-1)) {
            for (int n = 0; n < 5; n++) {
                if (n == 3) {
                    pipeline.requestKeyframe(1);
                }
                pipeline.send(layers.frame(n));
            }
            assertEquals(List.of(0L, 3L), layers.transport.keyframes(1));
            assertEquals(List.of(0L), layers.transport.keyframes(0));
        }
    }

    @Test
    void shouldEncodeEveryCapturedFrameInEveryLayerInOrderFromItsOwnPicture() throws Exception {
        int frames = 40;
        Layers layers = new Layers(3, PixelFormat.I420);
        layers.encoders.forEach(e -> e.holdMillis = 1);   // the capture thread goes on while a layer encodes
        try (SendPipeline pipeline = layers.pipeline(-1, new Frames(frames))) {
            pipeline.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (layers.transport.count() < 3 * frames) {
                assertTrue(System.nanoTime() < deadline, "timed out waiting for " + frames + " frames in 3 layers");
                Thread.sleep(5);
            }
            List<Long> all = java.util.stream.LongStream.range(0, frames).boxed().toList();
            for (int k = 0; k < 3; k++) {
                assertEquals(all, layers.encoders.get(k).sequences, "layer " + k + ": every frame, in order");
                assertEquals(0, layers.encoders.get(k).changedWhileEncoded.get(), "layer " + k);
            }
            List<Sent> sent = List.copyOf(layers.transport.sent);
            for (int i = 0; i < sent.size(); i++) {
                assertEquals(i % 3, sent.get(i).layer(), "each frame's layers go out largest first");
                assertEquals(i / 3, sent.get(i).sequence());
            }
        }
    }

    /** What the transport was handed. */
    record Sent(int layer, int width, int height, long sequence, boolean keyframe) {
    }

    /** A pipeline of {@code count} layers of a 64x48 picture, fake encoders and a recording transport. */
    @Test
    void shouldShowTheSelfViewTheSmallestPictureMadeThatCoversItsSize() {
        Layers layers = new Layers(3, PixelFormat.I420);
        try (SendPipeline pipeline = layers.pipeline(-1)) {
            List<String> shown = new ArrayList<>();
            pipeline.preview(frame -> shown.add(frame.width() + "x" + frame.height()));
            AtomicInteger wanted = new AtomicInteger(SimulcastAllocation.ALL_WANTED);
            pipeline.followLayersWanted(wanted::get);
            pipeline.send(layers.frame(0));                  // size not reported: the captured picture
            pipeline.previewSize(30, 22);                    // 32x24 covers it, 16x12 does not
            pipeline.send(layers.frame(1));
            pipeline.previewSize(10, 8);                     // the smallest layer covers it
            pipeline.send(layers.frame(2));
            pipeline.previewSize(40, 30);                    // only the captured picture covers it
            pipeline.send(layers.frame(3));
            pipeline.previewSize(30, 22);
            wanted.set(0b001);                               // nobody wants 32x24: it is not made for the preview
            pipeline.send(layers.frame(4));
            pipeline.previewSize(0, 0);                      // the self view is hidden
            pipeline.send(layers.frame(5));
            assertEquals(List.of("64x48", "32x24", "16x12", "64x48", "64x48"), shown);
            assertEquals(6, pipeline.encoded(), "the preview's choice changes nothing that is sent");
        }
    }

    private static final class Layers {
        final int count;
        final PixelFormat format;
        final List<LayerEncoder> encoders = new ArrayList<>();
        final RecordingTransport transport = new RecordingTransport();

        Layers(int count, PixelFormat format) {
            this.count = count;
            this.format = format;
            for (int k = 0; k < count; k++) {
                encoders.add(new LayerEncoder(WIDTH >> k, HEIGHT >> k, format));
            }
        }

        SendPipeline pipeline(long estimate) {
            return pipeline(estimate, new Frames(0));
        }

        /** Default rates: 600 kbit/s, 30 fps, floor 400 kbit/s; the estimate applies from the second frame. */
        SendPipeline pipeline(long estimate, FrameSource source) {
            transport.estimateAfterFirst = estimate;
            SimulcastAllocation allocation = new SimulcastAllocation(count, 600_000, 30, 400_000, true);
            List<SendLayer> sendLayers = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                sendLayers.add(new SendLayer(k, encoders.get(k), WIDTH >> k, HEIGHT >> k, allocation));
            }
            return new SendPipeline("t", source, sendLayers, transport, 64, allocation);
        }

        VideoFrame frame(long n) {
            return new VideoFrame(WIDTH, HEIGHT, format).stamp(n, n);
        }
    }

    /** @return the luma of every pixel of frame {@code sequence} of {@link Frames} */
    static byte luma(long sequence) {
        return (byte) (sequence * 7 % 256);
    }

    /** Delivers {@code count} 64x48 I420 frames, their luma by sequence ({@link #luma}), then ends. */
    private static final class Frames implements FrameSource {
        private final int count;
        private long next;

        Frames(int count) {
            this.count = count;
        }

        @Override
        public int width() {
            return WIDTH;
        }

        @Override
        public int height() {
            return HEIGHT;
        }

        @Override
        public PixelFormat format() {
            return PixelFormat.I420;
        }

        @Override
        public double frameRate() {
            return 30;
        }

        @Override
        public boolean read(VideoFrame into) {
            if (next == count) {
                return false;
            }
            into.reset(WIDTH, HEIGHT, PixelFormat.I420).stamp(next, next);
            java.util.Arrays.fill(into.data(), 0, WIDTH * HEIGHT, luma(next));    // halves to the same value
            next++;
            return true;
        }

        @Override
        public void close() {
        }
    }

    /**
     * Takes frames of one size and format only, as the real encoders do; its first frame and those after a
     * request are keyframes; records what it saw.
     */
    private static final class LayerEncoder implements Encoder {
        final PixelFormat format;
        volatile int width;
        volatile int height;
        final AtomicInteger keyframeRequests = new AtomicInteger();
        final List<Long> sequences = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<Integer> bitrates = new ArrayList<>();
        final List<Integer> frameRates = new ArrayList<>();
        volatile boolean record = true;
        volatile long failOnSequence = -1;
        volatile int firstLuma = -1;
        /** How long each encode takes; the picture is checked before and after. */
        volatile int holdMillis;
        final AtomicInteger changedWhileEncoded = new AtomicInteger();
        private volatile boolean keyframeDue = true;
        volatile boolean closed;

        LayerEncoder(int width, int height, PixelFormat format) {
            this.width = width;
            this.height = height;
            this.format = format;
        }

        @Override
        public VideoCodec codec() {
            return VideoCodec.H264;
        }

        @Override
        public PixelFormat inputFormat() {
            return format;
        }

        @Override
        public boolean encode(VideoFrame frame, EncodedFrame out) {
            if (frame.width() != width || frame.height() != height || frame.format() != format) {
                throw new CodecException("expected " + width + "x" + height + " " + format + ", got " + frame);
            }
            if (frame.sequence() == failOnSequence) {
                throw new CodecException("injected failure");
            }
            if (record) {
                sequences.add(frame.sequence());
                firstLuma = frame.data()[0] & 0xFF;
            }
            if (holdMillis > 0) {
                byte before = frame.data()[0];
                long sequence = frame.sequence();
                try {
                    Thread.sleep(holdMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (frame.data()[0] != before || frame.sequence() != sequence || before != luma(sequence)) {
                    changedWhileEncoded.incrementAndGet();
                }
            }
            boolean key = keyframeDue;
            keyframeDue = false;
            out.ensureCapacity(1)[0] = 1;
            out.length(1).describe(VideoCodec.H264, key, width, height, frame.captureTimeNanos(), frame.sequence());
            return true;
        }

        @Override
        public void setBitrate(int bitsPerSecond) {
            Encoder.checkBitrate(bitsPerSecond);
            if (record) {
                bitrates.add(bitsPerSecond);
            }
        }

        @Override
        public void setFrameRate(int framesPerSecond) {
            if (record) {
                frameRates.add(framesPerSecond);
            }
        }

        @Override
        public void requestKeyframe() {
            keyframeRequests.incrementAndGet();
            keyframeDue = true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Records each frame handed to it; its estimate is -1 for the first frame, then {@code estimateAfterFirst}. */
    private static final class RecordingTransport implements Transport {
        final List<Sent> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile boolean record = true;
        volatile long estimate = -1;
        volatile long estimateAfterFirst = -1;
        /** The relay's cap per layer (TMMBR), -1 for none. */
        final long[] caps = {-1, -1, -1};
        private volatile boolean first = true;

        @Override
        public long layerBitrateCapBps(int layer) {
            return caps[layer];
        }

        @Override
        public long targetBitrateBps() {
            if (first) {
                first = false;
                estimate = estimateAfterFirst;
                return -1;
            }
            return estimate;
        }

        @Override
        public void send(EncodedFrame frame) {
            if (record) {
                sent.add(new Sent(frame.layer(), frame.width(), frame.height(), frame.sequence(), frame.keyframe()));
            }
        }

        int count() {
            return sent.size();
        }

        List<Long> keyframes(int layer) {
            List<Long> keyframes = new ArrayList<>();
            for (Sent s : List.copyOf(sent)) {
                if (s.layer() == layer && s.keyframe()) {
                    keyframes.add(s.sequence());
                }
            }
            return keyframes;
        }

        @Override
        public void start(TransportListener listener) {
        }

        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress(0);
        }

        @Override
        public int ssrc() {
            return 1;
        }

        @Override
        public TransportStats stats() {
            return new TransportStats(0, 0, 0, 0, 0, 0, 0, 0);
        }

        @Override
        public void close() {
        }
    }
}
