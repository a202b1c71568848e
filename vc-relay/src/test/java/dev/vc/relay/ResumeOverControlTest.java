package dev.vc.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlCodec;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.api.control.ControlMessage.JoinAccepted;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Resume tokens over a real relay's control channel: who gets one, and what a token brings back. */
class ResumeOverControlTest {
    private static void write(Socket socket, ControlMessage message) throws IOException {
        ByteBuffer frame = ControlCodec.encode(message);
        socket.getOutputStream().write(frame.array(), 0, frame.limit());
    }

    /** @return the next message other than a keepalive (the relay sends one every period); at most 10 s */
    private static ControlMessage read(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        for (int keepalives = 0; ; keepalives++) {
            if (keepalives > 5) {
                throw new AssertionError("only keepalives for 5 periods");
            }
            byte[] frame = new byte[in.readInt()];
            in.readFully(frame);
            ControlMessage message = ControlCodec.decode(ByteBuffer.wrap(frame));
            if (!(message instanceof ControlMessage.Keepalive)) {
                return message;
            }
        }
    }

    private static Join join(String name) {
        return new Join("a", name, "", Set.of(VideoCodec.JPEG), Set.of(VideoCodec.JPEG));
    }

    @Test
    void shouldGiveTokensOnlyToClientsThatAskAndResumeTheSameParticipantWithOne() throws Exception {
        try (RelayServer relay = RelayServer.start(RelaySettings.builder().host("127.0.0.1").controlPort(0)
                .mediaPort(0).mediaInsecure(true).build());
             Socket legacy = TestClient.connect(relay)) {
            write(legacy, join("legacy"));
            assertInstanceOf(JoinAccepted.class, read(legacy));

            JoinAccepted first;
            ControlMessage.ResumeToken token;
            try (Socket alice = TestClient.connect(relay)) {
                write(alice, ControlMessage.Resume.NO_SESSION);
                write(alice, join("ali\u202Ece\n"));
                first = (JoinAccepted) read(alice);
                token = (ControlMessage.ResumeToken) read(alice);
                ControlMessage.Participant seen = ((ControlMessage.ParticipantJoined) read(legacy)).participant();
                assertEquals("alice", seen.displayName(), "the relay cleaned the name everyone sees");
            }   // gone without LEAVE
            assertEquals(new ControlMessage.ParticipantLeft(first.participantId(), "connection lost"), read(legacy),
                    "a client that never sent RESUME got no token, only the room's news");

            try (Socket again = TestClient.connect(relay)) {
                write(again, new ControlMessage.Resume(token.token()));
                write(again, join("alice"));
                JoinAccepted resumed = (JoinAccepted) read(again);
                assertEquals(first.participantId(), resumed.participantId());
                assertEquals(first.layerSsrcs(), resumed.layerSsrcs());
                assertInstanceOf(ControlMessage.ResumeToken.class, read(again), "a new token for the next time");
                assertEquals(first.participantId(),
                        ((ControlMessage.ParticipantJoined) read(legacy)).participant().participantId());
            }
        }
    }
}
