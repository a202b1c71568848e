package dev.vc.transport.udp.internal.receive;

import dev.vc.transport.udp.h264.H264Spec;
import dev.vc.transport.udp.h264.H264TestStreams;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * H.264 through the receive pipeline. Each stream starts with a small "primer" access unit, sent in order: a
 * stream's first access unit cannot be proved whole, the ones after it can.
 */
class H264AssemblyPropertyTest {
    private static final long CAPTURE = 1_700_000_000_000_000_000L;
    private static final long FRAME_NANOS = 33_333_334L;
    /** A picture's later slice (first_mb_in_slice 1): it does not prove that its access unit starts with it. */
    private static final byte[] PRIMER = H264TestStreams.annexB(List.of(new byte[] {0x41, 0x40}));

    @Provide
    Arbitrary<H264Spec> accessUnits() {
        return H264Spec.any();
    }

    @Property
    void anyPermutationAndDuplicationYieldsExactlyThatAccessUnitOnce(
            @ForAll("accessUnits") H264Spec spec, @ForAll @IntRange(min = 256, max = 1500) int mtu,
            @ForAll @IntRange(min = 0, max = 65535) int firstSequence, @ForAll long shuffleSeed,
            @ForAll @IntRange(min = 0, max = 100) int duplicatePercent) {
        RtpPacketWriter writer = new RtpPacketWriter(9, 96, firstSequence, 0);
        List<byte[]> primer = H264TestStreams.packetize(PRIMER, mtu, CAPTURE, writer);
        byte[] au = spec.accessUnit();
        List<byte[]> packets = H264TestStreams.packetize(au, mtu, CAPTURE + FRAME_NANOS, writer);
        assertTrue(packets.size() < SequenceWindow.SIZE, "within the reorder window");
        Random random = new Random(shuffleSeed);
        List<byte[]> arriving = new ArrayList<>(packets);
        for (byte[] packet : packets) {
            if (random.nextInt(100) < duplicatePercent) {
                arriving.add(packet);
            }
        }
        Collections.shuffle(arriving, random);

        DispatcherHarness rx = new DispatcherHarness();
        rx.feedAll(primer);
        rx.feedAll(arriving);

        assertEquals(1, rx.frames.size());
        assertArrayEquals(au, rx.frames.get(0).jfif());
        assertEquals(1, rx.counters.framesIncomplete.sum(), "only the unprovable primer");
        assertEquals(primer.size() + packets.size(), rx.counters.packetsReceived.sum());
        assertEquals(arriving.size() - packets.size(), rx.counters.packetsDropped.sum());
    }

    @Property
    void anyLossYieldsNoAccessUnitMarkedComplete(
            @ForAll("accessUnits") H264Spec spec, @ForAll @IntRange(min = 256, max = 1500) int mtu,
            @ForAll long seed, @ForAll boolean followedByNewerUnit) {
        RtpPacketWriter writer = new RtpPacketWriter(9, 96, 65000, 0);
        List<byte[]> primer = H264TestStreams.packetize(PRIMER, mtu, CAPTURE, writer);
        byte[] au = spec.accessUnit();
        List<byte[]> packets = H264TestStreams.packetize(au, mtu, CAPTURE + FRAME_NANOS, writer);
        Random random = new Random(seed);
        List<byte[]> kept = new ArrayList<>();
        int mustLose = random.nextInt(packets.size());
        boolean lastKept = false;
        for (int i = 0; i < packets.size(); i++) {
            if (i != mustLose && random.nextInt(4) != 0) {
                kept.add(packets.get(i));
                lastKept = i == packets.size() - 1;
            }
        }
        Collections.shuffle(kept, random);

        DispatcherHarness rx = new DispatcherHarness();
        rx.feedAll(primer);
        rx.feedAll(kept);
        assertEquals(0, rx.frames.size(), "an access unit missing packets was handed on");
        if (followedByNewerUnit) {
            byte[] next = H264TestStreams.annexB(List.of(new byte[] {0x41, 0x55, 0x66}));
            rx.feedAll(H264TestStreams.packetize(next, mtu, CAPTURE + 2 * FRAME_NANOS, writer));
            for (DispatcherHarness.Received frame : rx.frames) {
                assertArrayEquals(next, frame.jfif(), "only the next unit may be handed on");
            }
            assertEquals(lastKept ? 1 : 0, rx.frames.size(),
                    "the next unit is proved whole exactly when the lossy one's last packet arrived");
        } else {
            rx.nowNanos += 5_000_000_000L;
            rx.feed(new byte[] {0}); // any datagram lets the frame timeout run
            assertEquals(0, rx.frames.size());
            assertFalse(rx.counters.framesIncomplete.sum() < 1);
        }
    }
}
