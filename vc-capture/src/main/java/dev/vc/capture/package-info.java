/**
 * Frame sources for vc: {@link dev.vc.capture.SyntheticCameraProvider}, the synthetic camera.
 *
 * <p>Normally selected through the provider registry:
 * <pre>{@code
 * Config config = Config.load().with("vc.source.seed", "7");
 * try (FrameSource camera = ProviderRegistry.sources().byName("synthetic")
 *         .open(SourceSettings.from(config, PixelFormat.I420))) {
 *     VideoFrame frame = new VideoFrame();
 *     while (camera.read(frame)) { ... }
 * }
 * }</pre>
 */
package dev.vc.capture;
