package dev.vc.relay.layers;

import dev.vc.api.VideoCodec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which keyframe packets a receiver may start on: one with the SPS always; an IDR slice's first packet only right
 * after a packet of another frame (or as the layer's first packet), never after its own access unit's parameter sets
 * or after a gap.
 */
class SwitchPointsTest {
    private static final byte[] STAP_A_WITH_SPS = {(byte) 0x78, 0x00, 0x02, 0x67, 0x42};
    private static final byte[] IDR_FIRST_FRAGMENT = {(byte) 0x7c, (byte) 0x85};
    private static final byte[] IDR_LAST_FRAGMENT = {(byte) 0x7c, (byte) 0x45};
    private static final byte[] DELTA = {(byte) 0x41, (byte) 0x9a};

    private static boolean h264(SwitchPoints points, int layer, byte[] payload, int sequence, int timestamp) {
        return points.test(VideoCodec.H264, layer, payload, 0, payload.length, sequence, timestamp);
    }

    @Test
    void shouldStartOnTheParameterSetsAndNotOnTheIdrSliceAfterThem() {
        SwitchPoints points = new SwitchPoints(2);
        assertTrue(h264(points, 0, STAP_A_WITH_SPS, 100, 3000), "SPS and PPS open the keyframe");
        assertFalse(h264(points, 0, IDR_FIRST_FRAGMENT, 101, 3000), "the slice after its own parameter sets");
        assertFalse(h264(points, 0, IDR_LAST_FRAGMENT, 102, 3000));
        assertFalse(h264(points, 0, DELTA, 103, 6000), "a delta frame");
        assertTrue(h264(points, 0, STAP_A_WITH_SPS, 105, 9000), "SPS after a gap: still the keyframe's start");
    }

    @Test
    void shouldStartOnAnIdrSliceOnlyRightAfterAPacketOfAnotherFrame() {
        SwitchPoints points = new SwitchPoints(2);
        assertTrue(h264(points, 1, IDR_FIRST_FRAGMENT, 500, 0), "the layer's first packet: nothing known before it");
        assertFalse(h264(points, 1, IDR_LAST_FRAGMENT, 501, 0));
        assertTrue(h264(points, 1, IDR_FIRST_FRAGMENT, 502, 3000), "right after the previous frame's last packet");
        assertFalse(h264(points, 1, IDR_FIRST_FRAGMENT, 505, 6000), "after a gap");
        assertFalse(h264(points, 0, DELTA, 505, 9000), "each layer has its own sequence");
        assertFalse(h264(points, 1, DELTA, 504, 4500), "a late packet of an earlier frame");
        assertTrue(h264(points, 1, IDR_FIRST_FRAGMENT, 506, 9000), "the late packet did not move the newest");
    }

    @Test
    void shouldStartAJpegStreamOnAnyFramesFirstFragment() {
        SwitchPoints points = new SwitchPoints(1);
        byte[] first = {0, 0, 0, 0, 1, 75, 40, 30};
        byte[] later = {0, 0, 4, 0, 1, 75, 40, 30};
        assertTrue(points.test(VideoCodec.JPEG, 0, first, 0, first.length, 7, 0));
        assertFalse(points.test(VideoCodec.JPEG, 0, later, 0, later.length, 8, 0));
        assertThrows(IllegalArgumentException.class, () -> new SwitchPoints(0));
        assertThrows(IllegalArgumentException.class, () -> new SwitchPoints(ForwardedStream.MAX_LAYER + 2));
    }
}
