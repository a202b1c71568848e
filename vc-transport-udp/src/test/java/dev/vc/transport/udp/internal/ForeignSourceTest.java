package dev.vc.transport.udp.internal;

import dev.vc.api.Config;
import dev.vc.api.EncodedFrame;
import dev.vc.api.MediaBinding;
import dev.vc.api.RemoteStream;
import dev.vc.api.Transport;
import dev.vc.api.TransportListener;
import dev.vc.api.TransportSettings;
import dev.vc.transport.udp.rtcp.RtcpWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client talking to a relay takes datagrams from the relay's address only: a LAN host that never joined
 * cannot send it NACKs, PLIs or media. And hellos the relay leaves unanswered show in its stats.
 */
class ForeignSourceTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    @Timeout(20)
    void shouldTakeFeedbackFromItsRelayOnlyAndSayWhenHellosGoUnanswered() throws Exception {
        try (DatagramChannel relay = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
             DatagramChannel stranger = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            AtomicInteger keyframeRequests = new AtomicInteger();
            TransportSettings settings = new TransportSettings(new InetSocketAddress(LOOPBACK, 0),
                    (InetSocketAddress) relay.getLocalAddress(), 1200, null, Config.empty())
                    .withBinding(new MediaBinding(7, 0x1234, new byte[32]));
            try (Transport transport = new UdpTransportProvider().open(settings)) {
                transport.start(new TransportListener() {
                    @Override
                    public void onFrame(RemoteStream stream, EncodedFrame frame) {
                    }

                    @Override
                    public void onKeyframeRequest(int layer) {
                        keyframeRequests.incrementAndGet();
                    }
                });
                InetSocketAddress client = new InetSocketAddress(LOOPBACK, transport.localAddress().getPort());
                byte[] pli = new byte[12];
                RtcpWriter.pli(pli, 0, 0x999, transport.ssrc());
                for (int i = 0; i < 50; i++) {
                    stranger.send(ByteBuffer.wrap(pli), client);
                }
                relay.send(ByteBuffer.wrap(pli), client);
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (keyframeRequests.get() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                Thread.sleep(200);
                assertEquals(1, keyframeRequests.get(), "only the relay's PLI counts");
                // The relay socket here never answers the hellos the transport keeps sending it.
                deadline = System.nanoTime() + 10_000_000_000L;
                while (transport.stats().helloUnansweredMillis() < 3_000 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(transport.stats().helloUnansweredMillis() >= 3_000, "unanswered hellos show in the stats");
            }
        }
    }
}
