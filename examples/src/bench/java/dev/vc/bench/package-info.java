/**
 * JMH benchmarks of vc's hot paths, built only by the {@code bench} profile of {@code examples} into
 * {@code examples/target/benchmarks.jar} (run on the class path):
 *
 * <pre>
 * mvn -B -q -Pbench -pl examples -am package -DskipTests
 * java -jar examples/target/benchmarks.jar RtpFramingBenchmark -prof gc
 * </pre>
 *
 * <ul>
 *   <li>{@link dev.vc.bench.RtpFramingBenchmark}: RFC 2435 JPEG packetize and depacketize of one 640x480 frame.</li>
 *   <li>H.264 framing (RFC 6184 packetize/depacketize): to come as {@code H264FramingBenchmark} in this package,
 *       with the same shape (one frame per operation, buffers built in {@code @Setup}).</li>
 * </ul>
 *
 * The relay is measured by {@code dev.vc.examples.RelayLoad} instead (sockets and threads do not fit JMH);
 * figures and commands are in {@code docs/benchmarks.md}.
 */
package dev.vc.bench;
