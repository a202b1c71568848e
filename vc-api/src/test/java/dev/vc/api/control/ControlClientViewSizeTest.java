package dev.vc.api.control;

import dev.vc.api.VideoCodec;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ControlClient#sendViewSize} against a stand-in relay on 127.0.0.1 that accepts the join and reads on. */
class ControlClientViewSizeTest {
    private static final int TIMEOUT_MILLIS = 5_000;

    @Test
    void shouldWriteAViewSizeTheRelayDecodesAndRefuseOnceClosed() throws Exception {
        try (ServerSocket relay = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            relay.setSoTimeout(TIMEOUT_MILLIS);
            ControlClient[] client = new ControlClient[1];
            Thread joiner = new Thread(() -> client[0] = ControlClient.join(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.getLocalPort()), RelayTrust.insecure(),
                    new ControlMessage.Join("team", "carol", "", Set.of(VideoCodec.JPEG), Set.of(VideoCodec.JPEG)),
                    new ControlClient.Listener() { }, Duration.ofMillis(TIMEOUT_MILLIS)));
            joiner.start();
            try (Socket connection = relay.accept()) {
                connection.setSoTimeout(TIMEOUT_MILLIS);
                DataInputStream in = new DataInputStream(connection.getInputStream());
                assertEquals(ControlMessage.Resume.NO_SESSION, read(in), "a first join asks for a resume token");
                assertInstanceOf(ControlMessage.Join.class, read(in));
                write(connection.getOutputStream(), new ControlMessage.JoinAccepted(3, 0x333, 5001, new byte[32],
                        60_000, List.of()));
                joiner.join(TIMEOUT_MILLIS);

                assertTrue(client[0].sendViewSize(7, 315, 236));
                assertEquals(new ControlMessage.ViewSize(7, 315, 236), read(in));
                assertTrue(client[0].sendViewSize(7, 0, 0));
                assertEquals(new ControlMessage.ViewSize(7, 0, 0), read(in));

                client[0].close();
                assertInstanceOf(ControlMessage.Leave.class, read(in));
                assertFalse(client[0].sendViewSize(7, 640, 480), "nothing is written after close");
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
