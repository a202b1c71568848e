package dev.vc.api.internal;

import dev.vc.api.Config;
import dev.vc.api.Renderer;
import dev.vc.api.RendererProvider;

/** Provides the {@code headless} renderer: no display, frames are counted. Always available. */
public final class HeadlessRendererProvider implements RendererProvider {
    @Override
    public String name() {
        return "headless";
    }

    /** Lowest preference: picked only when no renderer with a display is available. */
    @Override
    public int priority() {
        return -100;
    }

    @Override
    public Renderer create(Config config) {
        return new HeadlessRenderer();
    }
}
