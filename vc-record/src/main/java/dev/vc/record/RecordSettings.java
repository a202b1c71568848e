package dev.vc.record;

import dev.vc.api.Setting;

import java.util.List;

/** The recorder's settings ({@code vc.record.*}), read with {@code Config.get}; the rest is {@code CoreSettings}'. */
public final class RecordSettings {
    /** Where the files go. */
    public static final Setting<String> DIRECTORY = Setting.ofString("vc.record.dir", "recordings",
            "directory the recordings are written to (created if missing): one file per participant's stream and "
                    + "picture size");
    /** The file format. */
    public static final Setting<String> CONTAINER = Setting.ofChoice("vc.record.container", "mkv",
            List.of("mkv", "mp4"), "the recordings' file format: mkv (Matroska) or mp4 (fragmented MP4); both readable up to the last "
                    + "keyframe if the recorder dies");
    /** The recorder's display name in the room. */
    public static final Setting<String> NAME = Setting.ofString("vc.record.name", "recorder",
            "the recorder's display name, which the room's participants see");

    /** Every key declared here, in the order docs/configuration.md lists them. */
    public static final List<Setting<?>> ALL = List.of(DIRECTORY, CONTAINER, NAME);

    private RecordSettings() {
    }
}
