package dev.vc.api;

/**
 * Creates {@link Renderer}s; registered with {@code provides dev.vc.api.RendererProvider} and selected by
 * {@code vc.renderer} ({@code swing}, {@code headless}).
 */
public interface RendererProvider extends Provider {
    /**
     * @param config the configuration, for provider-specific keys
     * @return a new renderer
     */
    Renderer create(Config config);
}
