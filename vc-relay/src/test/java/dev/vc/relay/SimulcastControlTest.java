package dev.vc.relay;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlCodec;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.ControlMessage.JoinAccepted;
import dev.vc.transport.udp.MediaHello;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Simulcast on a real relay's control channel (loopback, ephemeral ports): a two-layer join gets an SSRC per layer,
 * is told which layers are wanted once its media is bound, and may state the sizes it shows its room-mates at.
 */
class SimulcastControlTest {
    private RelayServer relay;
    private TestClient bob;

    @AfterEach
    void closeAll() throws IOException {
        if (bob != null) {
            bob.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void shouldGiveEachLayerAnSsrcTellTheWantedLayersAndCountViewSizesForStrangers() throws Exception {
        relay = RelayServer.start(RelaySettings.builder().mediaInsecure(true).host("127.0.0.1").controlPort(0).mediaPort(0).build());
        bob = new TestClient(relay, "team", "bob", "");
        try (Socket alice = TestClient.connect(relay); DatagramChannel media = TestClient.openSocket()) {
            write(alice, new ControlMessage.Join("team", "alice", "", Set.of(VideoCodec.JPEG), Set.of(VideoCodec.JPEG),
                    List.of(new ControlMessage.Layer(640, 480, 1_500_000), new ControlMessage.Layer(320, 240, 400_000))));
            JoinAccepted accepted = (JoinAccepted) read(alice);
            assertEquals(2, accepted.layerSsrcs().size());
            assertEquals(accepted.ssrc(), (int) accepted.layerSsrcs().get(0));
            assertEquals(2, new HashSet<>(accepted.layerSsrcs()).size(), "distinct");
            assertTrue(!accepted.layerSsrcs().contains(bob.ssrc()), "unique on the relay");

            byte[] hello = new byte[MediaHello.REQUEST_BYTES];
            new MediaHello(accepted.sessionKey()).writeRequest(hello, 0, accepted.participantId(), 1, 42);
            media.send(ByteBuffer.wrap(hello), TestClient.loopback(relay.mediaAddress()));
            Await.datagram(media, "hello answer");
            assertEquals(new ControlMessage.LayersWanted(0b01), next(alice, ControlMessage.LayersWanted.class),
                    "bob is not bound yet: only layer 0 is kept, for him");

            write(alice, new ControlMessage.ViewSize(bob.id(), 320, 240));
            write(alice, new ControlMessage.ViewSize(999_999, 320, 240));
            write(alice, new ControlMessage.ViewSize(accepted.participantId(), 320, 240));
            Await.until(() -> relay.stats().simulcast().viewSizesIgnored() == 2, "unknown ids and her own ignored");
            assertEquals(1, relay.stats().simulcast().layersWantedSent());
            assertEquals(2, relay.stats().members().size(), "alice was not cut off");
        }
    }

    private static void write(Socket socket, ControlMessage message) throws IOException {
        ByteBuffer frame = ControlCodec.encode(message);
        OutputStream out = socket.getOutputStream();
        out.write(frame.array(), 0, frame.limit());
        out.flush();
    }

    private static ControlMessage read(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        return ControlCodec.decode(ByteBuffer.wrap(frame));
    }

    /** Reads messages until one of {@code type} (within the socket's timeout). */
    private static <T extends ControlMessage> T next(Socket socket, Class<T> type) throws IOException {
        while (true) {
            ControlMessage message;
            try {
                message = read(socket);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no " + type.getSimpleName() + " came", e);
            }
            if (type.isInstance(message)) {
                return type.cast(message);
            }
        }
    }
}
