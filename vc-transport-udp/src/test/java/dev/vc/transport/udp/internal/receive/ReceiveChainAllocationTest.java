package dev.vc.transport.udp.internal.receive;

import dev.vc.api.RtxSsrc;
import dev.vc.transport.udp.internal.PayloadTypes;
import dev.vc.transport.udp.jpeg.TestJpegs;
import dev.vc.transport.udp.jpeg.TestJpegs.Sampling;
import dev.vc.transport.udp.jpeg.TestPackets;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.rtp.RtxPacket;
import dev.vc.transport.udp.rtp.RtxPacketWriter;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole receive chain allocates nothing per packet once warm, whether a packet completes a frame or is
 * dropped and counted: a live JPEG stream with a reflected packet, a packet of an unknown payload type, a
 * duplicate and a retransmission (RTX, unwrapped in place, then a duplicate too) in every frame.
 */
class ReceiveChainAllocationTest {
    private static final int FRAMES = 1_000;
    private static final int OWN_SSRC = 0x0BADF00D;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void shouldAllocateNothingPerPacketWhetherDeliveredOrDropped() {
        byte[] jpeg = TestJpegs.encode(TestJpegs.picture(320, 240, 4, 60), 0.8f, Sampling.YUV420);
        byte[][] frame = TestPackets.packetize(jpeg, 1200, 0L, new RtpPacketWriter(1, 26, 0, 0))
                .toArray(byte[][]::new);
        byte[] reflected = frame[0].clone();
        reflected[8] = (byte) (OWN_SSRC >>> 24);
        reflected[9] = (byte) (OWN_SSRC >>> 16);
        reflected[10] = (byte) (OWN_SSRC >>> 8);
        reflected[11] = (byte) OWN_SSRC;
        byte[] unknownType = frame[0].clone();
        unknownType[1] = (byte) ((unknownType[1] & 0x80) | 98);
        byte[] original = frame[0].clone();
        byte[] rtx = new byte[original.length + RtxPacket.OSN_LENGTH];
        RtxPacketWriter retransmissions = new RtxPacketWriter(RtxSsrc.of(1), 0);
        ReceiveCounters counters = new ReceiveCounters();
        ReceiveChain chain = new ReceiveChain(new int[] {OWN_SSRC}, PayloadTypes.DEFAULTS, ReceiveLimits.DEFAULTS, counters,
                (stream, f) -> { }, null, null);
        byte[] buffer = new byte[65_536];
        int sequence = 0;
        int timestamp = 0;
        long now = 1_000_000_000L;

        for (int round = 0; round < 4; round++) {   // the first rounds warm up (class loading, JIT, buffers)
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int f = 0; f < FRAMES; f++) {
                for (int i = 0; i < frame.length; i++) {   // indexed: an iterator would be the only allocation
                    feed(chain, buffer, frame[i], sequence++, timestamp, now);
                }
                feed(chain, buffer, frame[0], sequence - 1, timestamp, now);        // a duplicate
                feed(chain, buffer, reflected, sequence, timestamp, now);
                feed(chain, buffer, unknownType, sequence, timestamp, now);
                original[2] = (byte) ((sequence - frame.length) >>> 8);              // the frame's first packet
                original[3] = (byte) (sequence - frame.length);
                retransmissions.wrap(original, 0, original.length, rtx, 0);
                feed(chain, buffer, rtx, retransmissions.nextSequence(), timestamp, now);
                timestamp += 3000;
                now += 33_333_333L;
            }
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            if (round == 3) {
                assertEquals(0, allocated / (FRAMES * (frame.length + 4L)),
                        "bytes per packet, " + allocated + " B in all");
            }
        }
        assertEquals(4L * FRAMES, counters.framesReceived());
        assertEquals(4L * FRAMES * 4, counters.drops().sum(), "four drops a frame, by reason: "
                + counters.drops().byReason());
        assertEquals(4L * FRAMES * 2, counters.drops().sum(ReceiveDropReason.DUPLICATE), "the RTX unwrapped");
    }

    private static void feed(ReceiveChain chain, byte[] buffer, byte[] packet, int sequence, int timestamp,
                             long now) {
        System.arraycopy(packet, 0, buffer, 0, packet.length);
        buffer[2] = (byte) (sequence >>> 8);
        buffer[3] = (byte) sequence;
        buffer[4] = (byte) (timestamp >>> 24);
        buffer[5] = (byte) (timestamp >>> 16);
        buffer[6] = (byte) (timestamp >>> 8);
        buffer[7] = (byte) timestamp;
        chain.onDatagram(buffer, packet.length, now);
    }
}
