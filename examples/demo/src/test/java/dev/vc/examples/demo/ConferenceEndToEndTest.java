package dev.vc.examples.demo;

import dev.vc.api.Config;
import dev.vc.api.session.Participant;
import dev.vc.api.session.ParticipantStats;
import dev.vc.api.session.StreamStats;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole path end to end for each codec: synthetic camera, encode, RTP over UDP, relay (join, hello,
 * forwarding), reassembly, decode, headless render.
 */
class ConferenceEndToEndTest {
    private static final int FRAMES_EACH = 10;

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "h264", "h264-jcodec"})
    void shouldDeliverEveryParticipantsStreamToEveryOtherAndNoEchoes(String codec) throws Exception {
        Config config = Config.of(Map.of("vc.codec", codec, "vc.source", "synthetic", "vc.renderer", "headless",
                "vc.width", "320", "vc.height", "240", "vc.fps", "30"));
        try (RelayServer relay = RelayServer.start(
                RelaySettings.builder().host("127.0.0.1").controlPort(0).mediaPort(0).build())) {
            InetSocketAddress relayAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    relay.controlAddress().getPort());
            List<Participant> room = new ArrayList<>();
            try {
                for (int i = 1; i <= 3; i++) {
                    room.add(Participant.builder().config(config).name("p" + i).room("e2e")
                            .set("vc.source.seed", Integer.toString(i)).relay(relayAddress)
                            .set("vc.relay.fingerprint", relay.certificateFingerprint()).build());
                }
                room.forEach(Participant::start);
                awaitEveryoneRendered(room, FRAMES_EACH);

                Set<Integer> ssrcs = room.stream().map(p -> p.stats().ssrc()).collect(Collectors.toSet());
                assertEquals(3, ssrcs.size(), "each participant has its own SSRC");
                for (Participant p : room) {
                    ParticipantStats stats = p.stats();
                    Set<Integer> seen = stats.streams().stream().map(s -> s.stream().ssrc()).collect(Collectors.toSet());
                    assertFalse(seen.contains(stats.ssrc()), p.name() + " must not receive its own stream");
                    assertEquals(ssrcs.size() - 1, seen.size(), p.name() + " sees both others: " + seen);
                    assertTrue(ssrcs.containsAll(seen));
                    Set<String> labels = stats.streams().stream().map(s -> s.stream().label()).collect(Collectors.toSet());
                    Set<String> others = room.stream().map(Participant::name).filter(n -> !n.equals(p.name()))
                            .collect(Collectors.toSet());
                    assertEquals(others, labels, "tiles are labelled with the senders' display names");
                    for (StreamStats s : stats.streams()) {
                        assertTrue(s.latency().count() > 0 && s.latency().p50() > 0, "latency measured: " + s);
                        assertEquals(0, s.decodeErrors(), s.toString());
                    }
                }
            } finally {
                room.forEach(Participant::close);
            }
        }
    }

    private static void awaitEveryoneRendered(List<Participant> room, int frames) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!room.stream().allMatch(p -> p.stats().streams().size() == 2
                && p.stats().streams().stream().allMatch(s -> s.framesRendered() >= frames))) {
            assertTrue(System.nanoTime() < deadline, "not every stream reached " + frames + " frames: "
                    + room.stream().map(Participant::stats).toList());
            Thread.sleep(20);
        }
    }
}
