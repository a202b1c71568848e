package dev.vc.transport.udp.internal.receive;

import dev.vc.transport.udp.h264.H264Depacketizer;
import dev.vc.transport.udp.jpeg.JpegDepacketizer;
import dev.vc.transport.udp.jpeg.JpegPayloadHeader;
import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.MediaHello;
import dev.vc.transport.udp.rtcp.RtcpHandler;
import dev.vc.transport.udp.rtcp.RtcpReader;
import dev.vc.transport.udp.rtp.RtpHeader;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input cannot make the parsers allocate much: over many random datagrams of up to 1500 bytes, each
 * parser allocates at most its typed exception and message per datagram (no stack traces, nothing sized from
 * the input), about 120 bytes.
 */
class ParserAllocationTest {
    private static final int DATAGRAMS = 20_000;
    /** Per datagram, four parsers each allocating at most one exception with a short message (~120 B). */
    private static final long BOUND_BYTES = 4 * 256;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void shouldAllocateNoMoreThanABoundPerHostileDatagram() {
        byte[][] inputs = new byte[DATAGRAMS][];
        Random random = new Random(42);
        for (int i = 0; i < DATAGRAMS; i++) {
            inputs[i] = new byte[random.nextInt(1500)];
            random.nextBytes(inputs[i]);
            if (i % 2 == 0 && inputs[i].length > 1) {
                inputs[i][0] = (byte) (0x80 | (inputs[i][0] & 0x3F));  // RTP version 2: parsing goes deeper
            }
        }
        RtpHeader rtp = new RtpHeader();
        JpegPayloadHeader jpeg = new JpegPayloadHeader();
        JpegDepacketizer jpegFrames = new JpegDepacketizer(1 << 20);
        H264Depacketizer h264Frames = new H264Depacketizer(1 << 20);
        RtcpHandler ignore = new RtcpHandler() { };

        for (int round = 0; round < 2; round++) {   // the first round warms up (class loading, JIT)
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (byte[] bytes : inputs) {
                try {
                    rtp.parse(bytes, 0, bytes.length);
                    jpeg.parse(bytes, rtp.payloadOffset(), rtp.payloadLength());
                    jpegFrames.add(jpeg, rtp.marker());
                } catch (MalformedPacketException expected) {
                    // counted and dropped by the real receive path
                }
                try {
                    rtp.parse(bytes, 0, bytes.length);
                    h264Frames.add(rtp);
                } catch (MalformedPacketException expected) {
                    // likewise
                }
                try {
                    RtcpReader.read(bytes, 0, bytes.length, ignore);
                } catch (MalformedPacketException expected) {
                    // likewise
                }
                try {
                    MediaHello.parseRequest(bytes, 0, bytes.length);
                } catch (MalformedPacketException expected) {
                    // likewise
                }
            }
            long perDatagram = (threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before) / DATAGRAMS;
            if (round == 1) {
                assertTrue(perDatagram <= BOUND_BYTES, "allocated " + perDatagram + " B per hostile datagram");
            }
        }
    }
}
