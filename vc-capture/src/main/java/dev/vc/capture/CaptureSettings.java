package dev.vc.capture;

import dev.vc.api.Setting;

import java.util.List;

/**
 * The settings home of {@code vc-capture}: the keys its frame sources read, each declared once with its default,
 * the values it accepts and what it does. The picture's size and rate are {@link dev.vc.api.CoreSettings}'.
 *
 * <pre>{@code
 * Config config = Config.load().with(CaptureSettings.DEVICE.key(), "/dev/video2");
 * int seed = config.get(CaptureSettings.SEED);
 * }</pre>
 */
public final class CaptureSettings {
    /** The synthetic camera's seed. */
    public static final Setting<Integer> SEED = Setting.ofInt("vc.source.seed", 1, Integer.MIN_VALUE,
            Integer.MAX_VALUE, "synthetic: the seed of the picture's colours and motion");
    /** The camera to open; unset: the first. */
    public static final Setting<String> DEVICE = Setting.ofString("vc.source.device", null,
            "camera: an index (1), a path (/dev/video2) or on Windows a device name; CameraProvider.devices() lists "
                    + "them");
    /** The FFmpeg input format replacing the OS's camera device; unset: the OS's. */
    public static final Setting<String> CAMERA_FORMAT = Setting.ofString("vc.source.camera.format", null,
            "camera: an FFmpeg input format replacing the OS's device, e.g. lavfi with the device testsrc2");
    /** The longest wait for an input to open and for each frame. */
    public static final Setting<Integer> TIMEOUT_MS = Setting.ofInt("vc.source.timeout.ms", 5_000, 100, 600_000,
            "camera, file: longest wait in ms for the input to open and for each frame; then a SourceException");
    /** The video file to play; required by the file source. */
    public static final Setting<String> FILE = Setting.ofString("vc.source.file", null,
            "file: the video file (anything FFmpeg reads), played at its own frame rate, or a URL FFmpeg opens "
                    + "(rtsp://, srt://, rtmp://, udp://, an .sdp file for RTP), delivered as it arrives");
    /** Whether the file starts over at its end. */
    public static final Setting<Boolean> LOOP = Setting.ofBoolean("vc.source.loop", false,
            "file: start over at the end instead of ending the stream");
    /** The desktop region to capture; unset: the whole primary screen. */
    public static final Setting<String> SCREEN_REGION = Setting.ofString("vc.source.screen.region", null,
            "screen: the desktop region to capture, x,y,width,height in screen pixels");

    /** Every key declared here, in the order docs/configuration.md lists them. */
    public static final List<Setting<?>> ALL = List.of(SEED, DEVICE, CAMERA_FORMAT, TIMEOUT_MS, FILE, LOOP,
            SCREEN_REGION);

    private CaptureSettings() {
    }
}
