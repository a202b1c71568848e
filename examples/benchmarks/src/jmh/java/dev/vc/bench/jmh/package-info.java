/**
 * JMH benchmarks of vc's hot paths, built only by the {@code bench} profile of {@code examples/benchmarks} into
 * its {@code target/benchmarks.jar} (run on the class path, META-INF/services of every vc provider merged):
 *
 * <pre>
 * mvn -B -q -Pbench -pl examples/benchmarks -am package -DskipTests
 * java -jar examples/benchmarks/target/benchmarks.jar RtpFramingBenchmark -prof gc
 * java -jar examples/benchmarks/target/benchmarks.jar -l        # every benchmark in the jar
 * </pre>
 *
 * One class per hot path, one frame (or one packet) per operation, inputs built in {@code @Setup}, results to a
 * {@code Blackhole} or returned. Framing: {@link RtpFramingBenchmark} (RFC 2435 JPEG) and
 * {@code H264FramingBenchmark} (RFC 6184 H.264), the same shape for both.
 *
 * <p>The relay is measured by {@code dev.vc.bench.relayload.RelayLoad} instead (sockets and threads do not fit
 * JMH). Commands and figures: {@code docs/benchmarks.md}.
 */
package dev.vc.bench.jmh;
