package dev.vc.record;

import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link Recorder} recorded so far.
 *
 * @param streamsRecording streams whose file is open now
 * @param files            every file started, in order (one per participant's stream and picture size)
 * @param framesWritten    frames written to the files
 * @param framesSkipped    frames received but not written: before a stream's first keyframe, after a lost H.264
 *                         frame until the next keyframe, or a keyframe without parameter sets
 */
public record RecorderStats(int streamsRecording, List<Path> files, long framesWritten, long framesSkipped) {
    /** Copies the list. */
    public RecorderStats {
        files = List.copyOf(files);
    }
}
