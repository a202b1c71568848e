package dev.vc.relay;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.api.control.ControlMessage.JoinAccepted;
import dev.vc.transport.udp.MediaHello;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A {@link MediaRouter} with its {@link RoomDirectory} and no socket: members join, say hello and send
 * datagrams from the addresses the test chooses; what the router sends is recorded. Like Netty's
 * {@code EmbeddedChannel}: bytes in, deliveries out.
 */
final class RouterHarness {
    record Delivery(Member receiver, InetSocketAddress to, byte[] data) {
    }

    /** A joined member as the test drives it: its key, hello counter, layer SSRCs and control messages. */
    static final class Peer {
        final Member member;
        final MediaHello hello;
        final byte[] key;
        final List<Integer> layerSsrcs;
        /** The control messages the relay sent it after its join answer. */
        final List<ControlMessage> control;
        long counter;

        Peer(Member member, byte[] key, List<Integer> layerSsrcs, List<ControlMessage> control) {
            this.member = member;
            this.key = key;
            this.hello = new MediaHello(key);
            this.layerSsrcs = layerSsrcs;
            this.control = control;
        }

        int ssrc() {
            return member.ssrc;
        }

        int ssrc(int layer) {
            return layerSsrcs.get(layer);
        }
    }

    final List<Delivery> deliveries = new ArrayList<>();
    final RoomDirectory directory;
    final MediaRouter router;
    /** The clock the test advances; every datagram arrives "now". */
    long now;
    /** What sending throws while set: a bug in the output path. */
    RuntimeException sendFailure;

    RouterHarness(RelaySettings settings) {
        directory = new RoomDirectory(settings);
        directory.mediaPort(5001);
        router = new MediaRouter(directory, settings.mtu(), (data, length, to, receiver) -> {
            if (sendFailure != null) {
                throw sendFailure;
            }
            deliveries.add(new Delivery(receiver, to, Arrays.copyOf(data, length)));
        });
    }

    RouterHarness() {
        this(RelaySettings.builder().mediaInsecure(true).build());
    }

    static InetSocketAddress address(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Joins room "team" with one unstated layer and binds {@code port} with a first hello. */
    Peer join(String name, int port) {
        return join(name, port, 0);
    }

    /**
     * Joins room "team" and binds {@code port} with a first hello.
     *
     * @param layers simulcast layers stated in the join (640x480 at 1 Mbit/s, both halved for each), or 0 for a
     *               legacy join
     */
    Peer join(String name, int port, int layers) {
        return join(name, port, layers, 1_000_000);
    }

    /** As {@link #join(String, int, int)}, the largest layer stated at {@code largestBps}. */
    Peer join(String name, int port, int layers, int largestBps) {
        List<ControlMessage> received = new ArrayList<>();
        ControlPeer control = new ControlPeer() {
            @Override
            public void send(ControlMessage message) {
                received.add(message);
            }

            @Override
            public InetSocketAddress remote() {
                return address(port + 1000);
            }
        };
        List<ControlMessage.Layer> stated = new ArrayList<>();
        for (int layer = 0; layer < layers; layer++) {
            stated.add(new ControlMessage.Layer(640 >> layer, 480 >> layer, largestBps >> layer));
        }
        Join join = layers == 0 ? new Join("team", name, "", Set.of(VideoCodec.H264), Set.of(VideoCodec.H264))
                : new Join("team", name, "", Set.of(VideoCodec.H264), Set.of(VideoCodec.H264), stated);
        RoomDirectory.JoinResult result = directory.join(join, control, now);
        JoinAccepted accepted = (JoinAccepted) result.reply();
        Peer peer = new Peer(result.member(), accepted.sessionKey(), accepted.layerSsrcs(), received);
        hello(peer, ++peer.counter, address(port));
        assertEquals(address(port), peer.member.mediaAddress, "a first hello binds");
        return peer;
    }

    /** Sends a hello signed with {@code signer}'s key naming {@code signer}, from {@code from}. */
    void hello(Peer signer, long counter, InetSocketAddress from) {
        byte[] packet = new byte[MediaHello.REQUEST_BYTES];
        router.onDatagram(packet, signer.hello.writeRequest(packet, 0, signer.member.id, counter, 7), from, now);
    }

    void send(Peer from, byte[] packet, int length) {
        router.onDatagram(packet, length, from.member.mediaAddress, now);
    }

    void sendFrom(InetSocketAddress from, byte[] packet, int length) {
        router.onDatagram(packet, length, from, now);
    }

    /** Sends one RTP packet of {@code peer}'s stream with sequence number {@code sequence}. */
    void rtp(Peer peer, int sequence, int length) {
        byte[] packet = TestClient.rtp(peer.ssrc(), 0);
        packet = Arrays.copyOf(packet, Math.max(length, packet.length));
        packet[2] = (byte) (sequence >>> 8);
        packet[3] = (byte) sequence;
        send(peer, packet, length);
    }

    /** @return RTP packets of {@code sender}'s stream delivered to {@code receiver} */
    long rtpDelivered(Peer sender, Peer receiver) {
        return deliveries.stream().filter(d -> d.receiver() == receiver.member && d.data().length >= 12
                && !dev.vc.transport.udp.rtcp.RtcpReader.isRtcp(d.data(), 0, d.data().length) && java.nio.ByteBuffer.wrap(d.data()).getInt(8) == sender.ssrc()).count();
    }

    /** @return retransmissions (RTX) of {@code sender}'s stream delivered to {@code receiver}, on its RTX SSRC */
    long rtxDelivered(Peer sender, Peer receiver) {
        return deliveries.stream().filter(d -> d.receiver() == receiver.member && d.data().length >= 12
                && !dev.vc.transport.udp.rtcp.RtcpReader.isRtcp(d.data(), 0, d.data().length)
                && java.nio.ByteBuffer.wrap(d.data()).getInt(8) == dev.vc.api.RtxSsrc.of(sender.ssrc())).count();
    }

    /** @return datagrams delivered to {@code receiver} */
    long delivered(Peer receiver) {
        return deliveries.stream().filter(d -> d.receiver() == receiver.member).count();
    }

    long dropped(DropReason reason) {
        long sum = router.unattributedDrops().get(reason);
        for (Member m : directory.members()) {
            sum += m.drops.get(reason);
        }
        return sum;
    }

    /**
     * An H.264 packet of {@code sender}'s layer {@code layer} with a transport-wide sequence number: an IDR or a
     * non-IDR slice whose next bytes name its layer and sequence number, so a test can tell what it received.
     */
    static byte[] h264(Peer sender, int layer, int sequence, int timestamp, boolean keyframe, int transportSequence) {
        byte[] packet = new byte[100];
        packet[0] = (byte) 0x90;
        packet[1] = (byte) (0x80 | 96);                   // one NAL unit, the whole frame: the marker bit
        java.nio.ByteBuffer.wrap(packet).putShort(2, (short) sequence).putInt(4, timestamp)
                .putInt(8, sender.ssrc(layer));
        int at = 12 + dev.vc.transport.udp.cc.TransportSequenceNumber.writeExtension(packet, 12,
                dev.vc.transport.udp.cc.TransportSequenceNumber.DEFAULT_ID, transportSequence);
        packet[at] = (byte) (keyframe ? 0x65 : 0x41);
        packet[at + 1] = (byte) layer;
        java.nio.ByteBuffer.wrap(packet).putShort(at + 2, (short) sequence);
        return packet;
    }
}
