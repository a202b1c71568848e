package dev.vc.transport.udp.internal;

import dev.vc.api.Config;
import dev.vc.api.EncodedFrame;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.RemoteStream;
import dev.vc.api.RtpStreamStats;
import dev.vc.api.Transport;
import dev.vc.api.TransportListener;
import dev.vc.api.TransportSettings;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.MediaHello;
import dev.vc.transport.udp.jpeg.TestJpegs;
import dev.vc.transport.udp.jpeg.TestJpegs.Sampling;
import dev.vc.transport.udp.rtcp.RtcpReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two vc transports on loopback through a link that loses one media packet: the receiver NACKs it, the sender
 * answers with RTX (RFC 4588), and the receiver puts it back and delivers the frame whole.
 */
@Timeout(30)
class RtxLoopbackTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void shouldRecoverALostPacketThroughANackAnsweredAsRtx() throws Exception {
        try (DatagramChannel link = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            InetSocketAddress linkAddress = (InetSocketAddress) link.getLocalAddress();
            try (Transport sender = open(linkAddress); Transport receiver = open(linkAddress)) {
                List<byte[]> frames = new CopyOnWriteArrayList<>();
                receiver.start((RemoteStream stream, EncodedFrame frame) ->
                        frames.add(Arrays.copyOf(frame.data(), frame.length())));
                sender.start((stream, frame) -> { });
                AtomicInteger lostSequence = new AtomicInteger(-1);
                AtomicInteger rtxSeen = new AtomicInteger();
                Thread relay = new Thread(() -> forward(link, port(sender), port(receiver), lostSequence, rtxSeen),
                        "lossy-link");
                relay.setDaemon(true);
                relay.start();

                byte[] jpeg = TestJpegs.encode(TestJpegs.picture(320, 240, 4, 60), 0.8f, Sampling.YUV420);
                sender.send(new EncodedFrame().set(jpeg, 0, jpeg.length)
                        .describe(VideoCodec.JPEG, true, 320, 240, System.currentTimeMillis() * 1_000_000L, 0));
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (frames.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                relay.interrupt();

                assertTrue(lostSequence.get() >= 0, "the link lost a packet");
                assertEquals(1, frames.size(), "the frame arrived whole: " + receiver.stats());
                assertTrue(rtxSeen.get() >= 1, "as RTX on the link");
                // A slow machine may NACK twice before the first answer lands: a second copy is a duplicate.
                RtpStreamStats sent = sender.rtpStats().get(0);
                assertTrue(sent.retransmissions() >= 1, "retransmitted: " + sender.rtpStats());
                RtpStreamStats got = receiver.rtpStats().stream().filter(s -> !s.sending()).findFirst().orElseThrow();
                assertEquals(sender.ssrc(), got.ssrc());
                assertTrue(got.retransmissions() >= 1, "put back into the sender's stream: " + got);
                assertTrue(java.util.Set.of("DUPLICATE", "PADDING_ONLY").containsAll(
                        receiver.stats().dropsByReason().keySet()), receiver.stats().dropsByReason().toString());
                byte[] whole = frames.get(0);
                assertTrue(whole.length > 0);
                assertArrayEquals(Arrays.copyOf(whole, 2), new byte[] {(byte) 0xFF, (byte) 0xD8}, "a JFIF");
            }
        }
    }

    /**
     * The link: from the sender's port to the receiver's and back, losing the sender's third RTP packet once and
     * counting the RTX packets (their payload type is JPEG's RTX payload type, 35).
     */
    private static void forward(DatagramChannel link, int senderPort, int receiverPort, AtomicInteger lost,
                                AtomicInteger rtx) {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        int rtpFromSender = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                InetSocketAddress from = (InetSocketAddress) link.receive(buffer.clear());
                buffer.flip();
                byte[] data = Arrays.copyOf(buffer.array(), buffer.limit());
                boolean fromSender = from.getPort() == senderPort;
                boolean rtp = data.length >= 12 && !MediaHello.isStun(data[0]) && !RtcpReader.isRtcp(data, 0, data.length);
                if (fromSender && rtp && (data[1] & 0x7F) == 26 && ++rtpFromSender == 3) {
                    lost.set((data[2] & 0xFF) << 8 | data[3] & 0xFF);
                    continue;
                }
                if (fromSender && rtp && (data[1] & 0x7F) == 35) {
                    rtx.incrementAndGet();
                }
                link.send(ByteBuffer.wrap(data), new InetSocketAddress(LOOPBACK, fromSender ? receiverPort : senderPort));
            }
        } catch (java.io.IOException e) {
            // closed at the end of the test
        }
    }

    private static Transport open(InetSocketAddress remote) {
        return ProviderRegistry.transports().byName("udp")
                .open(new TransportSettings(new InetSocketAddress(LOOPBACK, 0), remote, 1200, null, Config.empty()));
    }

    private static int port(Transport transport) {
        return transport.localAddress().getPort();
    }
}
