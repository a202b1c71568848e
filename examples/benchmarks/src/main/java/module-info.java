/**
 * The measuring tools behind {@code docs/benchmarks.md}, one package each, in the order data flows through a
 * conference: {@code conference} (whole conferences in one JVM: fps, latency, bandwidth, drops, CPU),
 * {@code relayload} (a relay loaded with replayed RTP), {@code roomcost} (what one client pays for a room of
 * N), {@code faults} (a conference through impairing links), {@code attacks} (a hostile member in a room),
 * {@code netlab} (relay and participants in network namespaces behind kernel token-bucket bottlenecks),
 * {@code longcall} (one conference for minutes, window by window),
 * {@code quality} (bytes against luma PSNR), and {@code report} (their CSV tables and PNG charts). The package
 * {@code dev.vc.bench} holds what several of them use. Every tool is a main run on this module's
 * {@code target/modules}; nothing is exported.
 */
module dev.vc.bench {
    requires dev.vc.api;
    requires dev.vc.relay;
    requires dev.vc.capture;            // CaptureSettings: the keys of the sources
    // RTP packetizers, RTCP and the STUN hello; thread CPU time and allocation counters.
    requires dev.vc.transport.udp;
    requires jdk.management;
    requires java.logging;
    // Flags and Mains; the demo's conference in one JVM.
    requires dev.vc.examples.client;
    requires dev.vc.examples.demo;
    // Reports: PNG charts.
    requires java.desktop;
    requires org.jfree.jfreechart;
}
