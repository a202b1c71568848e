package dev.vc.bench.roomcost;

import dev.vc.capture.CaptureSettings;
import dev.vc.api.CoreSettings;
import dev.vc.api.Config;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.FrameSource;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.SourceException;
import dev.vc.api.SourceSettings;
import dev.vc.api.VideoFrame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records the video that {@link ReplayedSenders} replays: per stream, the frame source and encoder a participant
 * with the same configuration would use (for {@link RoomCostBench} the synthetic camera at 640x480 and 30 fps,
 * each stream with its own {@code vc.source.seed}, and the real encoder of the codec under test at its default
 * settings), kept as encoded frames in memory.
 *
 * <p>The camera paces itself in real time, so a stream of {@code frames} frames takes {@code frames / fps}
 * seconds to record; {@value #PARALLEL} streams are recorded at once (one short-lived thread each) to keep the
 * start-up short without falling behind real time on a small machine. Frame slots the camera skipped because a
 * recording thread fell behind are counted in {@link Recording#skippedSlots()}.
 *
 * <pre>{@code
 * // 9 streams with seeds 2..10, 120 frames (4 s) each
 * List<Recording> streams = Recorder.record(config.with(CoreSettings.CODEC, "h264"), 9, 2, 120);
 * }</pre>
 */
final class Recorder {
    /** Streams recorded at the same time. */
    static final int PARALLEL = 3;

    private Recorder() {
    }

    /**
     * Records {@code streams} streams, with seeds {@code firstSeed}, {@code firstSeed + 1}, ...
     *
     * @param config    the senders' configuration: codec, source, size and frame rate ({@code vc.source.seed} is
     *                  set per stream)
     * @param streams   how many streams, at least 1
     * @param firstSeed the first stream's picture seed
     * @param frames    encoded frames per stream, at least 1
     * @return the recordings, in seed order
     * @throws dev.vc.api.VcException (typed) if the encoder or the source cannot be opened or fails
     * @throws InterruptedException   if interrupted while waiting for the recording threads
     */
    static List<Recording> record(Config config, int streams, int firstSeed, int frames) throws InterruptedException {
        if (streams < 1 || frames < 1) {
            throw new IllegalArgumentException("need at least one stream and one frame, got " + streams + " x "
                    + frames);
        }
        List<Callable<Recording>> tasks = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            Config stream = config.with(CaptureSettings.SEED, firstSeed + i);
            tasks.add(() -> recordOne(stream, frames));
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, streams), r -> {
            Thread t = new Thread(r, "vc-record-" + threads.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Recording> recordings = new ArrayList<>();
            for (Future<Recording> done : pool.invokeAll(tasks)) {
                recordings.add(result(done));
            }
            return recordings;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Recording result(Future<Recording> done) throws InterruptedException {
        try {
            return done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("recording failed", e.getCause());
        }
    }

    /** Reads the camera through the encoder until {@code frames} frames came out. */
    private static Recording recordOne(Config config, int frames) {
        EncoderSettings settings = EncoderSettings.from(config);
        try (Encoder encoder = ProviderRegistry.encoders().select(config).create(settings);
             FrameSource camera = ProviderRegistry.sources().select(config)
                     .open(SourceSettings.from(config, encoder.inputFormat()))) {
            double periodNanos = 1e9 / camera.frameRate();
            VideoFrame raw = new VideoFrame();
            EncodedFrame out = new EncodedFrame();
            List<byte[]> data = new ArrayList<>(frames);
            List<Boolean> keyframes = new ArrayList<>(frames);
            long previousCapture = Long.MIN_VALUE;
            int skipped = 0;
            while (data.size() < frames) {
                if (!camera.read(raw)) {
                    throw new SourceException("the " + config.get(CoreSettings.SOURCE.key(), "default") + " source ended after "
                            + data.size() + " frames");
                }
                if (previousCapture != Long.MIN_VALUE) {
                    long slots = Math.round((raw.captureTimeNanos() - previousCapture) / periodNanos);
                    skipped += (int) Math.max(0, slots - 1);
                }
                previousCapture = raw.captureTimeNanos();
                if (encoder.encode(raw, out)) {
                    data.add(Arrays.copyOf(out.data(), out.length()));
                    keyframes.add(out.keyframe());
                }
            }
            return new Recording(encoder.codec(), settings.width(), settings.height(), settings.bitrate(), data, keyframes, skipped);
        }
    }
}
