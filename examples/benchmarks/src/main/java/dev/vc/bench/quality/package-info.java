/**
 * Picture quality per byte: the test sequences (vc's synthetic camera, FFmpeg's {@code testsrc2} with
 * sensor-like noise), luma PSNR, and the rate-distortion points and verdict of {@link QualityBench}. The JMH
 * codec benchmarks ({@code dev.vc.bench.jmh}) make their frames and PSNR figures with the same classes.
 *
 * <pre>
 * java -p examples/benchmarks/target/modules --add-modules ALL-MODULE-PATH -m dev.vc.bench/dev.vc.bench.quality.QualityBench
 * </pre>
 */
package dev.vc.bench.quality;
