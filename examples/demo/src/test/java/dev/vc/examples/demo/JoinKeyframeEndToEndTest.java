package dev.vc.examples.demo;

import dev.vc.api.Config;
import dev.vc.api.session.JoinTimings;
import dev.vc.api.session.Participant;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Joins over TLS and DTLS-SRTP get their first pictures from keyframes asked for at the right moment, not from the
 * senders' periodic ones (here 100,000 frames apart, so a join that missed its keyframe would see nothing): a member
 * already sending is asked once the joiner is keyed, a joiner's own first keyframe (encoded before its keys and held
 * back) is made again once it is keyed, and a member joining within a second of another is not refused its
 * keyframe by the relay's limit of one request a second.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JoinKeyframeEndToEndTest {
    @Test
    void shouldShowEveryJoinerEveryoneWithoutWaitingForAPeriodicKeyframe(@TempDir Path state) throws Exception {
        Config config = Config.of(Map.of("vc.codec", "h264", "vc.source", "synthetic", "vc.renderer", "headless",
                "vc.width", "320", "vc.height", "240", "vc.fps", "30", "vc.keyframe.interval", "100000"));
        try (RelayServer relay = RelayServer.start(RelaySettings.builder().host("127.0.0.1").controlPort(0)
                .mediaPort(0).stateDirectory(state.toString()).build())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    relay.controlAddress().getPort());
            List<Participant> room = new ArrayList<>();
            try {
                Participant alice = join(config, relay, address, "alice", 1);
                room.add(alice);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (alice.stats().layers().get(0).framesEncoded() < 30) {  // alice is keyed and sending
                    assertTrue(System.nanoTime() < deadline, "alice does not send: " + alice.stats());
                    Thread.sleep(20);
                }
                room.add(join(config, relay, address, "bob", 2));
                room.add(join(config, relay, address, "carol", 3));   // within the second after bob
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!room.stream().allMatch(p -> p.stats().streams().size() == 2
                        && p.stats().streams().stream().allMatch(s -> s.framesRendered() > 0))) {
                    assertTrue(System.nanoTime() < deadline, "not everyone sees everyone: "
                            + room.stream().map(Participant::stats).toList());
                    Thread.sleep(20);
                }
                for (Participant p : room.subList(1, 3)) {
                    JoinTimings timings = p.joinTimings();
                    assertTrue(timings.complete(), timings.toString());
                    // the first packet is timed at its arrival, which may precede the keys: the relay, keyed
                    // first, may send media before this end read the handshake's last flight (the packet is held)
                    assertTrue(timings.connected() <= timings.joined() && timings.joined() <= timings.bound()
                            && timings.bound() <= timings.keyed() && timings.bound() <= timings.firstPacket()
                            && timings.keyed() <= timings.firstFrame() && timings.firstPacket() <= timings.firstFrame(),
                            "the steps in order: " + timings);
                }
            } finally {
                room.forEach(Participant::close);
            }
        }
    }

    private static Participant join(Config config, RelayServer relay, InetSocketAddress address, String name,
                                    int seed) {
        Participant p = Participant.builder().config(config).name(name).room("keyframes").relay(address)
                .set("vc.source.seed", Integer.toString(seed))
                .set("vc.relay.fingerprint", relay.certificateFingerprint()).build();
        p.start();
        return p;
    }
}
