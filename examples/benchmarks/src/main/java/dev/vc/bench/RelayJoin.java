package dev.vc.bench;

import dev.vc.api.VcException;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.RelayTrust;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.api.control.ControlMessage.JoinAccepted;
import dev.vc.bench.relayload.RelayLoad;
import dev.vc.bench.roomcost.RoomCostBench;
import dev.vc.transport.udp.MediaHello;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Joins a relay the way a participant does, for the load tools that drive their own UDP sockets
 * ({@link RelayLoad}, {@link RoomCostBench}, the relay forwarding benchmark): the control channel's join ({@link ControlClient}), then the
 * participant's socket connected to the relay's media port and proved with signed STUN hellos
 * ({@link MediaHello}) until one is answered and the answer verifies. From then on the relay accepts RTP with
 * the granted SSRC from that socket and forwards the room's media to it.
 *
 * <pre>{@code
 * DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET).bind(loopback);
 * channel.configureBlocking(false);
 * ControlClient control = RelayJoin.join(relay, relayServer.clientTrust(), new Join("room", "r1", "", codecs, codecs),
 *         channel, Duration.ofSeconds(5));
 * int ssrc = control.session().ssrc();   // send with this SSRC; close control to leave
 * }</pre>
 */
public final class RelayJoin {
    private static final long HELLO_RESEND_NANOS = 250_000_000L;
    private static final long POLL_NANOS = 200_000L;

    private RelayJoin() {
    }

    /**
     * Joins, connects and binds. On failure nothing stays joined.
     *
     * @param control the relay's control address
     * @param trust   how the relay is verified (its fingerprint pinned, for a relay in this process)
     * @param join    room, display name, secret, codecs
     * @param channel an open, bound, non-blocking channel; left connected to the relay's media port
     * @param timeout bound on the join and, separately, on the hellos
     * @return the control session: its SSRC is the one to send with; closing it leaves the room
     * @throws VcException (typed) if the join is refused or the relay does not answer the hello in time
     * @throws IOException if the channel fails
     */
    public static ControlClient join(InetSocketAddress control, RelayTrust trust, Join join, DatagramChannel channel,
                                     Duration timeout) throws IOException {
        ControlClient client = ControlClient.join(control, trust, join, new ControlClient.Listener() {
        }, timeout);
        try {
            JoinAccepted session = client.session();
            // the relay the join ended on: a cluster may have redirected it
            InetSocketAddress media = new InetSocketAddress(client.relay().getAddress(), session.mediaPort());
            channel.connect(media);
            bind(channel, new MediaHello(session.sessionKey()), session.participantId(), timeout.toNanos(),
                    join.displayName() + " got no answer to its hello from " + media);
            return client;
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** Sends hellos until one is answered and the answer verifies. */
    private static void bind(DatagramChannel channel, MediaHello mediaHello, int participantId, long timeoutNanos,
                             String failure) throws IOException {
        byte[] hello = new byte[MediaHello.REQUEST_BYTES];
        ByteBuffer answer = ByteBuffer.allocate(512);
        long deadline = System.nanoTime() + timeoutNanos;
        long counter = 0;
        while (System.nanoTime() < deadline) {
            int n = mediaHello.writeRequest(hello, 0, participantId, ++counter, (int) counter);
            channel.write(ByteBuffer.wrap(hello, 0, n));
            long resend = System.nanoTime() + HELLO_RESEND_NANOS;
            while (System.nanoTime() < resend) {
                answer.clear();
                if (channel.read(answer) > 0) {
                    byte[] a = answer.array();
                    if (MediaHello.isStun(a[0]) && mediaHello.verify(a, 0, answer.position())) {
                        return;
                    }
                } else {
                    LockSupport.parkNanos(POLL_NANOS);
                }
            }
        }
        throw new VcException(failure);
    }
}
