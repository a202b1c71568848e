package dev.vc.examples.client;

import static dev.vc.examples.client.PresenceTest.MEDIA;
import static dev.vc.examples.client.PresenceTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.Config;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.session.ConnectionState;
import dev.vc.api.session.Participant;
import dev.vc.api.session.PresenceListener;
import dev.vc.api.session.StreamStats;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A participant that loses the relay reconnects by itself, as the same participant when the relay still knows it. */
class ReconnectTest {
    private static final Config QUICK = MEDIA.with("vc.renderer", "headless").with("vc.reconnect.backoff.ms", "100")
            .with("vc.reconnect.max.backoff.ms", "400");

    private static RelaySettings.Builder settings(Path state) {
        return RelaySettings.builder().host("127.0.0.1").mediaInsecure(true).stateDirectory(state.toString())
                .keepaliveMillis(300);
    }

    private static long framesFrom(Participant p, String label) {
        return p.stats().streams().stream().filter(s -> s.stream().label().equals(label))
                .mapToLong(StreamStats::framesRendered).sum();
    }

    private static Participant.Builder participant(InetSocketAddress control, String fingerprint, String name) {
        return Participant.builder().config(QUICK).name(name).room("team").relay(control)
                .set("vc.relay.fingerprint", fingerprint);
    }

    @Test
    void shouldReconnectByItselfAfterTheRelayRestartsOnTheSamePorts(@TempDir Path state) throws Exception {
        RelayServer started = RelayServer.start(settings(state).controlPort(0).mediaPort(0).build());
        RelayServer first = started;   // closed once: RelayServer.close() is not idempotent
        InetSocketAddress control = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                started.controlAddress().getPort());
        int mediaPort = started.mediaAddress().getPort();
        String fingerprint = started.certificateFingerprint();
        RelayServer second = null;
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        try (Participant alice = participant(control, fingerprint, "alice").build();
             Participant bob = participant(control, fingerprint, "bob").build()) {
            alice.addPresenceListener(new PresenceListener() {
                @Override
                public void connectionChanged(ConnectionState state, String detail) {
                    states.add(state);
                }
            });
            alice.start();
            bob.start();
            await(() -> framesFrom(alice, "bob") > 0, () -> "alice sees bob: " + alice.stats());
            int firstId = alice.session().participantId();

            first.close();
            first = null;
            await(() -> alice.connectionState() == ConnectionState.RECONNECTING, () -> "alice noticed: " + states);
            second = RelayServer.start(settings(state).controlPort(control.getPort()).mediaPort(mediaPort).build());
            assertEquals(fingerprint, second.certificateFingerprint(), "the same certificate from the state directory");

            await(() -> alice.connectionState() == ConnectionState.CONNECTED
                    && bob.connectionState() == ConnectionState.CONNECTED, () -> "both back: " + states);
            long before = framesFrom(alice, "bob");
            await(() -> framesFrom(alice, "bob") > before + 5, () -> "bob's video again: " + alice.stats());
            assertTrue(alice.roster().stream().anyMatch(m -> m.displayName().equals("bob")));
            assertNull(alice.disconnectReason());
            assertTrue(alice.capturing(), "capture went on throughout");
            assertNotEquals(-1, firstId);
            assertEquals(ConnectionState.RECONNECTING, states.get(0));
        } finally {
            if (first != null) {
                first.close();
            }
            if (second != null) {
                second.close();
            }
        }
    }

    @Test
    void shouldResumeTheSameParticipantWhenOnlyItsControlConnectionDropped(@TempDir Path state) throws Exception {
        try (RelayServer relay = RelayServer.start(settings(state).controlPort(0).mediaPort(0).build());
             CuttableProxy proxy = new CuttableProxy(relay.controlAddress().getPort())) {
            InetSocketAddress direct = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    relay.controlAddress().getPort());
            PresenceTest.Notices bobHeard = new PresenceTest.Notices();
            try (Participant alice = participant(proxy.address(), relay.certificateFingerprint(), "alice").build();
                 Participant bob = participant(direct, relay.certificateFingerprint(), "bob").build()) {
                bob.addPresenceListener(bobHeard);
                alice.start();
                bob.start();
                await(() -> framesFrom(bob, "alice") > 0, () -> "bob sees alice: " + bob.stats());
                ControlMessage.JoinAccepted before = alice.session();

                proxy.cut();   // the network between alice and the relay's control port breaks; media goes on
                await(() -> alice.connectionState() != ConnectionState.CONNECTED, () -> "alice noticed");
                await(() -> alice.connectionState() == ConnectionState.CONNECTED
                        && alice.session() != before, () -> "alice back: " + alice.connectionState());

                assertEquals(before.participantId(), alice.session().participantId(), "the same participant id");
                assertEquals(before.layerSsrcs(), alice.session().layerSsrcs(), "the same streams");
                long frames = framesFrom(bob, "alice");
                await(() -> framesFrom(bob, "alice") > frames + 5, () -> "bob still sees alice: " + bob.stats());
                assertEquals(List.of(before.participantId()), bob.roster().stream()
                        .map(ControlMessage.Participant::participantId).toList());
            }
        }
    }

    @Test
    void shouldResumeAfterANetworkPauseLongerThanTheKeepaliveTimeout(@TempDir Path state) throws Exception {
        try (RelayServer relay = RelayServer.start(settings(state).controlPort(0).mediaPort(0).build());
             CuttableProxy proxy = new CuttableProxy(relay.controlAddress().getPort())) {
            InetSocketAddress direct = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    relay.controlAddress().getPort());
            try (Participant alice = participant(proxy.address(), relay.certificateFingerprint(), "alice").build();
                 Participant bob = participant(direct, relay.certificateFingerprint(), "bob").build()) {
                alice.start();
                bob.start();
                await(() -> framesFrom(bob, "alice") > 0, () -> "bob sees alice: " + bob.stats());
                ControlMessage.JoinAccepted before = alice.session();

                proxy.freeze();   // control bytes stop both ways, the connections stay open: both sides time out
                await(() -> alice.connectionState() == ConnectionState.CONNECTED && alice.session() != before,
                        () -> "alice back: " + alice.connectionState());
                assertEquals(before.participantId(), alice.session().participantId());
                assertEquals(before.layerSsrcs(), alice.session().layerSsrcs());
                long frames = framesFrom(bob, "alice");
                await(() -> framesFrom(bob, "alice") > frames + 5, () -> "bob still sees alice: " + bob.stats());
                assertEquals(List.of(before.participantId()), bob.roster().stream()
                        .map(ControlMessage.Participant::participantId).toList());
            }
        }
    }

    /**
     * A TCP forwarder to the relay's control port whose connections the test can break or freeze (later ones
     * forward again). Bounded: daemon threads, ended by {@link #close}.
     */
    private static final class CuttableProxy implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        private final int target;
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private final List<Socket> frozen = new CopyOnWriteArrayList<>();

        CuttableProxy(int target) throws IOException {
            this.target = target;
            Thread accept = new Thread(this::accept, "test-proxy-accept");
            accept.setDaemon(true);
            accept.start();
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket relay = new Socket(InetAddress.getLoopbackAddress(), target);
                    open.add(client);
                    open.add(relay);
                    pump(client, relay, frozen);
                    pump(relay, client, frozen);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void pump(Socket from, Socket to, List<Socket> frozen) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[4096];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        if (!frozen.contains(from)) {   // a frozen connection's bytes are lost, as on a dead link
                            out.write(buffer, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // cut
                }
            }, "test-proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        /** The connections open now carry nothing more; they stay open until {@link #close}. */
        void freeze() {
            frozen.addAll(open);
            open.clear();
        }

        void cut() throws IOException {
            for (Socket s : open) {
                s.close();
            }
            open.clear();
        }

        @Override
        public void close() throws IOException {
            server.close();
            cut();
            for (Socket s : frozen) {
                s.close();
            }
        }
    }
}
