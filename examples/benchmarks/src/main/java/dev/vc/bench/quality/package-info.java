/**
 * Picture quality per byte: the test sequences (vc's synthetic camera, FFmpeg's {@code testsrc2} with
 * sensor-like noise), luma PSNR, and the rate-distortion points and verdict of
 * {@link dev.vc.examples.QualityBench}. The JMH codec benchmarks ({@code dev.vc.bench}) make their frames and
 * PSNR figures with the same classes.
 */
package dev.vc.examples.quality;
