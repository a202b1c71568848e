package dev.vc.bench.faults;

import dev.vc.api.Config;
import dev.vc.api.session.Participant;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;
import dev.vc.relay.RelayStats;
import dev.vc.transport.udp.MediaHello;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code Participant.Builder.mediaRelay}: media goes to the given address instead of the relay's media port. */
class MediaRelayOptionTest {
    @Test
    void shouldSendTheSignedHellosToTheMediaAddressGivenInsteadOfTheRelaysMediaPort() throws Exception {
        Config config = Config.of(Map.of("vc.codec", "jpeg", "vc.source", "none", "vc.renderer", "headless"));
        try (RelayServer relay = RelayServer.start(
                RelaySettings.builder().host("127.0.0.1").controlPort(0).mediaPort(0).build());
             DatagramChannel elsewhere = DatagramChannel.open()) {
            elsewhere.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            elsewhere.configureBlocking(false);
            InetSocketAddress control = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    relay.controlAddress().getPort());
            try (Participant p = Participant.builder().config(config).name("mapped").room("r").relay(control)
                    .set("vc.relay.fingerprint", relay.certificateFingerprint())
                    .mediaRelay((InetSocketAddress) elsewhere.getLocalAddress()).build()) {
                p.start();
                ByteBuffer buffer = ByteBuffer.allocate(2048);
                SocketAddress from = null;
                for (int i = 0; i < 500 && from == null; i++) {   // hellos go every 200 ms until answered
                    from = elsewhere.receive(buffer);
                    if (from == null) {
                        Thread.sleep(10);
                    }
                }
                assertNotNull(from, "no datagram reached the media address given");
                assertEquals(p.localAddress().getPort(), ((InetSocketAddress) from).getPort());
                assertTrue(MediaHello.isStun(buffer.get(0)));
                assertEquals(p.session().participantId(),
                        MediaHello.parseRequest(buffer.array(), 0, buffer.position()).participantId());
                RelayStats.MemberStats member = relay.stats().members().get(0);
                assertFalse(member.bound(), "the relay's own media port heard nothing");
            }
        }
    }
}
