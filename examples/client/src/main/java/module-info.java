/**
 * Runnable examples. {@code dev.vc.examples.Demo} starts a relay and several participants in one JVM with
 * the synthetic camera and prints live figures; {@code dev.vc.examples.ConferenceBench} does the same for
 * every codec and room size asked for and measures fps, latency, bandwidth, drops and CPU;
 * {@code dev.vc.examples.RelayLoad} loads a relay with replayed RTP and measures what it forwards;
 * {@code dev.vc.examples.RoomCostBench} measures what one client pays for a room of N;
 * {@code dev.vc.examples.QualityBench} measures bytes against luma PSNR for every codec;
 * {@code dev.vc.examples.FaultBench} runs a conference through impairing links
 * ({@code dev.vc.examples.impair}: loss, reordering, duplication) and measures what reaches the screen (see
 * {@code docs/benchmarks.md}).
 */
module dev.vc.examples {
    requires dev.vc.api;
    requires dev.vc.relay;
    // RelayLoad, RoomCostBench: RTP packetizers, RTCP and the STUN hello; thread CPU time and allocation counters.
    requires dev.vc.transport.udp;
    requires jdk.management;
    requires java.logging;
    // Client: the window embeds the swing renderer's VideoGrid.
    requires dev.vc.ui.swing;
    // Benchmark reports: PNG charts.
    requires org.jfree.jfreechart;

    exports dev.vc.examples;
    // The impairing proxy is reusable by other harnesses and tests.
    exports dev.vc.examples.impair;
}
