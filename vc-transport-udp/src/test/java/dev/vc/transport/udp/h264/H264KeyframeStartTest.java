package dev.vc.transport.udp.h264;

import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.vc.transport.udp.h264.H264TestStreams.annexB;
import static dev.vc.transport.udp.h264.H264TestStreams.nal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class H264KeyframeStartTest {
    private static final long CAPTURE = 1_700_000_000_000_000_000L;

    /** @return for each packet the packetizer makes of the access unit, whether it starts a keyframe */
    private static List<Boolean> starts(byte[] accessUnit, int mtu) {
        RtpHeader rtp = new RtpHeader();
        List<Boolean> starts = new ArrayList<>();
        for (byte[] packet : H264TestStreams.packetize(accessUnit, mtu, CAPTURE, new RtpPacketWriter(7, 96, 100, 0))) {
            rtp.parse(packet, 0, packet.length);
            starts.add(H264KeyframeStart.test(packet, rtp.payloadOffset(), rtp.payloadLength()));
        }
        return starts;
    }

    @Property(tries = 100)
    void onlyThePacketsThatOpenAKeyframeStartOne(@ForAll long seed) {
        Random random = new Random(seed);
        int mtu = 256 + random.nextInt(1300);
        List<byte[]> units = new ArrayList<>();
        if (random.nextBoolean()) {
            units.add(nal(H264.AUD, 0, 2, random));
        }
        boolean parameterSets = random.nextBoolean();
        if (parameterSets) {
            units.add(H264TestStreams.SPS_320X240);
            units.add(H264TestStreams.PPS);
        }
        units.add(nal(H264.IDR_SLICE, 3, 1 + random.nextInt(5000), random));
        List<Boolean> key = starts(annexB(units), mtu);
        int first = key.indexOf(true);
        assertTrue(first == 0 || first == 1, "the first packet starts it, or the one after an AUD sent alone: " + key);
        // AUD, SPS, PPS and the IDR's first fragment take at most four packets; the IDR's body starts nothing.
        assertTrue(key.lastIndexOf(true) <= 3, "only packets that open the keyframe start it: " + key);
        if (units.get(units.size() - 1).length > mtu) {
            assertFalse(key.get(key.size() - 1), "the IDR's last fragment starts nothing: " + key);
        }
    }

    @Property(tries = 100)
    void noPacketOfADeltaFrameStartsAKeyframe(@ForAll long seed) {
        Random random = new Random(seed);
        byte[] delta = annexB(List.of(nal(H264.NON_IDR_SLICE, 2, 1 + random.nextInt(6000), random)));
        assertFalse(starts(delta, 256 + random.nextInt(1300)).contains(true));
    }

    @Test
    void shouldTellThePacketsThatCarryTheParameterSetsFromTheIdrSlicesFirstFragment() {
        Random random = new Random(5);
        byte[] keyframe = annexB(List.of(H264TestStreams.SPS_320X240, H264TestStreams.PPS,
                nal(H264.IDR_SLICE, 3, 3000, random)));
        RtpHeader rtp = new RtpHeader();
        List<Boolean> sps = new ArrayList<>();
        for (byte[] packet : H264TestStreams.packetize(keyframe, 1200, CAPTURE, new RtpPacketWriter(7, 96, 100, 0))) {
            rtp.parse(packet, 0, packet.length);
            sps.add(H264KeyframeStart.carriesSps(packet, rtp.payloadOffset(), rtp.payloadLength()));
        }
        assertEquals(List.of(true, false, false, false), sps, "the STAP-A with SPS and PPS, then the IDR's fragments");
        assertTrue(starts(keyframe, 1200).get(1), "the IDR's first fragment starts a keyframe, without its SPS");
        assertTrue(H264KeyframeStart.carriesSps(new byte[] {0x67}, 0, 1), "an SPS alone");
        byte[] stapAudThenSps = {(byte) 0x78, 0x00, 0x02, 0x09, 0x10, 0x00, 0x01, 0x67};
        assertTrue(H264KeyframeStart.carriesSps(stapAudThenSps, 0, stapAudThenSps.length), "an AUD, then an SPS");
        byte[] stapIdr = {(byte) 0x78, 0x00, 0x02, 0x65, (byte) 0x88};
        assertFalse(H264KeyframeStart.carriesSps(stapIdr, 0, stapIdr.length), "an IDR slice aggregated alone");
        assertFalse(H264KeyframeStart.carriesSps(new byte[0], 0, 0));
    }

    @Test
    void shouldNeverReadPastTheEndOrThrow() {
        byte[] stapWithoutUnit = {(byte) 0x78, 0x00};
        assertFalse(H264KeyframeStart.test(stapWithoutUnit, 0, 2));
        byte[] stapAudThenSps = {(byte) 0x78, 0x00, 0x02, 0x09, 0x10, 0x00, 0x01, 0x67};
        assertTrue(H264KeyframeStart.test(stapAudThenSps, 0, stapAudThenSps.length), "an AUD, then an SPS");
        byte[] stapLyingSize = {(byte) 0x78, 0x7f, (byte) 0xff, 0x09, 0x00, 0x01, 0x67};
        assertFalse(H264KeyframeStart.test(stapLyingSize, 0, stapLyingSize.length), "a size past the end stops the walk");
        assertFalse(H264KeyframeStart.test(new byte[] {(byte) 0x7c}, 0, 1), "an FU-A with no FU header");
        assertFalse(H264KeyframeStart.test(new byte[0], 0, 0));
        assertTrue(H264KeyframeStart.test(new byte[] {(byte) 0x7c, (byte) 0x85}, 0, 2), "FU-A start of an IDR");
        assertFalse(H264KeyframeStart.test(new byte[] {(byte) 0x7c, (byte) 0x45}, 0, 2), "FU-A end of an IDR");
    }
}
