/**
 * The swing renderer's machinery, not exported: the grid layout ({@link dev.vc.ui.swing.internal.GridLayoutPlan}),
 * the per-stream triple buffer ({@link dev.vc.ui.swing.internal.TileBuffer}), the I420 to BGR conversion
 * ({@link dev.vc.api.PixelConversion}), repaint coalescing and frame-rate metering.
 */
package dev.vc.ui.swing.internal;
