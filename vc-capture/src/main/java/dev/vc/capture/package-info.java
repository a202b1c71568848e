/**
 * Frame sources for vc, each a {@link dev.vc.api.FrameSourceProvider} selected by {@code vc.source}; their keys
 * are declared in {@link dev.vc.capture.CaptureSettings}:
 * <ul>
 *   <li>{@link dev.vc.capture.SyntheticCameraProvider} ({@code synthetic}, the default): a deterministic,
 *       moving, textured test picture that needs no hardware and tells participants apart by seed
 *       ({@code vc.source.seed});</li>
 *   <li>{@link dev.vc.capture.CameraProvider} ({@code camera}): a webcam through FFmpeg
 *       ({@code vc.source.device}; {@link dev.vc.capture.CameraProvider#devices()} lists them);</li>
 *   <li>{@link dev.vc.capture.FileSourceProvider} ({@code file}): a video file played in real time
 *       ({@code vc.source.file}, {@code vc.source.loop});</li>
 *   <li>{@link dev.vc.capture.ScreenCaptureProvider} ({@code screen}): the desktop or a region of it
 *       ({@code vc.source.screen.region}).</li>
 * </ul>
 *
 * <p>Normally selected through the provider registry:
 * <pre>{@code
 * Config config = Config.load().with(CaptureSettings.SEED.key(), "7");
 * try (FrameSource camera = ProviderRegistry.sources().byName("synthetic")
 *         .open(SourceSettings.from(config, PixelFormat.I420))) {
 *     VideoFrame frame = new VideoFrame();
 *     while (camera.read(frame)) { ... }
 * }
 * }</pre>
 */
package dev.vc.capture;
