/**
 * The demo conference: {@code dev.vc.examples.demo.Demo} starts a relay and several participants in one JVM
 * with the synthetic camera and prints live figures ({@code mvn -B -Pdemo package} runs it).
 */
module dev.vc.examples.demo {
    // LoopbackConference's methods take and return their types (Config, Participant, RelayServer).
    requires transitive dev.vc.api;
    requires transitive dev.vc.relay;
    requires dev.vc.capture;            // CaptureSettings: the keys of the sources
    requires dev.vc.examples.client;

    // LoopbackConference, the setup ConferenceBench measures.
    exports dev.vc.examples.demo;
}
