package dev.vc.examples.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.Config;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.session.Participant;
import dev.vc.api.session.PresenceListener;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;
import dev.vc.ui.swing.VideoGrid;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Presence over a real relay on 127.0.0.1: a participant whose video is off stays in the others' roster and grid
 * (a placeholder with its name) until it leaves, and the others are told of its arrival and departure. The grid
 * is a real {@link VideoGrid}, not shown: no display needed.
 */
class PresenceTest {
    static final Config MEDIA = Config.of(Map.of("vc.codec", "jpeg", "vc.source", "synthetic", "vc.width", "160",
            "vc.height", "120", "vc.fps", "15", "vc.simulcast.layers", "1", "vc.stale.timeout.ms", "600",
            "vc.media.security", "insecure"));

    static RelayServer relay() {
        return RelayServer.start(RelaySettings.builder().host("127.0.0.1").controlPort(0).mediaPort(0)
                .mediaInsecure(true).build());
    }

    static Participant.Builder participant(RelayServer relay, String name, Config config) {
        return Participant.builder().config(config).name(name).room("team")
                .relay(new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.controlAddress().getPort()))
                .set("vc.relay.fingerprint", relay.certificateFingerprint());
    }

    /** Waits up to 20 s for the condition, checking every 50 ms. */
    static void await(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what.get());
            }
            Thread.sleep(50);
        }
    }

    /** Keeps "X joined" and "X left" as a window would show them. */
    static final class Notices implements PresenceListener {
        final List<String> said = new CopyOnWriteArrayList<>();

        @Override
        public void memberJoined(ControlMessage.Participant member) {
            said.add(member.displayName() + " joined");
        }

        @Override
        public void memberLeft(ControlMessage.Participant member, String reason) {
            said.add(member.displayName() + " left (" + reason + ")");
        }
    }

    @Test
    void shouldKeepAParticipantWithVideoOffInTheRosterAndGridUntilItLeaves() throws Exception {
        try (RelayServer relay = relay()) {
            VideoGrid grid = new VideoGrid(MEDIA);
            Notices notices = new Notices();
            try (Participant alice = participant(relay, "alice", MEDIA).renderer(grid).build()) {
                alice.addPresenceListener(notices);
                alice.start();
                Participant bob = participant(relay, "bob", MEDIA.with("vc.renderer", "headless")).build();
                try {
                    bob.start();
                    await(() -> grid.tileLabels().contains("bob") && !grid.placeholders().contains("bob"),
                            () -> "bob's picture in alice's grid: " + grid.tileLabels() + " " + grid.placeholders());

                    bob.setVideoEnabled(false);
                    await(() -> alice.stats().streams().isEmpty(), () -> "bob's stream ended: " + alice.stats());
                    assertEquals(List.of("bob"), grid.placeholders(), "bob stays, as a placeholder");
                    assertEquals(List.of("bob"), alice.roster().stream().map(ControlMessage.Participant::displayName)
                            .toList());
                    String line = new ClientStatus().line(alice, "synthetic");
                    assertTrue(line.contains("1 other in the room, not sending video"), line);

                    bob.setVideoEnabled(true);
                    await(() -> !grid.placeholders().contains("bob"), () -> "bob's picture back: " + grid.placeholders());
                } finally {
                    bob.close();
                }
                await(() -> grid.tileCount() == 0, () -> "bob's tile gone: " + grid.tileLabels());
                assertTrue(alice.roster().isEmpty());
                await(() -> notices.said.size() == 2, () -> "the notices: " + notices.said);  // told on another thread
                assertEquals(List.of("bob joined", "bob left (left)"), List.copyOf(notices.said));
                // bob's stream ends on alice's decode thread, a moment after the roster lets him go
                await(() -> new ClientStatus().line(alice, "synthetic").contains("nobody else in the room"),
                        () -> "status: " + new ClientStatus().line(alice, "synthetic"));
            }
        }
    }
}
