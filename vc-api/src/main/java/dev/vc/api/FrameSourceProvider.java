package dev.vc.api;

/**
 * Creates {@link FrameSource}s of one kind; registered with {@code provides dev.vc.api.FrameSourceProvider}
 * and selected by {@code vc.source} (for example {@code synthetic}, {@code camera}, {@code file}, {@code screen}).
 */
public interface FrameSourceProvider extends Provider {
    /**
     * @param settings what to capture
     * @return an open source
     * @throws SourceException if the device or file cannot be opened
     */
    FrameSource open(SourceSettings settings);
}
