package dev.vc.relay;

import dev.vc.transport.udp.rtcp.RtcpReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bounded waits for tests: every loop ends within five seconds. */
final class Await {
    private static final long LIMIT_NANOS = 5_000_000_000L;

    private Await() {
    }

    static void until(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT_NANOS;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(5);
        }
    }

    static byte[] datagram(DatagramChannel channel, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + LIMIT_NANOS;
        while (true) {
            byte[] data = poll(channel);
            if (data != null) {
                return data;
            }
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(2);
        }
    }

    /** Waits for the next RTP packet (payload type 26), skipping RTCP such as the relay's keyframe requests. */
    static byte[] rtp(DatagramChannel channel, String what) throws IOException, InterruptedException {
        while (true) {
            byte[] data = datagram(channel, what);
            if (data.length > 12 && data[1] == 26) {
                return data;
            }
        }
    }

    /**
     * The next datagram that arrived, or null. The relay's layer caps (TMMBR, which every sender gets once per layer
     * at its first selection round, see {@code LayerBitrateCapsTest}) are skipped: the socket tests are about what
     * is routed.
     */
    static byte[] poll(DatagramChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        while (true) {
            buffer.clear();
            if (channel.receive(buffer) == null) {
                return null;
            }
            buffer.flip();
            byte[] data = new byte[buffer.remaining()];
            buffer.get(data);
            boolean tmmbr = data.length >= 2 && (data[0] & 0x1F) == RtcpReader.TMMBR
                    && (data[1] & 0xFF) == RtcpReader.RTPFB;
            if (!tmmbr) {
                return data;
            }
        }
    }

    /** Drains and returns everything that arrives within {@code millis}. */
    static int countArrivals(DatagramChannel channel, long millis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        int count = 0;
        while (System.nanoTime() < deadline) {
            if (poll(channel) != null) {
                count++;
            } else {
                Thread.sleep(2);
            }
        }
        return count;
    }
}
