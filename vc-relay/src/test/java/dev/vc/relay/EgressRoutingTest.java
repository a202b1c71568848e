package dev.vc.relay;

import dev.vc.relay.RouterHarness.Peer;
import dev.vc.transport.udp.cc.TransportSequenceNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An egress forward through the router, its clock driven by the test: a two-layer sender's large layer goes out as
 * one stream; while the sender stops that layer (its uplink cannot carry it) the forward falls back to the small one,
 * still asking for the large one, and returns to it once it flows again; every change at a keyframe, the numbers
 * continuous throughout. The forward's packets reach a real socket on 127.0.0.1.
 */
class EgressRoutingTest {
    private static final long MS = 1_000_000L;
    private static final int PAYLOAD_AT = 12 + TransportSequenceNumber.writeExtension(new byte[64], 12,
            TransportSequenceNumber.DEFAULT_ID, 0);

    private final RouterHarness relay = new RouterHarness();
    private final int[] sequence = {1_000, 50_000};
    private final int[] timestamp = {1_000_000, 7_000_000};
    private int transportSequence;
    private DatagramChannel sink;

    @AfterEach
    void close() throws Exception {
        if (sink != null) {
            sink.close();
        }
        relay.router.egress().close();
    }

    /** Sends one frame of each layer in {@code layers} (one packet each), then lets 33 ms pass. */
    private void frame(Peer sender, boolean keyframe, int... layers) {
        for (int layer : layers) {
            byte[] packet = RouterHarness.h264(sender, layer, sequence[layer]++, timestamp[layer], keyframe,
                    transportSequence++);
            relay.send(sender, packet, packet.length);
            timestamp[layer] += 3_000;
        }
        relay.now += 33 * MS;
        relay.router.egress().apply(relay.now);
    }

    /** @return the layer each packet that reached the sink came from, checking that the numbering runs on */
    private List<Integer> drain(List<Integer> sequences) throws Exception {
        List<Integer> layers = new ArrayList<>();
        ByteBuffer in = ByteBuffer.allocate(2048);
        while (true) {
            in.clear();
            if (sink.receive(in) == null) {
                return layers;
            }
            assertEquals(96, in.get(1) & 0x7F);
            sequences.add(in.getShort(2) & 0xFFFF);
            layers.add((int) in.get(PAYLOAD_AT + 1));
        }
    }

    @Test
    void shouldFallBackToTheSmallLayerWhileTheSenderStopsTheLargeOneAndReturnWhenItFlows() throws Exception {
        Peer alice = relay.join("alice", 43_000, 2);
        sink = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        sink.configureBlocking(false);
        relay.now = 1_000 * MS;
        Egress egress = relay.router.egress();
        Egress.Forward forward = egress.start(List.of(alice.member), InetAddress.getLoopbackAddress(),
                ((InetSocketAddress) sink.getLocalAddress()).getPort(), 0).get(0);
        egress.apply(relay.now);
        assertEquals(0b01, alice.member.egressLayers, "the large layer is wanted for the forward");
        assertEquals(1, relay.router.keyframeRequests(), "and a keyframe of it asked for");

        List<Integer> sequences = new ArrayList<>();
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            frame(alice, i % 15 == 0, 0, 1);  // both layers flow
        }
        Thread.sleep(50);
        got.addAll(drain(sequences));
        assertEquals(30, got.size());
        assertTrue(got.stream().allMatch(layer -> layer == 0), "the large layer: " + got);

        for (int i = 0; i < 120; i++) {
            frame(alice, i % 15 == 0, 1);     // the sender stopped the large layer
        }
        Thread.sleep(50);
        List<Integer> fallback = drain(sequences);
        assertTrue(fallback.size() > 30 && fallback.stream().allMatch(layer -> layer == 1),
                "the small layer once the large one is stopped: " + fallback);
        assertEquals(0b11, alice.member.egressLayers, "the large layer is still wanted, so the sender resumes it");

        for (int i = 0; i < 60; i++) {
            frame(alice, i % 15 == 0, 0, 1);  // it resumed
        }
        Thread.sleep(50);
        List<Integer> back = drain(sequences);
        assertEquals(0, (int) back.get(back.size() - 1), "back on the large layer: " + back);
        assertEquals(0b01, alice.member.egressLayers);
        for (int i = 1; i < sequences.size(); i++) {
            assertEquals((sequences.get(i - 1) + 1) & 0xFFFF, (int) sequences.get(i), "one continuous stream");
        }
        assertEquals(0, forward.stream.currentLayer());
    }
}
