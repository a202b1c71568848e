/**
 * The conference client a person uses: {@code dev.vc.examples.client.Client} joins a room on a relay and shows
 * the other participants in a window (or prints status lines with {@code --headless}); see the README.
 * {@code dev.vc.examples.client.cli} reads and ends the command line of every example main, this one's, the
 * demo's and the benchmarks'.
 */
module dev.vc.examples.client {
    requires dev.vc.api;
    // The window embeds the swing renderer's VideoGrid.
    requires dev.vc.ui.swing;
    requires dev.vc.capture;            // CaptureSettings: the keys of the sources

    // Flags and Mains, for the demo and the benchmarks.
    exports dev.vc.examples.client.cli;
}
