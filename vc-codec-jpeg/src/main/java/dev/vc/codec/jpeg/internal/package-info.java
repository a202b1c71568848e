/**
 * The JPEG codec's machinery, not exported: the encoder and decoder, and the small adapters that let
 * {@code javax.imageio} read from and write to vc's reusable frame buffers without per-frame copies.
 */
package dev.vc.codec.jpeg.internal;
