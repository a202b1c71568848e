package dev.vc.capture;

import dev.vc.api.Availability;
import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.FrameSource;
import dev.vc.api.FrameSourceProvider;
import dev.vc.api.PictureDefaults;
import dev.vc.api.SourceException;
import dev.vc.api.SourceSettings;
import dev.vc.capture.internal.ScreenPicture;
import dev.vc.capture.internal.ScreenSource;
import dev.vc.capture.internal.SystemPacingClock;

import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;

/**
 * The desktop as a camera, provider name {@value #NAME}: the whole screen or a region of it, grabbed with
 * {@link java.awt.Robot} at the configured frame rate (paced like the synthetic camera, skipping rather than
 * bursting when the reader falls behind) and scaled to the requested size and pixel format. Robot works
 * on every desktop the JDK supports, with no natives beyond the JDK's.
 *
 * <p>Key {@link CaptureSettings#SCREEN_REGION}: {@code x,y,width,height} in screen pixels; default the whole
 * primary screen.
 *
 * <pre>{@code
 * Config config = Config.load().with(CoreSettings.SOURCE.key(), "screen")
 *         .with(CaptureSettings.SCREEN_REGION.key(), "0,0,1280,720");
 * }</pre>
 *
 * <p>Unavailable in a headless JVM ({@code java.awt.headless=true} or no display), with that reason.
 */
public final class ScreenCaptureProvider implements FrameSourceProvider {
    /** The provider name users select with {@code vc.source=screen}. */
    public static final String NAME = "screen";

    /** Creates the provider; cheap, as {@link java.util.ServiceLoader} requires. */
    public ScreenCaptureProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Availability availability() {
        try {
            if (GraphicsEnvironment.isHeadless()) {
                return Availability.unavailable("no display to capture (headless JVM: java.awt.headless=true or "
                        + "DISPLAY not set)");
            }
            return Availability.AVAILABLE;
        } catch (LinkageError | RuntimeException e) {
            return Availability.unavailable("AWT did not load: " + e);
        }
    }

    /**
     * A shared screen keeps its aspect ratio at a legible size (a 1920x1080 screen
     * is sent whole, a larger one scaled into 1920x1080) at 5 frames a second.
     *
     * @param config the configuration, with {@link CaptureSettings#SCREEN_REGION} if set
     * @return the region's picture; null without a region and without a display to measure
     */
    @Override
    public PictureDefaults pictureDefaults(Config config) {
        String configured = config.get(CaptureSettings.SCREEN_REGION);
        if (configured == null && !availability().available()) {
            return null;
        }
        Rectangle region = configured != null ? region(configured) : screenBounds();
        Rectangle picture = ScreenPicture.legible(region.width, region.height);
        return new PictureDefaults(picture.width, picture.height, ScreenPicture.FRAME_RATE);
    }

    private static Rectangle screenBounds() {
        return GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice().getDefaultConfiguration()
                .getBounds();
    }

    /** @return -20: never chosen unless asked for */
    @Override
    public int priority() {
        return -20;
    }

    /**
     * Starts capturing the configured region.
     *
     * @param settings delivered size, frame rate and pixel format; {@link CaptureSettings#SCREEN_REGION} from its
     *                 configuration
     * @return the screen source
     * @throws SourceException if there is no display or the platform refuses screen capture
     * @throws ConfigException if the region is malformed
     */
    @Override
    public FrameSource open(SourceSettings settings) {
        Availability availability = availability();
        if (!availability.available()) {
            throw new SourceException("the screen source cannot run here: " + availability.reason());
        }
        Config config = settings.config() == null ? Config.empty() : settings.config();
        String configured = config.get(CaptureSettings.SCREEN_REGION);
        Rectangle region = configured != null ? region(configured) : screenBounds();
        return new ScreenSource(region, settings, new SystemPacingClock());
    }

    static Rectangle region(String value) {
        String[] parts = value.split(",");
        if (parts.length == 4) {
            try {
                int x = Integer.parseInt(parts[0].trim());
                int y = Integer.parseInt(parts[1].trim());
                int w = Integer.parseInt(parts[2].trim());
                int h = Integer.parseInt(parts[3].trim());
                if (w > 0 && h > 0 && w <= 65_536 && h <= 65_536) {
                    return new Rectangle(x, y, w, h);
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new ConfigException(CaptureSettings.SCREEN_REGION.key()
                + " must be x,y,width,height with a positive width and height, got '"
                + value + "'");
    }

    @Override
    public String toString() {
        return "screen (java.awt.Robot)";
    }
}
