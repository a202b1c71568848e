/**
 * Frame sources: the synthetic camera ({@code synthetic}, pure Java, deterministic), a real camera
 * ({@code camera}: FFmpeg v4l2 / avfoundation / dshow), a video file ({@code file}: anything FFmpeg reads,
 * played in real time), the desktop ({@code screen}: {@link java.awt.Robot}) and no video at all ({@code none},
 * for a participant that only watches).
 *
 * <p>{@code camera} and {@code file} use bytedeco's FFmpeg presets ({@code org.bytedeco.ffmpeg}) directly, loaded
 * through vc's one FFmpeg loader in {@code dev.vc.codec.h264}. They
 * need the platform's native jars on the module path and their modules added to the graph
 * ({@code --add-modules org.bytedeco.ffmpeg.linux.x86_64,org.bytedeco.javacpp.linux.x86_64}); without them they
 * report themselves unavailable, with the reason, and the other sources work as before.
 *
 * <p>Only {@code dev.vc.capture} (the providers and {@link dev.vc.capture.CameraDevice}) is exported.
 */
module dev.vc.capture {
    requires transitive dev.vc.api;
    requires java.desktop;
    requires org.bytedeco.javacpp;
    requires org.bytedeco.ffmpeg;
    requires dev.vc.codec.h264;             // FFmpeg's natives are loaded in one place: dev.vc.codec.h264.natives

    exports dev.vc.capture;

    provides dev.vc.api.FrameSourceProvider with
            dev.vc.capture.SyntheticCameraProvider,
            dev.vc.capture.CameraProvider,
            dev.vc.capture.FileSourceProvider,
            dev.vc.capture.ScreenCaptureProvider,
            dev.vc.capture.NoVideoProvider;
}
