/**
 * The sources' machinery, not exported: the synthetic camera's seeded {@link dev.vc.capture.internal.Scene},
 * its painters and the {@link dev.vc.capture.internal.FramePacer} that releases one frame per slot of the
 * frame rate; {@link dev.vc.capture.internal.FfmpegInput}, which demuxes, decodes and scales a camera or a
 * file with FFmpeg (reused buffers, interruptible, bounded waits), and the camera, file and screen sources
 * built on it and on {@link java.awt.Robot}.
 */
package dev.vc.capture.internal;
