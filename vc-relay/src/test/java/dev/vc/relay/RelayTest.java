package dev.vc.relay;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelayTest {
    private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @Test
    void shouldForwardEachDatagramToEveryOtherParticipantButNotBack() throws Exception {
        try (Relay relay = Relay.start(new RelaySettings(LOOPBACK_ANY_PORT, 10, 3_000, 1500))) {
            List<DatagramChannel> clients = clients(3);
            try {
                for (int i = 0; i < 3; i++) {
                    send(clients.get(i), relay, rtp(i));
                    // Wait until the relay has learned this client before the next one speaks.
                    awaitParticipants(relay, i + 1);
                }
                // Client 0 spoke when alone; client 1 then reached 0; client 2 reached 0 and 1.
                assertEquals(1, receiveMarker(clients.get(0)));
                assertEquals(2, receiveMarker(clients.get(0)));
                assertEquals(2, receiveMarker(clients.get(1)));
                send(clients.get(2), relay, rtp(7));
                assertEquals(7, receiveMarker(clients.get(0)));
                assertEquals(7, receiveMarker(clients.get(1)));
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (relay.stats().packetsOut() < 5 && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
                assertEquals(4, relay.stats().packetsIn());
                assertEquals(5, relay.stats().packetsOut(), "1 + 2 + 2 forwards, none back to a sender");
                assertNull(poll(clients.get(2)), "no echo of a participant's own packets");
            } finally {
                close(clients);
            }
        }
    }

    @Test
    void shouldDropNonRtpOversizedAndOverCapacityDatagrams() throws Exception {
        try (Relay relay = Relay.start(new RelaySettings(LOOPBACK_ANY_PORT, 2, 3_000, 300))) {
            List<DatagramChannel> clients = clients(3);
            try {
                send(clients.get(0), relay, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
                send(clients.get(0), relay, new byte[400]);
                send(clients.get(0), relay, rtp(0));
                awaitParticipants(relay, 1);
                send(clients.get(1), relay, rtp(1));
                awaitParticipants(relay, 2);
                send(clients.get(2), relay, rtp(2));
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (relay.stats().droppedFull() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                RelayStats stats = relay.stats();
                assertEquals(2, stats.droppedInvalid());
                assertEquals(1, stats.droppedFull());
                assertEquals(2, stats.participants());
            } finally {
                close(clients);
            }
        }
    }

    private static byte[] rtp(int marker) {
        byte[] packet = new byte[100];
        packet[0] = (byte) 0x80;
        packet[1] = 26;
        packet[12] = (byte) marker;
        return packet;
    }

    private static List<DatagramChannel> clients(int n) throws IOException {
        List<DatagramChannel> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DatagramChannel c = DatagramChannel.open();
            c.bind(LOOPBACK_ANY_PORT);
            c.configureBlocking(false);
            list.add(c);
        }
        return list;
    }

    private static void send(DatagramChannel client, Relay relay, byte[] data) throws IOException {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.mediaAddress().getPort());
        client.send(ByteBuffer.wrap(data), to);
    }

    private static void awaitParticipants(Relay relay, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (relay.stats().participants() < n) {
            assertTrue(System.nanoTime() < deadline, "relay never saw participant " + n);
            Thread.sleep(2);
        }
    }

    private static int receiveMarker(DatagramChannel client) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            byte[] data = poll(client);
            if (data != null) {
                return data[12];
            }
            assertTrue(System.nanoTime() < deadline, "nothing forwarded");
            Thread.sleep(2);
        }
    }

    private static byte[] poll(DatagramChannel client) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        if (client.receive(buffer) == null) {
            return null;
        }
        buffer.flip();
        byte[] data = new byte[buffer.remaining()];
        buffer.get(data);
        return data;
    }

    private static void close(List<DatagramChannel> clients) throws IOException {
        for (DatagramChannel c : clients) {
            c.close();
        }
    }
}
