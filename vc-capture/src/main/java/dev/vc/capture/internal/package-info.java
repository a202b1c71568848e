/**
 * The synthetic camera's machinery, not exported: the seeded {@link dev.vc.capture.internal.Scene}, the
 * painters that write it in each pixel format, and the {@link dev.vc.capture.internal.FramePacer} that
 * releases one frame per slot of the frame rate.
 */
package dev.vc.capture.internal;
