package dev.vc.capture;

/**
 * A camera this machine has, as {@link CameraProvider#devices()} lists it.
 *
 * @param id          what {@link CaptureSettings#DEVICE} takes to open it: a device path on Linux
 *                    ({@code /dev/video0}), the device name on Windows, the index on macOS
 * @param description for a person, e.g. {@code Integrated Camera}; the id when nothing better is known
 */
public record CameraDevice(String id, String description) {
}
