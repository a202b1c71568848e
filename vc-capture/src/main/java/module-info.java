/**
 * Frame sources. Today: the synthetic camera (provider {@code synthetic}), a deterministic, moving,
 * textured test picture that needs no hardware and lets every participant of a test conference be told
 * apart by its seed ({@code vc.source.seed}).
 *
 * <p>Only {@code dev.vc.capture} is exported; the picture generator and the pacing live in an internal
 * package.
 */
module dev.vc.capture {
    requires transitive dev.vc.api;

    exports dev.vc.capture;

    provides dev.vc.api.FrameSourceProvider with dev.vc.capture.SyntheticCameraProvider;
}
