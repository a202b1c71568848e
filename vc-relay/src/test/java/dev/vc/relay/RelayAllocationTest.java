package dev.vc.relay;

import dev.vc.transport.udp.rtcp.RtcpWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the media thread allocates per forwarded packet, read from its allocation counter: with a socket per
 * participant, nothing in steady state, simulcast senders included (their second layer reaches nobody, since every
 * receiver gets layer 0 until told otherwise, but is parsed, cached and decided on); with the shared socket the JDK's {@code receive} creates an address
 * whenever the sender changes, which this test shows too, so it proves the counter sees allocation.
 */
class RelayAllocationTest {
    private static final int SENDERS = 3;
    private static final int ROUNDS = 2_000;
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
    void shouldForwardWithoutAllocatingThroughEachParticipantsOwnSocket() throws Exception {
        double perPacket = bytesPerForwardedPacket(true, false);
        assertTrue(perPacket < 1, "allocated " + perPacket + " B per forwarded packet");
    }

    @Test
    void shouldRecordStampAndAnswerTransportCcWithoutAllocating() throws Exception {
        double perPacket = bytesPerForwardedPacket(true, true);
        assertTrue(perPacket < 1, "allocated " + perPacket + " B per forwarded packet with transport-cc");
    }

    @Test
    void shouldForwardTwoLayerSendersWithoutAllocating() throws Exception {
        double perPacket = bytesPerForwardedPacket(true, true, 2);
        assertTrue(perPacket < 1, "allocated " + perPacket + " B per forwarded packet with two-layer senders");
    }

    @Test
    void shouldForwardToEgressWithoutAllocating() throws Exception {
        double perPacket = bytesPerForwardedPacket(true, true, 0, true);
        assertTrue(perPacket < 1, "allocated " + perPacket + " B per forwarded packet with an egress forward of each");
    }

    @Test
    void shouldAnswerNacksFromTheCacheAsRtxWithoutAllocating() throws Exception {
        RelayServer relay = RelayServer.start(RelaySettings.builder().mediaInsecure(true).host("127.0.0.1").controlPort(0).mediaPort(0)
                .maxBitrate(1_000_000_000L).retransmitFloorBps(100_000_000L).build());
        open.add(relay);
        List<TestClient> room = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            TestClient client = new TestClient(relay, "a", "p" + i, "", 0);
            open.add(client);
            client.bind();
            room.add(client);
        }
        Thread media = mediaThread();
        exchangeWithNacks(room, ROUNDS, 0, relay, (long) ROUNDS * SENDERS * (SENDERS - 1));
        long retransmittedBefore = relay.stats().retransmissions();
        long forwardedBefore = forwarded(relay.stats());
        long before = threads.getThreadAllocatedBytes(media.getId());
        exchangeWithNacks(room, ROUNDS, ROUNDS, relay, (long) 2 * ROUNDS * SENDERS * (SENDERS - 1));
        long allocated = threads.getThreadAllocatedBytes(media.getId()) - before;
        long retransmitted = relay.stats().retransmissions() - retransmittedBefore;
        long forwarded = forwarded(relay.stats()) - forwardedBefore;
        assertEquals((long) ROUNDS * SENDERS * (SENDERS - 1), retransmitted, "every NACK answered as RTX; "
                + relay.stats());
        assertEquals(retransmitted, forwarded, "as many retransmissions as forwarded packets");
        long datagrams = forwarded + retransmitted;
        double perDatagram = (double) allocated / datagrams;
        assertTrue(perDatagram < 1, "allocated " + perDatagram + " B per forwarded or retransmitted packet");
    }

    /**
     * Each client sends a packet (sequence number 0, as {@link TestClient#rtpWithTransportSequence} writes them), then
     * NACKs that number of every other's stream, which the relay answers from its cache as RTX; then everyone drains,
     * until the relay has resent {@code retransmissions} in all.
     */
    private static void exchangeWithNacks(List<TestClient> room, int rounds, int firstSequence, RelayServer relay,
                                          long retransmissions) throws Exception {
        ByteBuffer in = ByteBuffer.allocate(2048);
        byte[] nack = new byte[16];
        int[] lost = {0};
        long[] received = new long[room.size()];
        for (int r = 0; r < rounds; r++) {
            for (TestClient client : room) {
                client.sendRtpWithTransportSequence(client.ssrc(), firstSequence + r);
            }
            for (TestClient client : room) {
                for (TestClient other : room) {
                    if (other != client) {
                        client.send(nack, RtcpWriter.nack(nack, 0, client.ssrc(), other.ssrc(), lost, 1));
                    }
                }
            }
            drain(room, received, in);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (relay.stats().retransmissions() < retransmissions && System.nanoTime() < deadline) {
            drain(room, received, in);
            Thread.sleep(1);
        }
        drain(room, received, in);
    }

    @Test
    void sharedSocketAllocatesAnAddressWhenTheSenderChanges() throws Exception {
        double perPacket = bytesPerForwardedPacket(false, false);
        assertTrue(perPacket > 4, "the counter should see the JDK's source addresses, saw " + perPacket + " B");
    }

    private double bytesPerForwardedPacket(boolean socketPerParticipant, boolean transportCc) throws Exception {
        return bytesPerForwardedPacket(socketPerParticipant, transportCc, 0);
    }

    private double bytesPerForwardedPacket(boolean socketPerParticipant, boolean transportCc, int layers)
            throws Exception {
        return bytesPerForwardedPacket(socketPerParticipant, transportCc, layers, false);
    }

    /**
     * @param layers simulcast layers each sender states and sends (0: a legacy join, one stream)
     * @param egress whether each sender's stream is also forwarded out of the relay (to a socket nobody reads)
     */
    private double bytesPerForwardedPacket(boolean socketPerParticipant, boolean transportCc, int layers,
                                           boolean egress) throws Exception {
        RelaySettings.Builder settings = RelaySettings.builder().mediaInsecure(true).host("127.0.0.1").controlPort(0)
                .mediaPort(0).socketPerParticipant(socketPerParticipant).maxBitrate(1_000_000_000L);
        if (egress) {
            settings.operator("127.0.0.1", 0, OperatorApiTest.TOKEN);
        }
        RelayServer relay = RelayServer.start(settings.build());
        open.add(relay);
        List<TestClient> room = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            TestClient client = new TestClient(relay, "a", "p" + i, "", layers);
            open.add(client);
            client.bind();
            room.add(client);
        }
        java.nio.channels.DatagramChannel sink = null;
        if (egress) {
            sink = java.nio.channels.DatagramChannel.open().bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            open.add(sink);
            int port = ((java.net.InetSocketAddress) sink.getLocalAddress()).getPort();
            for (TestClient client : room) {
                OperatorApiTest.Reply reply = OperatorApiTest.call(relay, "POST", "/api/forwards", OperatorApiTest.TOKEN,
                        "{\"participant\": " + client.id() + ", \"host\": \"127.0.0.1\", \"port\": " + port + "}");
                assertEquals(201, reply.status(), reply.body());
            }
        }
        Thread media = mediaThread();
        exchange(room, ROUNDS, transportCc, layers, 0);  // warm-up: member sockets open, code compiled, buffers cached
        long forwardedBefore = forwarded(relay.stats());
        long before = threads.getThreadAllocatedBytes(media.getId());
        exchange(room, ROUNDS, transportCc, layers, ROUNDS);
        long allocated = threads.getThreadAllocatedBytes(media.getId()) - before;
        long expected = (long) ROUNDS * SENDERS * (SENDERS - 1);
        // the relay counts a forward after its send: a receiver can hold the last datagrams a moment before the count
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (forwarded(relay.stats()) - forwardedBefore < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long forwarded = forwarded(relay.stats()) - forwardedBefore;
        if (transportCc) {
            assertTrue(relay.stats().members().stream().allMatch(m -> m.uplinkFeedbackSent() > 0),
                    "every sender got feedback: " + relay.stats());
        }
        assertEquals(expected, forwarded, "every packet forwarded to both others; "
                + relay.stats());
        if (egress) {
            String forwards = OperatorApiTest.call(relay, "GET", "/api/forwards", OperatorApiTest.TOKEN, null).body();
            assertEquals(SENDERS, forwards.split("\"packets\":" + 2 * ROUNDS + ",", -1).length - 1,
                    "each forward sent every packet of its sender: " + forwards);
        }
        return (double) allocated / forwarded;
    }

    /**
     * Media packets forwarded to participants, of any layer: not the RTCP the relay writes itself (its transport-cc
     * feedback, and the layer caps and keyframe requests that come because the test's receivers send no feedback,
     * so their downlinks count at the estimator's 1 Mbit/s start rate, less than the senders' bursts).
     */
    private static long forwarded(RelayStats stats) {
        return java.util.Arrays.stream(stats.simulcast().forwardedByLayer()).sum();
    }

    /**
     * Each client sends in turn, so the sender changes with every datagram (a packet of each of its layers, the
     * higher ones reaching nobody); then everyone drains.
     */
    private static void exchange(List<TestClient> room, int rounds, boolean transportCc, int layers, int firstSequence)
            throws Exception {
        ByteBuffer in = ByteBuffer.allocate(2048);
        long expected = (long) rounds * (room.size() - 1);
        long[] received = new long[room.size()];
        for (int r = 0; r < rounds; r++) {
            for (TestClient client : room) {
                int streams = Math.max(1, layers);
                for (int layer = 0; layer < streams; layer++) {
                    int ssrc = client.ssrc(layer);
                    if (transportCc) {
                        client.sendRtpWithTransportSequence(ssrc, (firstSequence + r) * streams + layer);
                    } else {
                        client.sendRtp(ssrc, r & 0x7F);
                    }
                }
            }
            drain(room, received, in);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!allReceived(received, expected) && System.nanoTime() < deadline) {
            drain(room, received, in);
            Thread.sleep(1);
        }
    }

    private static void drain(List<TestClient> room, long[] received, ByteBuffer in) throws Exception {
        for (int i = 0; i < room.size(); i++) {
            in.clear();
            while (room.get(i).media.receive(in) != null) {
                received[i]++;
                in.clear();
            }
        }
    }

    private static boolean allReceived(long[] received, long expected) {
        for (long count : received) {
            if (count < expected) {
                return false;
            }
        }
        return true;
    }

    private static Thread mediaThread() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("vc-relay-media"))
                .filter(Thread::isAlive).findFirst().orElseThrow();
    }
}
