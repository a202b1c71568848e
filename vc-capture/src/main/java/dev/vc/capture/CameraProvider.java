package dev.vc.capture;

import dev.vc.codec.h264.natives.FfmpegNatives;
import dev.vc.api.Availability;
import dev.vc.api.Config;
import dev.vc.api.FrameSource;
import dev.vc.api.FrameSourceProvider;
import dev.vc.api.SourceException;
import dev.vc.api.SourceSettings;
import dev.vc.capture.internal.CameraSource;
import dev.vc.capture.internal.Cameras;
import dev.vc.capture.internal.FfmpegInput;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real camera, provider name {@value #NAME}, captured through FFmpeg's input devices (bytedeco natives):
 * {@code v4l2} on Linux, {@code avfoundation} on macOS, {@code dshow} on Windows.
 *
 * <p>The camera is asked for the configured size and rate ({@code vc.width}, {@code vc.height},
 * {@code vc.fps}); whatever it actually delivers is converted with one swscale pass per frame into the
 * requested size and {@link dev.vc.api.PixelFormat}, so the encoder always gets what it was set up for.
 * {@link FrameSource#frameRate()} reports the rate the device says it delivers. Reading allocates no frame
 * buffers.
 *
 * <p>Keys: {@link CaptureSettings#DEVICE} picks the camera (an index such as {@code 1}, a path such as
 * {@code /dev/video2}, or on Windows a device name; default the first, see {@link #devices()});
 * {@link CaptureSettings#TIMEOUT_MS} bounds the wait for a frame, after which {@code read} throws a
 * {@link SourceException} instead of hanging (an unplugged camera fails at once with the system's error).
 * {@link CaptureSettings#CAMERA_FORMAT} replaces the OS's input device by any FFmpeg input format:
 * with {@code lavfi} and the device {@code testsrc=size=640x480:rate=30} it captures FFmpeg's test pattern,
 * which is how this provider is tested on machines without a camera.
 *
 * <pre>{@code
 * for (CameraDevice camera : CameraProvider.devices()) System.out.println(camera);
 * Config config = Config.load().with(CaptureSettings.DEVICE.key(), "/dev/video0");
 * try (FrameSource camera = ProviderRegistry.sources().byName("camera").open(SourceSettings.from(config, PixelFormat.I420))) {
 *     VideoFrame frame = new VideoFrame();
 *     while (camera.read(frame)) { ... }
 * }
 * }</pre>
 *
 * <p>Unavailable (with the reason) when FFmpeg's natives do not load; a missing camera is reported when
 * opening, as a {@link SourceException} such as {@code no camera at /dev/video0 (no camera found on this
 * machine)}. Its priority is below the synthetic camera's, so it is used only when {@code vc.source=camera}.
 */
public final class CameraProvider implements FrameSourceProvider {
    /** The provider name users select with {@code vc.source=camera}. */
    public static final String NAME = "camera";

    /** Creates the provider; cheap, as {@link java.util.ServiceLoader} requires (natives load on first use). */
    public CameraProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @return available when FFmpeg's natives load; whether a camera is plugged in is checked by {@link #open} */
    @Override
    public Availability availability() {
        return FfmpegNatives.inputs();
    }

    /** @return -10: below the synthetic camera, so a camera is used only when asked for */
    @Override
    public int priority() {
        return -10;
    }

    /**
     * Lists the cameras of this machine: {@code /dev/video*} capture nodes on Linux (with the driver's name),
     * FFmpeg's device list elsewhere. Never throws.
     *
     * @return the cameras, first the default one; empty if there are none
     */
    public static List<CameraDevice> devices() {
        return Cameras.list().stream().map(f -> new CameraDevice(f.id(), f.description())).toList();
    }

    /**
     * Opens the configured camera, asking it for the settings' size and frame rate.
     *
     * @param settings size, rate and pixel format to deliver; {@link CaptureSettings#DEVICE},
     *                 {@link CaptureSettings#TIMEOUT_MS} and {@link CaptureSettings#CAMERA_FORMAT} are read from its
     *                 configuration
     * @return the open camera
     * @throws SourceException if there is no such camera, it is busy, or it cannot deliver video
     */
    @Override
    public FrameSource open(SourceSettings settings) {
        Availability availability = availability();
        if (!availability.available()) {
            throw new SourceException("the camera source cannot run here: " + availability.reason());
        }
        Config config = settings.config() == null ? Config.empty() : settings.config();
        long timeout = TimeUnit.MILLISECONDS.toNanos(config.get(CaptureSettings.TIMEOUT_MS));
        String inputFormat = config.get(CaptureSettings.CAMERA_FORMAT);
        String device = config.get(CaptureSettings.DEVICE);
        String url;
        Map<String, String> options = new LinkedHashMap<>();
        if (inputFormat == null) {
            inputFormat = Cameras.inputFormat();
            url = Cameras.url(device);
            options.put("video_size", settings.width() + "x" + settings.height());
            options.put("framerate", String.format(Locale.ROOT, "%.3f", settings.frameRate()));
        } else {
            if (device == null) {
                throw new SourceException("set " + CaptureSettings.DEVICE.key() + " to the input of the '" + inputFormat
                        + "' format");
            }
            url = device;
        }
        FfmpegInput input = FfmpegInput.open("camera " + url, inputFormat, url, options, true, timeout,
                settings.width(), settings.height(), settings.format());
        return new CameraSource(input, url, settings.width(), settings.height(), settings.format(),
                settings.frameRate());
    }

    @Override
    public String toString() {
        return "camera (FFmpeg " + Cameras.inputFormat() + ")";
    }
}
