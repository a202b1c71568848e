package dev.vc.capture.internal;

import dev.vc.codec.h264.natives.FfmpegNatives;
import dev.vc.api.SourceException;
import org.bytedeco.ffmpeg.avdevice.AVDeviceInfoList;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.bytedeco.ffmpeg.global.avdevice.avdevice_free_list_devices;
import static org.bytedeco.ffmpeg.global.avdevice.avdevice_list_input_sources;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;

/**
 * Which FFmpeg input device captures cameras on this operating system, how a configured device name becomes
 * that device's URL, and which cameras exist.
 */
public final class Cameras {
    private Cameras() {
    }

    /** One camera: what opens it, and what to show a person. */
    public record Found(String id, String description) {
    }

    /** @return {@code v4l2} on Linux, {@code avfoundation} on macOS, {@code dshow} on Windows */
    public static String inputFormat() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("mac") || os.contains("darwin")) {
            return "avfoundation";
        }
        if (os.contains("win")) {
            return "dshow";
        }
        return "v4l2";
    }

    /**
     * Lists the cameras: on Linux the video capture nodes {@code /dev/video*} (skipping the metadata nodes
     * UVC cameras add), elsewhere what FFmpeg's device reports. Never throws.
     *
     * @return the cameras, in device order; empty if none (or FFmpeg cannot list them)
     */
    public static List<Found> list() {
        if (inputFormat().equals("v4l2")) {
            return listVideo4Linux(Path.of("/dev"), Path.of("/sys/class/video4linux"));
        }
        if (!FfmpegNatives.inputs().available()) {
            return List.of();
        }
        List<Found> found = new ArrayList<>();
        try {
            AVInputFormat device = av_find_input_format(inputFormat());
            AVDeviceInfoList list = new AVDeviceInfoList(null);
            if (device != null && !device.isNull() && avdevice_list_input_sources(device, (String) null,
                    (AVDictionary) null, list) >= 0 && !list.isNull()) {
                for (int i = 0; i < list.nb_devices(); i++) {
                    String name = list.devices(i).device_name().getString();
                    String description = list.devices(i).device_description().getString();
                    found.add(new Found(inputFormat().equals("dshow") ? name : Integer.toString(i), description));
                }
                avdevice_free_list_devices(list);
            }
        } catch (RuntimeException | LinkageError e) {
            // avfoundation cannot list through this API on some FFmpeg versions: report no cameras.
        }
        return found;
    }

    static List<Found> listVideo4Linux(Path dev, Path sys) {
        List<Found> found = new ArrayList<>();
        try (Stream<Path> nodes = Files.list(dev)) {
            nodes.map(p -> p.getFileName().toString()).filter(n -> n.matches("video\\d+"))
                    .sorted(Comparator.comparingInt(n -> Integer.parseInt(n.substring(5))))
                    .forEach(n -> {
                        Path info = sys.resolve(n);
                        String index = read(info.resolve("index"));
                        if (index != null && !index.equals("0")) {
                            return;   // a UVC camera's metadata node, not a picture
                        }
                        String name = read(info.resolve("name"));
                        String id = dev.resolve(n).toString();
                        found.add(new Found(id, name == null || name.isEmpty() ? id : name));
                    });
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return found;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Turns the configured device ({@code vc.source.device}) into the URL the OS's input device opens.
     *
     * @param configured the configured device: null for the first camera, an index, a path or a name
     * @return the URL, e.g. {@code /dev/video0}, {@code 0} (avfoundation), {@code video=Integrated Camera}
     * @throws SourceException if no camera is present or the named one does not exist
     */
    public static String url(String configured) {
        String format = inputFormat();
        List<Found> cameras = list();
        String device = configured == null || configured.isBlank() ? null : configured.trim();
        switch (format) {
            case "v4l2" -> {
                if (device == null) {
                    device = cameras.isEmpty() ? "/dev/video0" : cameras.get(0).id();
                } else if (device.matches("\\d+")) {
                    device = "/dev/video" + device;
                }
                if (!Files.exists(Path.of(device))) {
                    throw new SourceException("no camera at " + device + " (" + foundText(cameras) + ")");
                }
                return device;
            }
            case "dshow" -> {
                if (device == null || device.matches("\\d+")) {
                    int index = device == null ? 0 : Integer.parseInt(device);
                    if (index >= cameras.size()) {
                        throw new SourceException("no camera number " + index + " (" + foundText(cameras) + ")");
                    }
                    device = cameras.get(index).id();
                }
                return "video=" + device;
            }
            default -> {
                return device == null ? "0" : device;
            }
        }
    }

    private static String foundText(List<Found> cameras) {
        if (cameras.isEmpty()) {
            return "no camera found on this machine";
        }
        StringBuilder text = new StringBuilder("cameras found: ");
        for (int i = 0; i < cameras.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(cameras.get(i).id());
            if (!cameras.get(i).description().equals(cameras.get(i).id())) {
                text.append(" (").append(cameras.get(i).description()).append(')');
            }
        }
        return text.toString();
    }
}
