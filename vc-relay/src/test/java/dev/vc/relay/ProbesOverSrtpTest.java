package dev.vc.relay;

import dev.vc.api.Config;
import dev.vc.api.EncodedFrame;
import dev.vc.api.MediaBinding;
import dev.vc.api.MediaClock;
import dev.vc.api.MediaIdentity;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.Transport;
import dev.vc.api.TransportProvider;
import dev.vc.api.TransportSettings;
import dev.vc.api.TransportStats;
import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.api.control.ControlMessage.JoinAccepted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Probing with SRTP on every hop (the default), on loopback, with the real {@code udp} transport and the real
 * relay: a sender whose encoder uses far less than it wants probes its uplink with padding-only RTX, which reaches
 * the relay authenticated and measured, so its estimate rises above the start rate (the media alone could never
 * lift it: the estimate may grow to 1.5 x what is acknowledged); the relay probes the receiver's downlink on the
 * RTX SSRC of the stream it forwards, which the receiver takes as padding. Nothing is refused by SRTP anywhere.
 * Behaviour, not timing: the run ends as soon as all of it was seen, within a bound.
 */
class ProbesOverSrtpTest {
    private static final long START_BPS = 300_000;
    private static final long DEADLINE_NANOS = 20_000_000_000L;
    /** An H.264 IDR slice of 300 bytes that contains no start code: about 72 kbit/s at 30 frames a second. */
    private static final byte[] FRAME = frame();

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static byte[] frame() {
        byte[] frame = new byte[300];
        Arrays.fill(frame, 4, frame.length, (byte) 0x55);
        frame[3] = 1;                                                // 00 00 00 01
        frame[4] = 0x65;
        return frame;
    }

    /** Joins the relay over TLS with a DTLS identity and opens the {@code udp} transport on the binding. */
    private Transport member(RelayServer relay, String name) throws Exception {
        TransportProvider udp = ProviderRegistry.transports().byName("udp");
        MediaIdentity identity = udp.newMediaIdentity();
        ControlClient control = ControlClient.join(TestClient.loopback(relay.controlAddress()), relay.clientTrust(),
                new Join("probes", name, "", Set.of(VideoCodec.H264), Set.of(VideoCodec.H264),
                        List.of(ControlMessage.Layer.UNSTATED), identity.fingerprint()),
                new ControlClient.Listener() { }, Duration.ofSeconds(5));
        open.add(control);
        JoinAccepted session = control.session();
        Config config = Config.of(Map.of("vc.udp.cc.start.kbps", Long.toString(START_BPS / 1000)));
        Transport transport = udp.open(TransportSettings.to(TestClient.loopback(relay.mediaAddress()), config)
                .withBinding(new MediaBinding(session.participantId(), session.ssrc(), session.sessionKey(),
                        session.layerSsrcs(), identity, session.mediaFingerprint())));
        open.add(transport);
        transport.start((stream, frame) -> { });
        return transport;
    }

    @Test
    void shouldProbeBothHopsThroughSrtpAndRaiseTheEstimate() throws Exception {
        RelayServer relay = RelayServer.start(RelaySettings.builder().host("127.0.0.1").controlPort(0).mediaPort(0)
                .build());
        open.add(relay);
        Transport alice = member(relay, "alice");
        Transport bob = member(relay, "bob");
        alice.setWantedBitrateBps(3_000_000);                          // far more than its frames use

        EncodedFrame frame = new EncodedFrame();
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        for (int f = 0; !done(relay, alice, bob); f++) {
            assertTrue(System.nanoTime() < deadline, "not all seen: alice " + alice.stats() + ", bob " + bob.stats()
                    + ", relay " + relay.stats());
            alice.send(frame.set(FRAME, 0, FRAME.length).describe(VideoCodec.H264, true, 320, 240,
                    MediaClock.nowNanos(), f));
            Thread.sleep(33);
        }

        RelayStats stats = relay.stats();
        for (DropReason reason : List.of(DropReason.SRTP_AUTH_FAILED, DropReason.SRTP_REPLAYED,
                DropReason.SRTP_INVALID, DropReason.SRTP_NOT_PROTECTED)) {
            assertEquals(0, stats.dropped(reason), reason + ": " + stats);
        }
        for (TransportStats client : List.of(alice.stats(), bob.stats())) {
            assertTrue(client.dropsByReason().keySet().stream().noneMatch(r -> r.startsWith("SRTP")),
                    "refused by SRTP: " + client.dropsByReason());
            assertTrue(!client.dropsByReason().containsKey("RTX_BAD_OSN")
                    && !client.dropsByReason().containsKey("RTX_UNKNOWN_SSRC"), "padding taken for a retransmission: "
                    + client.dropsByReason());
        }
        assertEquals(0, stats.dropped(DropReason.RTX_MALFORMED), "the relay took a probe for a retransmission");
    }

    /**
     * @return true once alice's estimate rose well above the start rate with her probes measured at the relay, and
     *         bob took some of the relay's probes as padding
     */
    private static boolean done(RelayServer relay, Transport alice, Transport bob) {
        RelayStats.SimulcastStats simulcast = relay.stats().simulcast();
        return alice.targetBitrateBps() > 2 * START_BPS && simulcast.paddingPackets() > 0
                && simulcast.probePackets() > 0 && bob.stats().dropsByReason().getOrDefault("PADDING_ONLY", 0L) > 0;
    }
}
