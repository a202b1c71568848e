package dev.vc.relay.egress;

import dev.vc.relay.layers.ForwardedStream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.LongAdder;

/**
 * One egress forward's packet path: one sender's stream as a plain RTP receiver outside the relay gets it, one
 * simulcast layer made a single continuous stream by a {@link ForwardedStream} (one SSRC, continuous sequence
 * numbers and timestamps, starting and switching only at a keyframe), its payload type set to the one its SDP
 * announces, sent unencrypted from a socket of its own to one destination. Nothing is read from that socket (what
 * the far end sends, RTCP receiver reports, is left to the kernel to drop).
 *
 * <pre>{@code
 * EgressStream out = new EgressStream(ssrc, 96, 0, destination);
 * out.offer(packet, length, layer, sequence, timestamp, keyframeStart, now);   // media thread, per packet
 * }</pre>
 *
 * <p>{@link #offer} runs on the relay's media thread and allocates nothing; the counters are read from any thread.
 */
public final class EgressStream implements AutoCloseable {
    /** Forwarded packets remembered by the {@link ForwardedStream}; egress takes no NACKs, so a few suffice. */
    private static final int HISTORY_PACKETS = 16;

    private final ForwardedStream stream;
    private final int payloadType;
    private final DatagramChannel channel;
    private final InetSocketAddress destination;
    private final LongAdder packets = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder[] drops = new LongAdder[EgressDrop.values().length];
    private ByteBuffer view = ByteBuffer.allocate(0);
    private volatile int current = ForwardedStream.NO_LAYER;

    /**
     * Opens the forward's socket (non-blocking, on an ephemeral port; the kernel picks the source address by its
     * route to the destination).
     *
     * @param ssrc        the SSRC the far end sees
     * @param payloadType the payload type its SDP announces
     * @param layer       the simulcast layer to forward, from 0 (the largest)
     * @param destination where the RTP goes
     * @throws IOException if no socket can be opened
     */
    public EgressStream(int ssrc, int payloadType, int layer, InetSocketAddress destination) throws IOException {
        this.stream = new ForwardedStream(ssrc, HISTORY_PACKETS);
        stream.target(layer);
        this.payloadType = payloadType;
        this.destination = destination;
        for (int i = 0; i < drops.length; i++) {
            drops[i] = new LongAdder();
        }
        DatagramChannel opened = DatagramChannel.open(destination.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            opened.setOption(StandardSocketOptions.SO_RCVBUF, 4_096);
            opened.bind(null);
            opened.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
        this.channel = opened;
    }

    /**
     * Media thread: forwards {@code layer} from its next keyframe on; until then the layer being sent keeps flowing.
     *
     * @param layer a layer index from 0
     */
    public void target(int layer) {
        stream.target(layer);
    }

    /** @return the layer asked for */
    public int targetLayer() {
        return stream.target();
    }

    /** @return the layer being sent, or {@link ForwardedStream#NO_LAYER} while the first keyframe is awaited */
    public int currentLayer() {
        return current;
    }

    /** @return whether a keyframe of the target layer is awaited (it was never or not yet switched to) */
    public boolean awaitingKeyframe() {
        return stream.awaitingKeyframe();
    }

    /** @return where the packets go */
    public InetSocketAddress destination() {
        return destination;
    }

    /** @return the local address the packets come from */
    public InetSocketAddress source() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /** @return packets sent */
    public long packets() {
        return packets.sum();
    }

    /** @return bytes sent (RTP headers included) */
    public long bytes() {
        return bytes.sum();
    }

    /** @return packets dropped for {@code reason} */
    public long drops(EgressDrop reason) {
        return drops[reason.ordinal()].sum();
    }

    /**
     * Media thread: sends one packet of the sender if this forward takes it (its layer, from a keyframe on),
     * rewriting its header in place (SSRC, sequence number, timestamp, payload type; the marker kept).
     *
     * @param packet        the RTP packet, from offset 0
     * @param length        its length
     * @param layer         its simulcast layer
     * @param sequence      its sequence number as the sender sent it
     * @param timestamp     its timestamp as the sender sent it
     * @param keyframeStart whether it starts a keyframe
     * @param nowNanos      the relay's clock
     */
    public void offer(byte[] packet, int length, int layer, int sequence, int timestamp, boolean keyframeStart,
                      long nowNanos) {
        if (!stream.forward(packet, 0, layer, sequence, timestamp, keyframeStart, nowNanos)) {
            return;
        }
        if (current != layer) {
            current = layer;
        }
        packet[1] = (byte) ((packet[1] & 0x80) | payloadType);
        if (view.array() != packet) {
            view = ByteBuffer.wrap(packet);  // once per buffer the relay receives into: one in all
        }
        view.limit(length).position(0);
        try {
            if (channel.send(view, destination) == length) {
                packets.increment();
                bytes.add(length);
            } else {
                drops[EgressDrop.SOCKET_FULL.ordinal()].increment();
            }
        } catch (IOException e) {
            drops[EgressDrop.SEND_FAILED.ordinal()].increment();
        }
    }

    /** Closes the socket. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to send
        }
    }
}
