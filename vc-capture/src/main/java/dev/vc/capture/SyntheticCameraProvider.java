package dev.vc.capture;

import dev.vc.api.Config;
import dev.vc.api.FrameSource;
import dev.vc.api.FrameSourceProvider;
import dev.vc.api.SourceSettings;
import dev.vc.capture.internal.SyntheticSource;
import dev.vc.capture.internal.SystemPacingClock;

/**
 * The synthetic camera, provider name {@value #NAME}: a deterministic test picture (moving colour gradient,
 * bouncing shapes, a scrolling checkerboard and mild noise) delivered at the configured frame rate.
 *
 * <p>The picture depends only on the seed ({@link CaptureSettings#SEED}) and the frame
 * slot, so the same seed gives the same bytes for the same slot, and different seeds give visibly
 * different colours and motion, which tells participants apart in a test conference. Frames are written
 * directly in the requested {@link dev.vc.api.PixelFormat} (I420 or BGR24) at any size the format allows;
 * generating one allocates nothing.
 *
 * <p>Found by {@code ProviderRegistry.sources().byName("synthetic")}, or used directly:
 * <pre>{@code
 * SourceSettings settings = new SourceSettings(640, 480, 30, PixelFormat.I420,
 *         Config.empty().with(CaptureSettings.SEED.key(), "3"));
 * try (FrameSource camera = new SyntheticCameraProvider().open(settings)) {
 *     VideoFrame frame = new VideoFrame();
 *     camera.read(frame);
 * }
 * }</pre>
 */
public final class SyntheticCameraProvider implements FrameSourceProvider {
    /** The provider name users select with {@code vc.source=synthetic}. */
    public static final String NAME = "synthetic";

    /** Creates the provider; cheap, as {@link java.util.ServiceLoader} requires. */
    public SyntheticCameraProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Opens a synthetic camera. The first {@link FrameSource#read} returns at once; later reads are paced to
     * the frame rate, skipping slots rather than bursting when the reader falls behind.
     *
     * @param settings size, rate and pixel format; {@link CaptureSettings#SEED} is read from its configuration
     * @return the open camera
     * @throws dev.vc.api.ConfigException if the seed is not an integer
     */
    @Override
    public FrameSource open(SourceSettings settings) {
        Config config = settings.config() == null ? Config.empty() : settings.config();
        int seed = config.get(CaptureSettings.SEED);
        return new SyntheticSource(settings, seed, new SystemPacingClock());
    }
}
