package dev.vc.transport.udp.internal;

import dev.vc.api.Config;
import dev.vc.api.EncodedFrame;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.RemoteStream;
import dev.vc.api.Transport;
import dev.vc.api.TransportException;
import dev.vc.api.TransportListener;
import dev.vc.api.TransportProvider;
import dev.vc.api.TransportSettings;
import dev.vc.api.TransportStats;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.h264.H264TestStreams;
import dev.vc.transport.udp.jpeg.TestJpegs;
import dev.vc.transport.udp.jpeg.TestJpegs.Sampling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UdpTransportTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final InetSocketAddress NOWHERE = new InetSocketAddress(LOOPBACK, 9); // discard port

    /** A frame received, copied out of the transport's reused one. */
    private record Received(RemoteStream stream, byte[] jfif, int width, int height, long captureTimeNanos,
                            long sequence) {
    }

    private static final class Recorder implements TransportListener {
        final BlockingQueue<Received> frames = new LinkedBlockingQueue<>();
        volatile String thread;

        @Override
        public void onFrame(RemoteStream stream, EncodedFrame frame) {
            thread = Thread.currentThread().getName();
            frames.add(new Received(stream, Arrays.copyOf(frame.data(), frame.length()), frame.width(),
                    frame.height(), frame.captureTimeNanos(), frame.sequence()));
        }
    }

    private static TransportProvider udp() {
        return ProviderRegistry.transports().byName("udp");
    }

    private static Transport open(InetSocketAddress remote) {
        return udp().open(new TransportSettings(new InetSocketAddress(LOOPBACK, 0), remote, 1200, null, Config.empty()));
    }

    private static void await(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void shouldBeFoundAsTheUdpProvider() {
        TransportProvider provider = udp();
        assertEquals("udp", provider.name());
        assertTrue(provider.availability().available());
        assertTrue(ProviderRegistry.transports().select(Config.empty().with("vc.transport", "udp"))
                instanceof UdpTransportProvider);
    }

    @Test
    @Timeout(60)
    void shouldDeliverTwentyRealFramesIntactOverLoopback() throws Exception {
        List<byte[]> jpegs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            jpegs.add(TestJpegs.encode(TestJpegs.picture(640, 480, i, 24), 0.6f, Sampling.YUV420));
        }
        long base = 1_700_000_000_000_000_000L;
        Recorder recorder = new Recorder();
        try (Transport receiver = open(NOWHERE); Transport sender = open(receiver.localAddress())) {
            receiver.start(recorder);
            sender.start(new Recorder());
            EncodedFrame frame = new EncodedFrame();
            for (int i = 0; i < jpegs.size(); i++) {
                byte[] jpeg = jpegs.get(i);
                frame.set(jpeg, 0, jpeg.length).describe(VideoCodec.JPEG, true, 640, 480, base + i * 33_333_334L, i);
                sender.send(frame);
                Thread.sleep(15); // a paced stream, not a burst into the socket buffer
            }
            for (int i = 0; i < jpegs.size(); i++) {
                Received received = recorder.frames.poll(10, TimeUnit.SECONDS);
                assertNotNull(received, "frame " + i + " did not arrive; receiver " + receiver.stats());
                TestJpegs.Parts sent = TestJpegs.parts(jpegs.get(i));
                TestJpegs.Parts got = TestJpegs.parts(received.jfif());
                assertArrayEquals(sent.scan(), got.scan(), "frame " + i);
                assertArrayEquals(sent.lumaTable(), got.lumaTable());
                assertArrayEquals(sent.chromaTable(), got.chromaTable());
                assertEquals(base + i * 33_333_334L, received.captureTimeNanos(), "capture time of frame " + i);
                assertEquals(640, received.width());
                assertEquals(480, received.height());
                assertEquals(i, received.sequence());
                assertEquals(sender.ssrc(), received.stream().ssrc());
                assertEquals(VideoCodec.JPEG, received.stream().codec());
                if (i == jpegs.size() - 1) {
                    assertEquals(0, TestJpegs.maxDifference(TestJpegs.decode(jpegs.get(i)),
                            TestJpegs.decode(received.jfif())), "decodes to the same picture");
                }
            }
            assertEquals("vc-udp-rx-" + receiver.localAddress().getPort(), recorder.thread);

            TransportStats sent = sender.stats();
            int totalBytes = jpegs.stream().mapToInt(j -> j.length).sum();
            assertTrue(totalBytes / 20 > 12_000, "about 18 KB per frame, got " + totalBytes / 20);
            assertEquals(20, sent.framesSent());
            assertTrue(sent.packetsSent() >= 20 * 10, "many packets per frame: " + sent);
            TransportStats got = receiver.stats();
            assertEquals(20, got.framesReceived());
            assertEquals(sent.packetsSent(), got.packetsReceived());
            // bytesReceived counts every datagram, so the sender's RTCP reports (an SR with its SDES, under 100
            // bytes, the first 0.5 to 1.5 s after start) may be in it too; bytesSent counts RTP only.
            long rtcp = got.bytesReceived() - sent.bytesSent();
            assertTrue(rtcp >= 0 && rtcp < 300, "received the RTP sent, plus at most a few reports: " + rtcp);
            assertEquals(0, got.framesIncomplete());
            assertEquals(0, got.packetsDropped());
        }
    }

    @Test
    @Timeout(30)
    void shouldDropItsOwnPacketsComingBack() throws Exception {
        Recorder recorder = new Recorder();
        byte[] jpeg = TestJpegs.encode(TestJpegs.picture(160, 120, 1, 30), 0.7f, Sampling.YUV420);
        try (Transport echo = openToSelf()) { // every packet comes back carrying its own SSRC
            echo.start(recorder);
            echo.send(new EncodedFrame().set(jpeg, 0, jpeg.length));
            await(() -> echo.stats().packetsDropped() >= echo.stats().packetsSent(), 5_000);
            TransportStats stats = echo.stats();
            assertTrue(stats.packetsSent() > 0);
            assertEquals(stats.packetsSent(), stats.packetsDropped());
            assertEquals(stats.packetsSent(), ((UdpTransport) echo).reflectedPackets());
            assertEquals(0, stats.framesReceived());
            assertTrue(recorder.frames.isEmpty());
        }
    }

    /** Binds a free port first, then opens a transport on it that sends to that same port. */
    private static Transport openToSelf() throws Exception {
        int port;
        try (java.nio.channels.DatagramChannel probe = java.nio.channels.DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(LOOPBACK, 0));
            port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        InetSocketAddress address = new InetSocketAddress(LOOPBACK, port);
        return udp().open(new TransportSettings(address, address, 1200, null, Config.empty()));
    }

    @Test
    @Timeout(60)
    void shouldDeliverH264AccessUnitsIntactOverLoopbackWithPayloadType96() throws Exception {
        java.util.Random random = new java.util.Random(11);
        List<byte[]> units = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            List<byte[]> nals = i % 10 == 0
                    ? List.of(H264TestStreams.SPS_320X240, H264TestStreams.PPS, H264TestStreams.nal(5, 3, 20_000, random))
                    : List.of(H264TestStreams.nal(1, 2, 3_000 + 100 * i, random));
            units.add(H264TestStreams.annexB(nals));
        }
        long base = 1_700_000_000_000_000_000L;
        Recorder recorder = new Recorder();
        try (Transport receiver = open(NOWHERE); Transport sender = open(receiver.localAddress())) {
            receiver.start(recorder);
            EncodedFrame frame = new EncodedFrame();
            for (int i = 0; i < units.size(); i++) {
                byte[] au = units.get(i);
                frame.set(au, 0, au.length).describe(VideoCodec.H264, i % 10 == 0, 320, 240, base + i * 33_333_334L, i);
                sender.send(frame);
                Thread.sleep(5);
            }
            for (int i = 0; i < units.size(); i++) { // the first begins with its SPS: proved whole
                Received received = recorder.frames.poll(10, TimeUnit.SECONDS);
                assertNotNull(received, "access unit " + i + " did not arrive; receiver " + receiver.stats());
                assertArrayEquals(units.get(i), received.jfif(), "access unit " + i);
                assertEquals(VideoCodec.H264, received.stream().codec());
                assertEquals(base + i * 33_333_334L, received.captureTimeNanos());
                assertEquals(320, received.width(), "from the SPS of access unit 0");
            }
            TransportStats got = receiver.stats();
            assertEquals(units.size(), got.framesReceived());
            assertEquals(sender.stats().packetsSent(), got.packetsReceived());
            assertEquals(0, got.packetsDropped());
        }
    }

    @Test
    @Timeout(30)
    void shouldUseTheConfiguredH264PayloadType() throws Exception {
        Config config = Config.empty().with("vc.rtp.pt.h264", "102");
        try (java.nio.channels.DatagramChannel probe = java.nio.channels.DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(LOOPBACK, 0));
            try (Transport sender = udp().open(new TransportSettings(new InetSocketAddress(LOOPBACK, 0),
                    (InetSocketAddress) probe.getLocalAddress(), 1200, null, config))) {
                EncodedFrame h264 = new EncodedFrame().set(new byte[] {0, 0, 0, 1, 0x65, 1, 2}, 0, 7)
                        .describe(VideoCodec.H264, true, 16, 16, 0, 0);
                sender.send(h264);
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(2000);
                probe.receive(buffer);
                assertEquals(0x80 | 102, buffer.get(1) & 0xFF, "marker and PT 102");
            }
        }
    }

    @Test
    void shouldRejectAnH264FrameThatIsNotAnnexB() {
        try (Transport transport = open(NOWHERE)) {
            EncodedFrame junk = new EncodedFrame().set(new byte[] {1, 2, 3}, 0, 3)
                    .describe(VideoCodec.H264, true, 16, 16, 0, 0);
            assertThrows(TransportException.class, () -> transport.send(junk));
            assertEquals(0, transport.stats().packetsSent());
        }
    }

    @Test
    void shouldRejectAJpegRfc2435CannotCarry() {
        try (Transport transport = open(NOWHERE)) {
            EncodedFrame junk = new EncodedFrame().set(new byte[] {1, 2, 3}, 0, 3);
            assertThrows(TransportException.class, () -> transport.send(junk));
            assertEquals(0, transport.stats().framesSent());
        }
    }

    @Test
    @Timeout(30)
    void shouldStopTheReceiveThreadPromptlyAndCloseIdempotently() throws Exception {
        Transport transport = open(NOWHERE);
        int port = transport.localAddress().getPort();
        transport.start(new Recorder());
        String name = "vc-udp-rx-" + port;
        Thread thread = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name))
                .findFirst().orElseThrow();
        assertTrue(thread.isDaemon());
        assertThrows(IllegalStateException.class, () -> transport.start(new Recorder()));

        long start = System.nanoTime();
        transport.close();
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "close is prompt");
        assertFalse(thread.isAlive());
        assertDoesNotThrow(transport::close);
        EncodedFrame frame = new EncodedFrame().set(new byte[] {1}, 0, 1);
        assertThrows(TransportException.class, () -> transport.send(frame));
    }

    @Test
    void shouldReportAPortInUseAsTransportException() {
        try (Transport first = open(NOWHERE)) {
            InetSocketAddress taken = first.localAddress();
            assertThrows(TransportException.class,
                    () -> udp().open(new TransportSettings(taken, NOWHERE, 1200, null, Config.empty())));
        }
    }

    @Test
    void shouldBindTheAskedAddressWithAnEphemeralPort() {
        try (Transport transport = open(NOWHERE)) {
            assertEquals(LOOPBACK, transport.localAddress().getAddress());
            assertTrue(transport.localAddress().getPort() > 0);
        }
        try (Transport wildcard = udp().open(TransportSettings.to(NOWHERE, Config.empty()))) {
            assertTrue(wildcard.localAddress().getAddress().isAnyLocalAddress());
        }
    }

    @Test
    void shouldDrawDifferentSsrcsForDifferentTransports() {
        try (Transport a = open(NOWHERE); Transport b = open(NOWHERE)) {
            assertTrue(a.ssrc() != b.ssrc());
        }
    }
}
