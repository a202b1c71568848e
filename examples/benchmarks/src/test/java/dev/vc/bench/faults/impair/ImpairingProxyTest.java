package dev.vc.bench.faults.impair;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The proxy on 127.0.0.1: a fake participant and a fake relay on either side of one link. */
class ImpairingProxyTest {
    private static final int PACKETS = 40;

    /** A socket on 127.0.0.1 that records what arrives. */
    private static final class Peer implements AutoCloseable {
        final DatagramChannel channel = DatagramChannel.open();
        final List<byte[]> received = new ArrayList<>();
        final List<InetSocketAddress> senders = new ArrayList<>();
        final List<Long> receivedAt = new ArrayList<>();
        private final ByteBuffer buffer = ByteBuffer.allocate(2048);

        Peer() throws IOException {
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            channel.configureBlocking(false);
        }

        InetSocketAddress address() throws IOException {
            return (InetSocketAddress) channel.getLocalAddress();
        }

        void drain() throws IOException {
            while (true) {
                buffer.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
                if (from == null) {
                    return;
                }
                byte[] copy = new byte[buffer.position()];
                buffer.flip().get(copy);
                received.add(copy);
                senders.add(from);
                receivedAt.add(System.nanoTime());
            }
        }

        void send(int n, InetSocketAddress to) throws IOException {
            channel.send(ByteBuffer.wrap(new byte[] {(byte) n, 1, 2, 3}), to);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static void await(BooleanSupplier done, Peer... peers) throws Exception {
        for (int i = 0; i < 1_000 && !done.getAsBoolean(); i++) {   // at most about 10 s
            Thread.sleep(10);
            for (Peer p : peers) {
                p.drain();
            }
        }
        assertTrue(done.getAsBoolean(), "timed out");
    }

    @Test
    void shouldForwardBothWaysUntouchedAndUncountedUntilImpairing() throws Exception {
        try (Peer participant = new Peer(); Peer relay = new Peer();
             ImpairingProxy proxy = new ImpairingProxy(relay.address())) {
            ImpairingProxy.Link link = proxy.addLink(Impairment.parse("random:50"), Impairment.parse("random:50"), 1);
            proxy.start();
            for (int i = 0; i < PACKETS; i++) {
                participant.send(i, link.address());
            }
            await(() -> relay.received.size() == PACKETS, participant, relay);
            InetSocketAddress linkSocket = relay.senders.get(0);
            assertNotEquals(participant.address(), linkSocket, "the relay sees the link, not the participant");
            assertTrue(relay.senders.stream().allMatch(linkSocket::equals));
            for (int i = 0; i < PACKETS; i++) {
                assertEquals((byte) i, relay.received.get(i)[0], "in order");
                relay.send(i, linkSocket);
            }
            await(() -> participant.received.size() == PACKETS, participant, relay);
            assertTrue(participant.senders.stream().allMatch(link.address()::equals), "answers come from the link");
            assertEquals(ImpairmentCounts.ZERO, link.up());
            assertEquals(ImpairmentCounts.ZERO, link.down());
        }
    }

    /** Behaviour, not timing: every packet arrives no earlier than its direction's delay after it was sent. */
    @Test
    void shouldDelayEachDirectionByAtLeastItsDelay() throws Exception {
        try (Peer participant = new Peer(); Peer relay = new Peer();
             ImpairingProxy proxy = new ImpairingProxy(relay.address())) {
            ImpairingProxy.Link link = proxy.addLink(Impairment.parse("delay:30"), Impairment.parse("delay:20:5"), 3);
            proxy.start();
            proxy.impairing(true);
            long[] sentAt = new long[PACKETS];
            for (int i = 0; i < PACKETS; i++) {
                sentAt[i] = System.nanoTime();
                participant.send(i, link.address());
                Thread.sleep(1);
            }
            await(() -> relay.received.size() == PACKETS, participant, relay);
            long[] echoedAt = new long[PACKETS];
            InetSocketAddress linkSocket = relay.senders.get(0);
            for (int i = 0; i < PACKETS; i++) {
                int n = relay.received.get(i)[0];
                assertEquals(i, n, "in order");
                assertTrue(relay.receivedAt.get(i) - sentAt[n] >= 30_000_000L,
                        "up: " + (relay.receivedAt.get(i) - sentAt[n]) / 1e6 + " ms");
                echoedAt[n] = System.nanoTime();
                relay.send(n, linkSocket);
            }
            await(() -> participant.received.size() == PACKETS, participant, relay);
            for (int i = 0; i < PACKETS; i++) {
                int n = participant.received.get(i)[0];
                assertEquals(i, n, "in order: the jitter does not reorder");
                assertTrue(participant.receivedAt.get(i) - echoedAt[n] >= 20_000_000L,
                        "down: " + (participant.receivedAt.get(i) - echoedAt[n]) / 1e6 + " ms");
            }
            assertEquals(new ImpairmentCounts(PACKETS, 0, 0, 0, 0, PACKETS), link.up());
            assertEquals(new ImpairmentCounts(PACKETS, 0, 0, 0, 0, PACKETS), link.down());
        }
    }

    @Test
    void shouldImpairEachDirectionAsToldAndCountIt() throws Exception {
        try (Peer participant = new Peer(); Peer relay = new Peer();
             ImpairingProxy proxy = new ImpairingProxy(relay.address())) {
            ImpairingProxy.Link link = proxy.addLink(Impairment.parse("duplicate:100"), Impairment.parse("random:50"),
                    7);
            proxy.start();
            proxy.impairing(true);
            for (int i = 0; i < PACKETS; i++) {
                participant.send(i, link.address());
            }
            await(() -> relay.received.size() == 2 * PACKETS, participant, relay);
            assertEquals(new ImpairmentCounts(PACKETS, 0, PACKETS, 0, 0, 2 * PACKETS), link.up());
            InetSocketAddress linkSocket = relay.senders.get(0);
            for (int i = 0; i < 2 * PACKETS; i++) {
                relay.send(i, linkSocket);
            }
            await(() -> link.down().packetsIn() == 2 * PACKETS
                    && participant.received.size() == link.down().packetsOut(), participant, relay);
            ImpairmentCounts down = link.down();
            assertTrue(down.dropped() > 0 && down.dropped() < 2 * PACKETS, "about half lost: " + down);
            assertEquals(2 * PACKETS - down.dropped(), participant.received.size());
            assertEquals(0, link.sendFailures());
        }
    }
}
