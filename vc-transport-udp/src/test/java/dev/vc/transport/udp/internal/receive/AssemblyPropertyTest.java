package dev.vc.transport.udp.internal.receive;

import dev.vc.transport.udp.jpeg.JpegSpec;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.jpeg.TestPackets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssemblyPropertyTest {
    private static final long CAPTURE = 1_700_000_000_000_000_000L;
    private static final long FRAME_NANOS = 33_333_334L;

    @Provide
    Arbitrary<JpegSpec> jpegs() {
        return JpegSpec.any();
    }

    @Property
    void anyPermutationAndDuplicationYieldsExactlyOneFrameWithExactlyThoseBytes(
            @ForAll("jpegs") JpegSpec spec, @ForAll @IntRange(min = 256, max = 1500) int mtu,
            @ForAll @IntRange(min = 0, max = 65535) int firstSequence, @ForAll long shuffleSeed,
            @ForAll @IntRange(min = 0, max = 100) int duplicatePercent) {
        List<byte[]> packets = TestPackets.packetize(spec.encode(), mtu, CAPTURE,
                new RtpPacketWriter(9, 26, firstSequence, 0));
        assertTrue(packets.size() < SequenceWindow.SIZE, "within the reorder window");
        byte[] expected = TestPackets.depacketize(packets);
        Random random = new Random(shuffleSeed);
        List<byte[]> arriving = new ArrayList<>(packets);
        for (byte[] packet : packets) {
            if (random.nextInt(100) < duplicatePercent) {
                arriving.add(packet);
            }
        }
        Collections.shuffle(arriving, random);

        DispatcherHarness rx = new DispatcherHarness();
        rx.feedAll(arriving);

        assertEquals(1, rx.frames.size());
        assertArrayEquals(expected, rx.frames.get(0).jfif());
        assertEquals(0, rx.counters.framesIncomplete.sum());
        assertEquals(packets.size(), rx.counters.packetsReceived.sum());
        assertEquals(arriving.size() - packets.size(), rx.counters.packetsDropped.sum());
    }

    @Property
    void anyLossYieldsNoFrameAndAnIncompleteCount(
            @ForAll("jpegs") JpegSpec spec, @ForAll @IntRange(min = 256, max = 1500) int mtu,
            @ForAll long seed, @ForAll boolean followedByNewerFrame) {
        RtpPacketWriter writer = new RtpPacketWriter(9, 26, 65000, 0);
        List<byte[]> packets = new ArrayList<>(TestPackets.packetize(spec.encode(), mtu, CAPTURE, writer));
        Random random = new Random(seed);
        List<byte[]> kept = new ArrayList<>();
        List<Integer> lost = new ArrayList<>();
        int mustLose = random.nextInt(packets.size());
        for (int i = 0; i < packets.size(); i++) {
            if (i == mustLose || random.nextInt(4) == 0) {
                lost.add(i);
            } else {
                kept.add(packets.get(i));
            }
        }
        Collections.shuffle(kept, random);

        DispatcherHarness rx = new DispatcherHarness();
        rx.feedAll(kept);
        assertEquals(0, rx.frames.size(), "a frame missing packets " + lost + " was handed on");
        if (followedByNewerFrame) {
            List<byte[]> next = TestPackets.packetize(spec.encode(), mtu, CAPTURE + FRAME_NANOS, writer);
            rx.feedAll(next);
            assertEquals(1, rx.frames.size());
            assertArrayEquals(TestPackets.depacketize(next), rx.frames.get(0).jfif());
        } else {
            rx.nowNanos += 5_000_000_000L;
            rx.feed(new byte[] {0}); // any datagram lets the frame timeout run
            assertEquals(0, rx.frames.size());
        }
        assertEquals(kept.isEmpty() ? 0 : 1, rx.counters.framesIncomplete.sum());
    }
}
