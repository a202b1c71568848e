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
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SendPipelineTest {
    private static final int RING = 4;

    @Test
    void shouldDropAndCountFramesWhileTheSendThreadIsStalledWithoutBlockingCapture() throws Exception {
        CountingSource source = new CountingSource(100);
        StallingEncoder encoder = new StallingEncoder();
        RecordingTransport transport = new RecordingTransport();
        try (SendPipeline pipeline = single(source, encoder, transport, RING)) {
            pipeline.start();
            // The encoder holds the send thread inside encode() of frame 0; capture must still run to the end.
            awaitTrue(() -> !pipeline.capturing(), "capture thread finished while the consumer is stalled");
            assertTrue(encoder.entered.await(5, TimeUnit.SECONDS));
            assertEquals(100, pipeline.captured());
            assertEquals(100 - RING, pipeline.dropped(), "every frame without a free slot is dropped and counted");
            assertEquals(0, pipeline.encoded());

            encoder.release.countDown();
            awaitTrue(() -> pipeline.encoded() == RING, "the frames that got a slot are encoded");
            awaitTrue(() -> transport.sequences.size() == RING, "and sent");
            assertEquals(List.of(0L, 1L, 2L, 3L), transport.sequences);
        }
    }

    @Test
    void shouldKeepSendingAfterAnEncoderError() throws Exception {
        CountingSource source = new CountingSource(10);
        StallingEncoder encoder = new StallingEncoder();
        encoder.release.countDown();
        encoder.failOnSequence = 3;
        RecordingTransport transport = new RecordingTransport();
        try (SendPipeline pipeline = single(source, encoder, transport, 16)) {
            pipeline.start();
            awaitTrue(() -> pipeline.encoded() + pipeline.errors() == 10, "all frames processed");
            assertEquals(1, pipeline.errors());
            assertFalse(transport.sequences.contains(3L));
            assertEquals(9, transport.sequences.size());
            assertEquals(9, pipeline.keyframes(), "every JPEG frame sent is a keyframe; the failed one is not counted");
        }
    }

    @Test
    void shouldCountFramesTheEncoderSkipped() throws Exception {
        CountingSource source = new CountingSource(10);
        StallingEncoder encoder = new StallingEncoder();
        encoder.release.countDown();
        encoder.skipOddSequences = true;
        RecordingTransport transport = new RecordingTransport();
        try (SendPipeline pipeline = single(source, encoder, transport, 16)) {
            pipeline.start();
            awaitTrue(() -> pipeline.encoded() + pipeline.encoderSkipped() == 10, "all frames processed");
            assertEquals(5, pipeline.encoderSkipped());
            assertEquals(0, pipeline.errors(), "a skip is not an error");
            assertEquals(List.of(0L, 2L, 4L, 6L, 8L), transport.sequences);
        }
    }

    @Test
    void shouldSendNothingWhilePausedAndResumeWithoutReopeningTheSource() throws Exception {
        EndlessSource source = new EndlessSource(0);
        StallingEncoder encoder = new StallingEncoder();
        encoder.release.countDown();
        RecordingTransport transport = new RecordingTransport();
        try (SendPipeline pipeline = single(source, encoder, transport, 4)) {
            pipeline.pause(true);
            pipeline.start();
            awaitTrue(() -> source.reads.get() > 20, "the source keeps being read while paused");
            assertEquals(0, transport.sequences.size(), "nothing sent while paused");
            assertEquals(0, pipeline.dropped(), "paused frames are not drops");
            pipeline.pause(false);
            awaitTrue(() -> transport.sequences.size() > 5, "sending resumes");
            assertFalse(source.closed, "same source throughout");
        }
    }

    @Test
    void shouldSwitchSourcesWithoutStoppingTheStream() throws Exception {
        EndlessSource camera = new EndlessSource(0);
        EndlessSource screen = new EndlessSource(1_000_000);
        StallingEncoder encoder = new StallingEncoder();
        encoder.release.countDown();
        RecordingTransport transport = new RecordingTransport();
        try (SendPipeline pipeline = single(camera, encoder, transport, 4)) {
            pipeline.start();
            awaitTrue(() -> transport.sequences.size() > 3, "camera frames sent");
            pipeline.switchSource(screen);
            awaitTrue(() -> transport.sequences.stream().anyMatch(s -> s >= 1_000_000), "screen frames sent");
            assertTrue(camera.closed, "the old source is closed");
            assertTrue(pipeline.capturing(), "capture goes on");
        }
        assertTrue(screen.closed, "closing the pipeline closes the current source");
    }

    @Test
    void shouldStartCapturingAgainWhenASourceIsChosenAfterTheLastOneEnded() throws Exception {
        StallingEncoder encoder = new StallingEncoder();
        encoder.release.countDown();
        RecordingTransport transport = new RecordingTransport();
        EndlessSource screen = new EndlessSource(1_000_000);
        try (SendPipeline pipeline = single(new CountingSource(3), encoder, transport, 4)) {
            pipeline.start();
            awaitTrue(() -> !pipeline.capturing(), "the file ended");
            pipeline.switchSource(screen);
            awaitTrue(() -> transport.sequences.stream().anyMatch(s -> s >= 1_000_000), "the new source's frames");
            assertTrue(pipeline.capturing());
        }
    }

    /** A pipeline of one layer with the default rates (600 kbit/s, 30 fps, floor 400 kbit/s), as without simulcast. */
    private static SendPipeline single(FrameSource source, Encoder encoder, Transport transport, int ring) {
        SimulcastAllocation allocation = new SimulcastAllocation(1, 600_000, 30, 400_000, true);
        return new SendPipeline("t", source, List.of(new SendLayer(0, encoder, 16, 16, allocation)), transport, ring,
                allocation);
    }

    /** Delivers frames every millisecond until closed; sequence numbers start at {@code base}. */
    private static final class EndlessSource implements FrameSource {
        final java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
        final long base;
        volatile boolean closed;

        EndlessSource(long base) {
            this.base = base;
        }

        @Override
        public int width() {
            return 16;
        }

        @Override
        public int height() {
            return 16;
        }

        @Override
        public PixelFormat format() {
            return PixelFormat.I420;
        }

        @Override
        public double frameRate() {
            return 1000;
        }

        @Override
        public boolean read(VideoFrame into) {
            if (closed) {
                return false;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            long n = reads.getAndIncrement();
            into.reset(16, 16, PixelFormat.I420).stamp(n, base + n);
            return !closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting: " + what);
            Thread.sleep(5);
        }
    }

    /** Delivers {@code count} tiny frames as fast as asked, then ends. */
    @Test
    void shouldSkipFramesBeforeEncodingAndLowerTheBitrateWhenTheEstimateIsBelowTheFloor() throws Exception {
        CountingSource source = new CountingSource(40);
        StallingEncoder encoder = new StallingEncoder();
        encoder.release.countDown();
        RecordingTransport transport = new RecordingTransport();
        transport.estimate = 200_000;                       // half the 400 kbit/s floor
        try (SendPipeline pipeline = single(source, encoder, transport, 64)) {
            pipeline.start();
                awaitTrue(() -> pipeline.encoded() + pipeline.skippedForBandwidth() == 40, "all frames processed");
            assertEquals(20, pipeline.skippedForBandwidth(), "every other frame skipped at half the floor");
            assertEquals(20, transport.sequences.size());
            assertEquals(List.of(200_000), encoder.bitrates, "the encoder follows the estimate");
            assertEquals(List.of(15), encoder.frameRates, "and is told the lower frame rate");
        }
    }

    private static final class CountingSource implements FrameSource {
        private final int count;
        private long next;

        CountingSource(int count) {
            this.count = count;
        }

        @Override
        public int width() {
            return 16;
        }

        @Override
        public int height() {
            return 16;
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
            into.reset(16, 16, PixelFormat.I420).stamp(next, next);
            next++;
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** Blocks in encode() until released; optionally fails one frame or skips odd ones. */
    private static final class StallingEncoder implements Encoder {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile long failOnSequence = -1;
        volatile boolean skipOddSequences;
        final List<Integer> bitrates = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<Integer> frameRates = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void setBitrate(int bitsPerSecond) {
            bitrates.add(bitsPerSecond);
        }

        @Override
        public void setFrameRate(int framesPerSecond) {
            frameRates.add(framesPerSecond);
        }

        @Override
        public VideoCodec codec() {
            return VideoCodec.JPEG;
        }

        @Override
        public PixelFormat inputFormat() {
            return PixelFormat.I420;
        }

        @Override
        public boolean encode(VideoFrame frame, EncodedFrame out) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (frame.sequence() == failOnSequence) {
                throw new CodecException("injected failure");
            }
            if (skipOddSequences && frame.sequence() % 2 == 1) {
                return false;
            }
            out.set(new byte[] {1}, 0, 1).describe(VideoCodec.JPEG, true, 16, 16, frame.captureTimeNanos(),
                    frame.sequence());
            return true;
        }

        @Override
        public void requestKeyframe() {
        }

        @Override
        public void close() {
        }
    }

    private static final class RecordingTransport implements Transport {
        final List<Long> sequences = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile long estimate = -1;

        @Override
        public long targetBitrateBps() {
            return estimate;
        }

        @Override
        public void start(TransportListener listener) {
        }

        @Override
        public void send(EncodedFrame frame) {
            sequences.add(frame.sequence());
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
            return new TransportStats(0, 0, sequences.size(), 0, 0, 0, 0, 0);
        }

        @Override
        public void close() {
        }
    }
}
