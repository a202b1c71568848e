package dev.vc.api.control;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.api.control.ControlMessage.JoinAccepted;
import dev.vc.api.control.ControlMessage.Layer;
import dev.vc.api.control.ControlMessage.LayersWanted;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The control client keeps the relay's latest {@code LayersWanted}; all layers before the first. */
class ControlClientLayersTest {
    @Test
    void shouldFollowTheLayersTheRelayWants() throws Exception {
        CountDownLatch joined = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(5_000);
            CompletableFuture<Join> relay = CompletableFuture.supplyAsync(() -> {
                try (Socket socket = server.accept()) {
                    DataInputStream in = new DataInputStream(socket.getInputStream());
                    read(in);   // RESUME, asking for a token
                    Join join = (Join) read(in);
                    OutputStream out = socket.getOutputStream();
                    write(out, new JoinAccepted(1, 10, 6000, new byte[JoinAccepted.KEY_BYTES], 60_000, List.of(),
                            List.of(10, 11)));
                    assertTrue(joined.await(5, TimeUnit.SECONDS));
                    write(out, new LayersWanted(0b10));
                    assertTrue(done.await(5, TimeUnit.SECONDS));
                    return join;
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            List<Layer> layers = List.of(new Layer(640, 480, 600_000), new Layer(320, 240, 150_000));
            try (ControlClient client = ControlClient.join((InetSocketAddress) server.getLocalSocketAddress(),
                    RelayTrust.insecure(),
                    new Join("room", "alice", "", Set.of(VideoCodec.H264), Set.of(VideoCodec.H264), layers),
                    new ControlClient.Listener() { }, Duration.ofSeconds(5))) {
                assertEquals(0b111, client.layersWanted(), "every layer until the relay says otherwise");
                assertEquals(List.of(10, 11), client.session().layerSsrcs());
                joined.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (client.layersWanted() != 0b10) {
                    assertTrue(System.nanoTime() < deadline, "timed out waiting for LayersWanted");
                    Thread.sleep(5);
                }
                done.countDown();
                assertEquals(layers, relay.get(5, TimeUnit.SECONDS).layers(), "the join named the layers");
            }
        }
    }

    private static ControlMessage read(DataInputStream in) throws IOException {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        return ControlCodec.decode(ByteBuffer.wrap(frame));
    }

    private static void write(OutputStream out, ControlMessage message) throws IOException {
        ByteBuffer frame = ControlCodec.encode(message);
        out.write(frame.array(), 0, frame.limit());
        out.flush();
    }
}
