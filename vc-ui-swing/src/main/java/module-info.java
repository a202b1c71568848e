/**
 * The {@code swing} renderer: remote streams in an adaptive grid of 4:3 tiles, each labelled with its
 * participant's name, with a frame-rate overlay and a "stale" mark for streams that went quiet.
 *
 * <p>Only {@code dev.vc.ui.swing} is exported ({@link dev.vc.ui.swing.VideoGrid}, the component an application
 * embeds, and {@link dev.vc.ui.swing.SwingRendererProvider}); layout, pixel conversion and buffering live in an
 * internal package.
 */
module dev.vc.ui.swing {
    requires transitive dev.vc.api;
    requires transitive java.desktop;

    exports dev.vc.ui.swing;

    provides dev.vc.api.RendererProvider with dev.vc.ui.swing.SwingRendererProvider;
}
