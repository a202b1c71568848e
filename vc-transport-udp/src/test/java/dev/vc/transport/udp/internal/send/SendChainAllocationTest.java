package dev.vc.transport.udp.internal.send;

import dev.vc.api.EncodedFrame;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.cc.BitrateLimits;
import dev.vc.transport.udp.h264.H264TestStreams;
import dev.vc.transport.udp.internal.PayloadTypes;
import dev.vc.transport.udp.internal.control.CongestionControl;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The send chain allocates nothing per packet in steady state: frames of two layers through histories, pacing,
 * transport-wide stamping and the socket stage, and the check for a due probe cluster after each frame.
 */
class SendChainAllocationTest {
    private static final byte[] FRAME = H264TestStreams.annexB(List.of(H264TestStreams.nal(1, 2, 6000,
            new Random(3))));

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void shouldNotAllocatePerPacketInSteadyState() {
        SteppingClock clock = new SteppingClock(1_000_000_000L);
        CongestionControl congestion = new CongestionControl(1, BitrateLimits.DEFAULT, 4096, 1200, 50_000_000, true);
        SendLayers layers = SendLayers.create(new int[] {1, 2}, PayloadTypes.DEFAULTS, 1200, 512, new Random(1));
        ChainCounters counters = new ChainCounters();
        SendStage socket = new SendStage() {
            @Override
            public void accept(byte[] packet, int offset, int length) {
                layers.countSent(packet, offset, length);
            }
        };
        SendStage padding = new SendStage() {
            @Override
            public void accept(byte[] packet, int offset, int length) {
                counters.paddingSent(packet, offset, length);
            }
        };
        Pacer pacer = new Pacer(50_000_000, 4800, clock.nanoTime());
        SendChain chain = new SendChain(layers, counters,
                new ProbeClusterSender(congestion, layers.primary(), layers.rtx(0), clock, counters, padding),
                new HistoryRecorder(layers), new PacingRateFollower(pacer, congestion),
                new PacedRelease(pacer, clock), new TransportSequenceStamper(congestion, clock), socket);
        EncodedFrame frame = new EncodedFrame().set(FRAME, 0, FRAME.length);
        long allocated = 0;
        for (int round = 0; round < 3; round++) {                  // the first rounds warm up (class loading, JIT)
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < 3_000; i++) {
                clock.now += 16_000_000;
                chain.send(frame.describe(VideoCodec.H264, false, 320, 240, clock.now, i).layer(i & 1));
            }
            allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        }
        long packets = layers.packetsSent();
        assertTrue(packets > 3 * 3_000 * 5, packets + " packets");
        assertTrue(allocated < 16_384, "allocated " + allocated + " B over " + packets / 3 + " packets");
    }
}
