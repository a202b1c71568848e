/**
 * Runnable examples. {@code dev.vc.examples.Demo} starts a relay and several participants in one JVM with
 * the synthetic camera and prints live figures.
 */
module dev.vc.examples {
    requires dev.vc.api;
    requires dev.vc.relay;

    exports dev.vc.examples;
}
