/**
 * The {@code swing} renderer for vc.
 *
 * <ul>
 *   <li>{@link dev.vc.ui.swing.VideoGrid}: the component, and the {@link dev.vc.api.Renderer} feeding it, for
 *       an application that puts the video grid in its own window;</li>
 *   <li>{@link dev.vc.ui.swing.SwingRendererProvider}: the provider {@code swing}, which opens a window of
 *       its own; selected by {@code vc.renderer=swing}, or by default wherever a display exists.</li>
 * </ul>
 *
 * <p>Configuration keys: {@code vc.ui.title} ("vc"), {@code vc.ui.width} (1280), {@code vc.ui.height} (720),
 * {@code vc.ui.overlay} (true), {@code vc.ui.scaling} ({@code nearest}, or {@code bilinear}: smoother, about ten
 * times the painting cost), {@code vc.ui.max.fps} (60), {@code vc.stale.timeout.ms} (3000),
 * {@code vc.max.streams} (64).
 */
package dev.vc.ui.swing;
