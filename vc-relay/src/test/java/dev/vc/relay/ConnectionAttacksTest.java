package dev.vc.relay;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Control-plane floods through real loopback sockets, with bounded loops: idle connections from one address and
 * from many, connections that never send JOIN. The relay must close what is over its bounds, count it, and keep
 * admitting an honest client.
 */
class ConnectionAttacksTest {
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private RelayServer relay(RelaySettings.Builder settings) {
        RelayServer relay = RelayServer.start(settings.host("127.0.0.1").controlPort(0).mediaPort(0).build());
        open.add(relay);
        return relay;
    }

    private SocketChannel connect(RelayServer relay, String from) throws IOException {
        SocketChannel channel = SocketChannel.open();
        open.add(channel);
        channel.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        channel.connect(TestClient.loopback(relay.controlAddress()));
        return channel;
    }

    /** @return true once the relay closed the connection (a read sees end of stream or a reset) */
    private static boolean closedByRelay(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        try {
            return channel.read(ByteBuffer.allocate(64)) < 0;
        } catch (IOException reset) {
            return true;
        }
    }

    private static long closed(RelayServer relay, String reason) {
        return relay.stats().connectionsClosed().getOrDefault(reason, 0L);
    }

    @Test
    @Timeout(30)
    void shouldBoundIdleConnectionsPerAddressAndInTotalAndStillAdmitAnHonestClient() throws Exception {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true).maxConnections(30).maxConnectionsPerAddress(10)
                .joinTimeoutMillis(60_000).tlsHandshakeTimeoutMillis(60_000));
        List<SocketChannel> flood = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            flood.add(connect(relay, "127.0.0.2"));               // one address: 10 stay
        }
        for (int host = 3; host < 13; host++) {
            for (int i = 0; i < 5; i++) {
                flood.add(connect(relay, "127.0.0." + host));     // ten addresses, 5 each: the total caps them at 30
            }
        }
        Await.until(() -> closed(relay, "max_per_address") == 40, "40 over the per-address bound closed");
        Await.until(() -> closed(relay, "max_connections") == 30, "30 over the total bound closed");
        assertEquals(30, relay.stats().connections());
        for (SocketChannel c : flood) {
            c.close();
        }
        Await.until(() -> relay.stats().connections() == 0, "closed connections are forgotten");
        TestClient alice = new TestClient(relay, "a", "alice", "");
        open.add(alice);
        alice.bind();
    }

    @Test
    @Timeout(30)
    void shouldCloseConnectionsThatNeverJoinAndCountThem() throws Exception {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true).maxConnectionsPerAddress(20).tlsHandshakeTimeoutMillis(300));
        List<SocketChannel> idle = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            idle.add(connect(relay, "127.0.0.2"));
        }
        Await.until(() -> closed(relay, "tls_handshake_timeout") == 20, "every idle connection timed out");
        for (SocketChannel c : idle) {
            Await.until(() -> {
                try {
                    return closedByRelay(c);
                } catch (IOException e) {
                    return true;
                }
            }, "the relay closed it");
        }
        assertEquals(0, relay.stats().connections());
        TestClient alice = new TestClient(relay, "a", "alice", "");   // joins well within the deadline
        open.add(alice);
        Thread.sleep(600);
        assertEquals(1, relay.stats().connections(), "a joined client is not timed out");
        alice.bind();
    }
}
