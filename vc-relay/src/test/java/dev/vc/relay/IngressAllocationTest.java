package dev.vc.relay;

import dev.vc.api.VideoCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the media thread allocates per packet an ingress forwards, read from its allocation counter as
 * {@link RelayAllocationTest} does: nothing in steady state (one sender, so the JDK's {@code receive} reuses its
 * source address; the SSRC rewritten in place; the member's path as any member's).
 */
class IngressAllocationTest {
    private static final int RECEIVERS = 2;
    private static final int PACKETS = 2_000;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void shouldForwardAnIngressesPacketsWithoutAllocating() throws Exception {
        RelayServer relay = RelayServer.start(RelaySettings.builder().mediaInsecure(true).host("127.0.0.1")
                .controlPort(0).mediaPort(0).maxBitrate(1_000_000_000L).staleMillis(600_000).build());
        open.add(relay);
        List<TestClient> receivers = new ArrayList<>();
        for (int i = 0; i < RECEIVERS; i++) {
            TestClient client = new TestClient(relay, "a", "viewer" + i, "", 0);
            open.add(client);
            client.bind();
            receivers.add(client);
        }
        IngressStatus ingress = relay.openIngress(IngressSpec.of("a", "camera", 0, VideoCodec.JPEG));
        DatagramChannel sender = DatagramChannel.open();
        open.add(sender);
        sender.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), ingress.address().getPort());
        Thread media = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("vc-relay-media") && t.isAlive()).findFirst().orElseThrow();

        sender.send(ByteBuffer.wrap(TestClient.rtp(0x1234_5678, 0)), to);
        Await.until(() -> relay.ingresses().get(0).state() == IngressStatus.State.JOINED, "the camera joining");
        send(relay, sender, to, receivers, 1);          // warm-up: compiled, caches made
        long forwardedBefore = forwarded(relay);
        long before = threads.getThreadAllocatedBytes(media.getId());
        send(relay, sender, to, receivers, PACKETS + 1);
        long allocated = threads.getThreadAllocatedBytes(media.getId()) - before;
        long forwarded = forwarded(relay) - forwardedBefore;
        assertEquals((long) PACKETS * RECEIVERS, forwarded, "every packet to both: " + relay.stats());
        double perPacket = (double) allocated / forwarded;
        assertTrue(perPacket < 1, "allocated " + perPacket + " B per forwarded packet");
    }

    /**
     * Sends {@link #PACKETS} packets numbered from {@code first}, draining the receivers after each, until the relay
     * forwarded them all to both.
     */
    private static void send(RelayServer relay, DatagramChannel sender, InetSocketAddress to,
                             List<TestClient> receivers, int first) throws Exception {
        ByteBuffer in = ByteBuffer.allocate(2048);
        ByteBuffer out = ByteBuffer.wrap(TestClient.rtp(0x1234_5678, 0));
        for (int n = first; n < first + PACKETS; n++) {
            out.putShort(2, (short) n).putInt(4, n * 3000).clear();
            sender.send(out, to);
            drain(receivers, in);
        }
        long expected = (long) (first + PACKETS) * RECEIVERS;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (forwarded(relay) < expected && System.nanoTime() < deadline) {
            drain(receivers, in);
            Thread.sleep(1);
        }
    }

    private static void drain(List<TestClient> receivers, ByteBuffer in) throws Exception {
        for (TestClient receiver : receivers) {
            in.clear();
            while (receiver.media.receive(in) != null) {
                in.clear();
            }
        }
    }

    /** @return RTP packets the relay forwarded, all receivers together */
    private static long forwarded(RelayServer relay) {
        return relay.stats().simulcast().forwardedByLayer()[0];
    }
}
