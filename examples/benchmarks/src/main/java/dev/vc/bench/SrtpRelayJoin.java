package dev.vc.bench;

import dev.vc.api.VcException;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.api.control.RelayTrust;
import dev.vc.transport.udp.dtls.CertificateFingerprint;
import dev.vc.transport.udp.dtls.DtlsAssociation;
import dev.vc.transport.udp.dtls.DtlsCertificate;
import dev.vc.transport.udp.dtls.DtlsDemux;
import dev.vc.transport.udp.dtls.DtlsHandshaker;
import dev.vc.transport.udp.dtls.DtlsRole;
import dev.vc.transport.udp.dtls.DtlsSrtpKeys;
import dev.vc.transport.udp.srtp.SrtpContext;
import dev.vc.transport.udp.srtp.SrtpProfile;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * Joins a relay with SRTP media the way a participant does, for the load tools that drive their own UDP sockets:
 * a fresh DTLS certificate whose fingerprint the join carries, the join and hello of {@link RelayJoin}, then the
 * DTLS-SRTP handshake with the relay ({@link DtlsRole#CLIENT}, checked against the fingerprint in
 * {@code JOIN_ACCEPTED}) on the participant's socket, this thread reading the socket until the keys exist. What
 * else arrives meanwhile (hello answers, the relay's SRTCP) is read and dropped.
 *
 * <pre>{@code
 * SrtpSession session = SrtpRelayJoin.join(control, trust, join, SrtpProfile.AEAD_AES_128_GCM, handshaker,
 *         channel, Duration.ofSeconds(5));
 * int length = session.sending().protectRtp(packet, 0, rtpLength);  // then send packet[0, length)
 * }</pre>
 */
public final class SrtpRelayJoin {
    private static final long POLL_NANOS = 200_000L;

    private SrtpRelayJoin() {
    }

    /**
     * Joins, binds and keys. On failure nothing stays joined.
     *
     * @param control    the relay's control address
     * @param trust      how the relay is verified
     * @param join       room, display name, secret, codecs, layers; its media fingerprint is replaced by this
     *                   participant's
     * @param profile    the one SRTP profile offered
     * @param handshaker runs the handshake (its pool bounds how many run at once)
     * @param channel    an open, bound, non-blocking channel; left connected to the relay's media port
     * @param timeout    bound on the join, the hellos and the handshake, each
     * @return the keyed session; closing it ends the association and leaves the room
     * @throws VcException (typed) if the join is refused, the hello unanswered or the handshake fails
     * @throws IOException if the channel fails
     */
    public static SrtpSession join(InetSocketAddress control, RelayTrust trust, Join join, SrtpProfile profile,
                                   DtlsHandshaker handshaker, DatagramChannel channel, Duration timeout)
            throws IOException {
        DtlsCertificate certificate = DtlsCertificate.generate();
        Join secure = new Join(join.room(), join.displayName(), join.secret(), join.sends(), join.receives(),
                join.layers(), certificate.fingerprint().toSdpValue());
        ControlClient client = RelayJoin.join(control, trust, secure, channel, timeout);
        DtlsAssociation dtls = null;
        try {
            dtls = handshaker.start(DtlsRole.CLIENT, certificate,
                    CertificateFingerprint.parse(client.session().mediaFingerprint()), List.of(profile),
                    (data, offset, length) -> channel.write(ByteBuffer.wrap(data, offset, length)));
            DtlsSrtpKeys keys = pump(dtls, channel, timeout.toNanos(), join.displayName());
            SrtpSession session = new SrtpSession(client, dtls, keys.profile(), SrtpContext.forSending(keys.local()),
                    SrtpContext.forReceiving(keys.remote()));
            keys.local().destroy();
            keys.remote().destroy();
            return session;
        } catch (IOException | RuntimeException e) {
            if (dtls != null) {
                dtls.close();
            }
            client.close();
            throw e;
        }
    }

    /** Feeds the association what the relay sends until the keys exist or the time is up. */
    private static DtlsSrtpKeys pump(DtlsAssociation dtls, DatagramChannel channel, long timeoutNanos, String name)
            throws IOException {
        ByteBuffer datagram = ByteBuffer.allocate(2048);
        long deadline = System.nanoTime() + timeoutNanos;
        while (!dtls.keys().isDone()) {
            if (System.nanoTime() > deadline) {
                throw new VcException(name + ": no DTLS-SRTP keys with the relay within "
                        + timeoutNanos / 1_000_000 + " ms");
            }
            datagram.clear();
            if (channel.read(datagram) > 0) {
                if (DtlsDemux.isDtls(datagram.get(0))) {
                    dtls.receive(datagram.array(), 0, datagram.position());
                }
            } else {
                LockSupport.parkNanos(POLL_NANOS);
            }
        }
        try {
            return dtls.keys().get();
        } catch (ExecutionException e) {
            throw new VcException(name + ": media handshake with the relay failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VcException(name + ": interrupted during the media handshake");
        }
    }

    /**
     * A participant joined with SRTP media.
     *
     * @param control   its control session: SSRC, participant id; closing it leaves the room
     * @param dtls      its DTLS association with the relay (answers retransmissions and alerts when fed)
     * @param profile   the negotiated profile
     * @param sending   protects what it sends to the relay
     * @param receiving unprotects what the relay sends it
     */
    public record SrtpSession(ControlClient control, DtlsAssociation dtls, SrtpProfile profile, SrtpContext sending,
                              SrtpContext receiving) implements AutoCloseable {
        /** Ends the association ({@code close_notify}) and leaves the room. */
        @Override
        public void close() {
            dtls.close();
            control.close();
        }
    }
}
