package dev.vc.transport.udp.jpeg;

import dev.vc.transport.udp.rtp.AbsCaptureTime;
import dev.vc.transport.udp.rtp.NtpTime;
import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.rtp.RtpSequence;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketizationPropertyTest {
    @Provide
    Arbitrary<JpegSpec> jpegs() {
        return JpegSpec.any();
    }

    @Provide
    Arbitrary<Long> captureTimes() {
        // 1970 .. 2100
        return Arbitraries.longs().between(0L, 4_102_444_800_000_000_000L);
    }

    @Property
    void packetizeThenDepacketizeGivesBackTheSameScanTablesAndSize(@ForAll("jpegs") JpegSpec spec,
                                                                   @ForAll @IntRange(min = 256, max = 1500) int mtu,
                                                                   @ForAll("captureTimes") long capture) {
        byte[] jpeg = spec.encode();
        List<byte[]> packets = TestPackets.packetize(jpeg, mtu, capture, new RtpPacketWriter(5, 26, 0, 0));
        RtpHeader rtp = new RtpHeader();
        for (byte[] packet : packets) {
            assertTrue(packet.length <= mtu, "packet of " + packet.length + " > MTU " + mtu);
            assertEquals(capture, AbsCaptureTime.captureTimeNanos(rtp.parse(packet, 0, packet.length), -1));
        }
        byte[] rebuilt = TestPackets.depacketize(packets);

        TestJpegs.Parts in = TestJpegs.parts(jpeg);
        TestJpegs.Parts out = TestJpegs.parts(rebuilt);
        assertEquals(in.width(), out.width());
        assertEquals(in.height(), out.height());
        assertEquals(in.type(), out.type());
        assertArrayEquals(in.lumaTable(), out.lumaTable());
        assertArrayEquals(in.chromaTable(), out.chromaTable());
        assertArrayEquals(in.scan(), out.scan());
        BufferedImage image = TestJpegs.decode(rebuilt);
        assertEquals(spec.width(), image.getWidth());
        assertEquals(spec.height(), image.getHeight());
    }

    @Property
    void ntpTimeRoundTripsExactly(@ForAll("captureTimes") long epochNanos) {
        assertEquals(epochNanos, NtpTime.toEpochNanos(NtpTime.fromEpochNanos(epochNanos)));
    }

    @Property
    void sequenceDistanceInvertsAddition(@ForAll @IntRange(min = 0, max = 65535) int sequence,
                                         @ForAll @IntRange(min = -32768, max = 32767) int delta) {
        int moved = RtpSequence.add(sequence, delta);
        assertTrue(moved >= 0 && moved <= 65535);
        assertEquals(delta, RtpSequence.distance(sequence, moved));
        assertEquals(delta > 0, RtpSequence.isNewer(moved, sequence));
    }
}
