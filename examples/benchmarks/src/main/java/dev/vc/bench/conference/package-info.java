/**
 * Whole conferences measured end to end: {@link ConferenceBench} runs the demo's conference in one JVM
 * ({@code LoopbackConference}) for every codec and room size asked for. Per run ({@link ConferenceRun}) a
 * {@link ConferenceProbe} takes {@link ConferenceSnapshot}s at both ends of the window, {@link ConferenceFigures}
 * turns them into fps, latency, bandwidth, drops by reason ({@link FrameDrops}) and CPU, and
 * {@link ConferenceTables} and {@link ConferenceReport} print and write them.
 *
 * <pre>
 * java --add-modules ALL-MODULE-PATH -p examples/benchmarks/target/modules -m dev.vc.bench/dev.vc.bench.conference.ConferenceBench
 * </pre>
 */
package dev.vc.bench.conference;
