package dev.vc.record;

import java.util.List;
import java.util.Locale;

/**
 * The file format a recording is written in, through FFmpeg's muxer of that name ({@code vc.record.container}).
 *
 * <ul>
 *   <li>{@link #MKV}, Matroska: a cluster per keyframe, each flushed to disk as the next begins, so a file whose
 *       recorder died is readable up to its last keyframe; the index and duration are written at the end.</li>
 *   <li>{@link #MP4}: fragmented ({@code movflags=+frag_keyframe+empty_moov+default_base_moof}), a fragment per
 *       keyframe, so it too is readable up to the last keyframe after a crash (a plain MP4 keeps its index, the
 *       {@code moov} box, for the end, and a crash leaves nothing playable). What phones, browsers and editors
 *       open most readily.</li>
 * </ul>
 */
enum Container {
    /** Matroska ({@code .mkv}). */
    MKV("matroska", "mkv", null),
    /** Fragmented MP4 ({@code .mp4}). */
    MP4("mp4", "mp4", "+frag_keyframe+empty_moov+default_base_moof");

    /** The setting's values, in declaration order. */
    static final List<String> NAMES = List.of("mkv", "mp4");

    private final String muxer;
    private final String extension;
    private final String movFlags;

    Container(String muxer, String extension, String movFlags) {
        this.muxer = muxer;
        this.extension = extension;
        this.movFlags = movFlags;
    }

    /**
     * @param name a value of {@code vc.record.container}
     * @return its container
     * @throws IllegalArgumentException for another name (the setting's check refuses it first)
     */
    static Container named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** @return FFmpeg's name of the muxer */
    String muxer() {
        return muxer;
    }

    /** @return the file name extension, without the dot */
    String extension() {
        return extension;
    }

    /** @return the muxer's {@code movflags} option, or null for none */
    String movFlags() {
        return movFlags;
    }
}
