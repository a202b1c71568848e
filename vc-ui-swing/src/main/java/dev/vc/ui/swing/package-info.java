/**
 * The {@code swing} renderer for vc.
 *
 * <ul>
 *   <li>{@link dev.vc.ui.swing.VideoGrid}: the component, and the {@link dev.vc.api.Renderer} feeding it, for
 *       an application that puts the video grid in its own window;</li>
 *   <li>{@link dev.vc.ui.swing.SwingRendererProvider}: the provider {@code swing}, which opens a window of
 *       its own; selected by {@code vc.renderer=swing}, or by default wherever a display exists;</li>
 *   <li>{@link dev.vc.ui.swing.SwingSettings}: the module's settings home, its {@code vc.ui.*} keys declared
 *       once with their defaults.</li>
 * </ul>
 *
 * <p>The Swing components here are not meant to be serialized: they stay out of the serialized form (whose page
 * would otherwise list their private fields, some of them types of the non-exported internal package).
 *
 * @serial exclude
 */
package dev.vc.ui.swing;
