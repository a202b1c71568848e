package dev.vc.relay;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.transport.udp.MediaHello;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A participant as the relay sees it: a control connection and a UDP socket, driven by hand. */
final class TestClient implements AutoCloseable {
    static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    final ControlClient control;
    final List<String> events = new CopyOnWriteArrayList<>();
    final RelayServer relay;
    DatagramChannel media;
    private final MediaHello hello;
    private long counter;

    TestClient(RelayServer relay, String room, String name, String secret) throws IOException {
        this(relay, room, name, secret, 0);
    }

    /** @param layers simulcast layers its join states (640x480 halved for each), 0 for a legacy join */
    TestClient(RelayServer relay, String room, String name, String secret, int layers) throws IOException {
        this.relay = relay;
        this.control = ControlClient.join(loopback(relay.controlAddress()), relay.clientTrust(),
                join(room, name, secret, layers),
                new ControlClient.Listener() {
                    @Override
                    public void onParticipantJoined(ControlMessage.Participant p) {
                        events.add("joined " + p.displayName());
                    }

                    @Override
                    public void onParticipantLeft(int id, String reason) {
                        events.add("left " + id + " " + reason);
                    }

                    @Override
                    public void onStreamState(int id, boolean stale) {
                        events.add((stale ? "stale " : "active ") + id);
                    }

                    @Override
                    public void onDisconnected(String reason) {
                        events.add("disconnected");
                    }
                }, Duration.ofSeconds(5));
        this.hello = new MediaHello(control.session().sessionKey());
        this.media = openSocket();
    }

    private static Join join(String room, String name, String secret, int layers) {
        if (layers == 0) {
            return new Join(room, name, secret, Set.of(VideoCodec.JPEG), Set.of(VideoCodec.JPEG));
        }
        List<ControlMessage.Layer> stated = new java.util.ArrayList<>();
        for (int layer = 0; layer < layers; layer++) {
            stated.add(new ControlMessage.Layer(640 >> layer, 480 >> layer, 1_000_000 >> layer));
        }
        return new Join(room, name, secret, Set.of(VideoCodec.JPEG), Set.of(VideoCodec.JPEG), stated);
    }

    /** @return a control connection to {@code relay} on which a test writes raw frames: TLS, the relay pinned */
    static java.net.Socket connect(RelayServer relay) throws IOException {
        return relay.clientTrust().connect(loopback(relay.controlAddress()), Duration.ofSeconds(5));
    }

    static InetSocketAddress loopback(InetSocketAddress bound) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), bound.getPort());
    }

    static DatagramChannel openSocket() throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        channel.bind(LOOPBACK);
        channel.configureBlocking(false);
        return channel;
    }

    int ssrc() {
        return control.session().ssrc();
    }

    /** @return the SSRC of its layer {@code layer} */
    int ssrc(int layer) {
        return control.session().layerSsrcs().get(layer);
    }

    int id() {
        return control.session().participantId();
    }

    /** Sends a hello and waits for the relay's answer. */
    void bind() throws Exception {
        sendHello(++counter);
        byte[] answer = Await.datagram(media, "hello answer");
        if (!MediaHello.isStun(answer[0]) || !hello.verify(answer, 0, answer.length)) {
            throw new AssertionError("bad hello answer");
        }
    }

    void sendHello(long helloCounter) throws IOException {
        byte[] out = new byte[MediaHello.REQUEST_BYTES];
        int n = hello.writeRequest(out, 0, id(), helloCounter, 42);
        send(out, n);
    }

    /** Moves to a new UDP socket (a NAT rebinding) and proves it with a fresh hello. */
    void rebind() throws Exception {
        media.close();
        media = openSocket();
        bind();
    }

    void sendRtp(int ssrc, int marker) throws IOException {
        byte[] packet = rtp(ssrc, marker);
        send(packet, packet.length);
    }

    static byte[] rtp(int ssrc, int marker) {
        byte[] packet = new byte[100];
        packet[0] = (byte) 0x80;
        packet[1] = 26;
        ByteBuffer.wrap(packet).putInt(8, ssrc);
        packet[12] = (byte) marker;
        return packet;
    }

    /** Sends an RTP packet carrying a transport-wide sequence number, as vc's clients do. */
    void sendRtpWithTransportSequence(int ssrc, int transportSequence) throws IOException {
        byte[] packet = rtpWithTransportSequence(ssrc, transportSequence);
        send(packet, packet.length);
    }

    /** A 100-byte RTP packet with one header extension block holding the transport-wide sequence number. */
    static byte[] rtpWithTransportSequence(int ssrc, int transportSequence) {
        byte[] packet = rtp(ssrc, 0);
        packet[0] = (byte) 0x90;
        dev.vc.transport.udp.cc.TransportSequenceNumber.writeExtension(packet, 12,
                dev.vc.transport.udp.cc.TransportSequenceNumber.DEFAULT_ID, transportSequence);
        return packet;
    }

    void send(byte[] data, int length) throws IOException {
        media.send(ByteBuffer.wrap(data, 0, length), loopback(relay.mediaAddress()));
    }

    @Override
    public void close() throws IOException {
        control.close();
        media.close();
    }
}
