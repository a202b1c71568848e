package dev.vc.examples.client;

import dev.vc.api.Config;
import dev.vc.api.session.Participant;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The on-screen half of {@link ScreenSwitchOnScreenTest}, run in a child JVM on an Xvfb display: joins as "carol"
 * with the synthetic camera at the default 640x480, then switches to the {@code screen} source mid-call and sends it for a while.
 *
 * <p>Arguments: {@code relay-port relay-fingerprint}
 */
public final class ScreenSwitchScenario {
    private ScreenSwitchScenario() {
    }

    public static void main(String[] args) throws Exception {
        // The call's picture is the default one (640x480): a size set by hand would hold for the screen too.
        Config config = Config.of(Map.of("vc.source", "synthetic", "vc.renderer", "headless", "vc.codec", "h264",
                "vc.fps", "15"));
        try (Participant carol = Participant.builder().config(config).name("carol").room("team")
                .relay(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])))
                .set("vc.relay.fingerprint", args[1]).build()) {
            carol.start();
            Thread.sleep(3_000);
            carol.switchSource("screen");
            System.out.println("switched to the screen");
            Thread.sleep(12_000);
        }
        System.exit(0);
    }
}
