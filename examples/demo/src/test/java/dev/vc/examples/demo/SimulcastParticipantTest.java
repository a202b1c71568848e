package dev.vc.examples.demo;

import dev.vc.api.Config;
import dev.vc.api.control.ControlCodec;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.api.control.ControlMessage.JoinAccepted;
import dev.vc.api.control.ControlMessage.Layer;
import dev.vc.api.session.Participant;
import dev.vc.api.session.SendLayerStats;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A participant sends the simulcast layers its join names, as many as the relay grants SSRCs for, each at its
 * own size, with real encoders (JPEG included); a stand-in relay answers the join and swallows the media.
 */
class SimulcastParticipantTest {
    /** Swapping the codec by configuration alone: each asks for its own default bitrate, unless vc.bitrate is set. */
    @ParameterizedTest
    @CsvSource({"jpeg, , 600000", "h264, , 600000", "h264-jcodec, , 2500000", "h264-jcodec, 900000, 900000"})
    void shouldAskForTheCodecsOwnDefaultBitrate(String codec, String bitrate, int expected) throws Exception {
        Config config = Config.of(Map.of("vc.codec", codec, "vc.source", "synthetic", "vc.renderer", "headless",
                "vc.simulcast.layers", "1", "vc.relay.insecure", "true", "vc.media.security", "insecure"));
        if (bitrate != null) {
            config = config.with("vc.bitrate", bitrate);
        }
        try (ServerSocket control = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             DatagramSocket media = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            control.setSoTimeout(10_000);
            CompletableFuture<Join> relay = CompletableFuture.supplyAsync(() -> answerJoin(control,
                    media.getLocalPort(), 1));
            try (Participant p = Participant.builder().config(config).name("s").room("r")
                    .relay((InetSocketAddress) control.getLocalSocketAddress()).build()) {
                assertEquals(expected, relay.get(10, TimeUnit.SECONDS).layers().get(0).bitrateBps());
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"jpeg, 2, 2", "h264, 2, 2", "h264, 3, 2", "jpeg, 1, 1"})
    void shouldSendAsManyLayersAsTheRelayGrantsEachAtItsSize(String codec, int asked, int granted) throws Exception {
        Config config = Config.of(Map.of("vc.codec", codec, "vc.source", "synthetic", "vc.renderer", "headless",
                "vc.width", "320", "vc.height", "240", "vc.fps", "30",
                "vc.simulcast.layers", Integer.toString(asked), "vc.relay.insecure", "true",
                "vc.media.security", "insecure"));
        try (ServerSocket control = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             DatagramSocket media = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            control.setSoTimeout(10_000);
            CompletableFuture<Join> relay = CompletableFuture.supplyAsync(() -> answerJoin(control,
                    media.getLocalPort(), granted));
            try (Participant p = Participant.builder().config(config).name("s").room("r")
                    .relay((InetSocketAddress) control.getLocalSocketAddress()).build()) {
                List<Layer> named = new ArrayList<>();
                for (int k = 0; k < asked; k++) {
                    named.add(new Layer(320 >> k, 240 >> k, Math.max(600_000 >> 2 * k, 50_000)));
                }
                assertEquals(named, relay.get(10, TimeUnit.SECONDS).layers(), "the join names each layer");
                p.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!p.stats().layers().stream().allMatch(l -> l.framesEncoded() >= 5)) {
                    assertTrue(System.nanoTime() < deadline, "not every layer sent 5 frames: " + p.stats().layers());
                    Thread.sleep(20);
                }
                List<SendLayerStats> layers = p.stats().layers();
                assertEquals(granted, layers.size(), "as many layers as SSRCs granted");
                for (SendLayerStats layer : layers) {
                    assertEquals(320 >> layer.layer(), layer.width());
                    assertEquals(240 >> layer.layer(), layer.height());
                }
                assertEquals(granted, p.stats().layersActive());
            }
        }
    }

    /** Answers the join with SSRCs 10, 12, ... for {@code granted} layers, then holds the connection. */
    private static Join answerJoin(ServerSocket control, int mediaPort, int granted) {
        try {
            Socket socket = control.accept();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            Join join = null;
            for (int i = 0; i < 4 && join == null; i++) {    // a RESUME (asking for a token) comes first
                byte[] frame = new byte[in.readInt()];
                in.readFully(frame);
                if (ControlCodec.decode(ByteBuffer.wrap(frame)) instanceof Join j) {
                    join = j;
                }
            }
            if (join == null) {
                throw new IllegalStateException("no JOIN in the first four messages");
            }
            List<Integer> ssrcs = new ArrayList<>();
            for (int k = 0; k < granted; k++) {
                ssrcs.add(10 + 2 * k);           // even: each layer's RTX SSRC (XOR 1) is no other layer's
            }
            ByteBuffer answer = ControlCodec.encode(new JoinAccepted(1, 10, mediaPort,
                    new byte[JoinAccepted.KEY_BYTES], 60_000, List.of(), ssrcs));
            OutputStream out = socket.getOutputStream();
            out.write(answer.array(), 0, answer.limit());
            out.flush();
            Thread reader = new Thread(() -> drain(socket, in), "fake-relay-control");
            reader.setDaemon(true);
            reader.start();
            return join;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads (and ignores) the client's keepalives and goodbye until it closes. */
    private static void drain(Socket socket, DataInputStream in) {
        try (socket) {
            while (true) {
                in.skipNBytes(in.readInt());
            }
        } catch (IOException closed) {
            // the participant left
        }
    }
}
