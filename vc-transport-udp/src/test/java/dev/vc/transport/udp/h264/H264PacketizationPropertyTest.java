package dev.vc.transport.udp.h264;

import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.rtp.RtpSequence;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class H264PacketizationPropertyTest {
    @Provide
    Arbitrary<H264Spec> accessUnits() {
        return H264Spec.any();
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        Arbitrary<byte[]> typed = random.map(b -> {
            if (b.length > 0) {
                int[] types = {24, 28, 1 + (b[0] & 0x0F)};
                b[0] = (byte) ((b[0] & 0xE0) | types[(b[0] & 0x7F) % 3]);
            }
            return b;
        });
        return Arbitraries.oneOf(random, typed);
    }

    @Property
    void packetizeThenDepacketizeGivesBackTheIdenticalAccessUnit(
            @ForAll("accessUnits") H264Spec spec, @ForAll @IntRange(min = 256, max = 1500) int mtu,
            @ForAll @IntRange(min = 0, max = 65535) int firstSequence, @ForAll long shuffleSeed) {
        byte[] au = spec.accessUnit();
        List<byte[]> packets = H264TestStreams.packetize(au, mtu, 1_700_000_000_000_000_000L,
                new RtpPacketWriter(5, 96, firstSequence, 0));
        RtpHeader rtp = new RtpHeader();
        int timestamp = rtp.parse(packets.get(0), 0, packets.get(0).length).timestamp();
        for (int i = 0; i < packets.size(); i++) {
            byte[] packet = packets.get(i);
            assertTrue(packet.length <= mtu, "packet of " + packet.length + " > MTU " + mtu);
            rtp.parse(packet, 0, packet.length);
            assertEquals(i == packets.size() - 1, rtp.marker(), "marker on the last packet only");
            assertEquals(timestamp, rtp.timestamp());
            assertEquals(RtpSequence.add(firstSequence, i), rtp.sequence());
        }
        assertArrayEquals(au, H264TestStreams.depacketize(packets));
        Collections.shuffle(packets, new Random(shuffleSeed));
        assertArrayEquals(au, H264TestStreams.depacketize(packets), "in any order");
    }

    @Property
    void depacketizerParsesOrThrowsMalformed(@ForAll @Size(max = 20) List<@From("payloads") byte[]> payloads,
                                             @ForAll long seed) {
        Random random = new Random(seed);
        H264Depacketizer depacketizer = new H264Depacketizer(1 << 16);
        RtpHeader rtp = new RtpHeader();
        int sequence = random.nextInt(65536);
        for (byte[] payload : payloads) {
            byte[] packet = new byte[RtpPacketWriter.HEADER_LENGTH + payload.length];
            new RtpPacketWriter(1, 96, sequence, 0).writeHeader(packet, 0, random.nextInt(4) == 0, 77, 0L);
            System.arraycopy(payload, 0, packet, RtpPacketWriter.HEADER_LENGTH, payload.length);
            sequence = RtpSequence.add(sequence, random.nextInt(3) - 1);
            try {
                H264Depacketizer.check(payload, 0, payload.length);
            } catch (MalformedPacketException expected) {
                // fine
            }
            try {
                depacketizer.add(rtp.parse(packet, 0, packet.length));
                if (random.nextInt(3) == 0) {
                    depacketizer.markEnd();
                }
                if (depacketizer.isComplete()) {
                    byte[] out = new byte[depacketizer.annexBLength()];
                    assertEquals(out.length, depacketizer.writeAnnexB(out, 0));
                }
            } catch (MalformedPacketException expected) {
                depacketizer.reset();
            }
        }
    }
}
