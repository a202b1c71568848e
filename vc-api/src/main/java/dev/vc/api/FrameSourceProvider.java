package dev.vc.api;

/**
 * Creates {@link FrameSource}s of one kind; registered with {@code provides dev.vc.api.FrameSourceProvider}
 * and selected by {@code vc.source} (for example {@code synthetic}, {@code camera}, {@code file}, {@code screen}).
 */
public interface FrameSourceProvider extends Provider {
    /**
     * The picture this source's content asks for where the configuration sets none ({@code screen}: its region's
     * aspect ratio at a legible size, a few frames a second).
     *
     * @param config the configuration the source would be opened with
     * @return the defaults, or null to keep the configured ones ({@code vc.width}, {@code vc.height}, {@code vc.fps})
     */
    default PictureDefaults pictureDefaults(Config config) {
        return null;
    }

    /**
     * @param settings what to capture
     * @return an open source
     * @throws SourceException if the device or file cannot be opened
     */
    FrameSource open(SourceSettings settings);
}
