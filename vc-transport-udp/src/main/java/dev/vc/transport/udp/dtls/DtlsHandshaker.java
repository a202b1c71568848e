package dev.vc.transport.udp.dtls;

import dev.vc.transport.udp.dtls.DtlsHandshakeException.Reason;
import dev.vc.transport.udp.srtp.SrtpProfile;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs DTLS-SRTP handshakes on a small bounded pool: BouncyCastle's DTLS protocol classes block while they wait
 * for the peer, so each running handshake takes one thread ({@code vc-dtls-handshake-N}, at most
 * {@link DtlsLimits#concurrent()}), a few more wait ({@link DtlsLimits#pending()}), and beyond that a handshake is
 * refused and counted. Each handshake has {@link DtlsLimits#timeout()} from {@link #start} to keys, waiting
 * included; BouncyCastle resends lost flights.
 */
public final class DtlsHandshaker implements AutoCloseable {
    /** The profiles offered and accepted by default, in order of preference: AES-GCM, then AES-CM with HMAC. */
    public static final List<SrtpProfile> DEFAULT_PROFILES = List.of(SrtpProfile.AEAD_AES_128_GCM,
            SrtpProfile.AES128_CM_HMAC_SHA1_80);

    private final DtlsLimits limits;
    private final BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
    private final ThreadPoolExecutor pool;
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    /** @param limits the pool's bounds and each handshake's times */
    public DtlsHandshaker(DtlsLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        AtomicInteger threads = new AtomicInteger();
        BlockingQueue<Runnable> queue = limits.pending() == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(limits.pending());
        this.pool = new ThreadPoolExecutor(limits.concurrent(), limits.concurrent(), 30, TimeUnit.SECONDS, queue,
                task -> {
                    Thread thread = new Thread(task, "vc-dtls-handshake-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Starts a handshake offering (client) or accepting (server) {@link #DEFAULT_PROFILES}.
     *
     * @param role            this endpoint's role: the relay is {@link DtlsRole#SERVER}, a client
     *                        {@link DtlsRole#CLIENT}
     * @param certificate     this endpoint's identity
     * @param peerFingerprint the fingerprint the peer's certificate must have, learnt over the control channel
     * @param out             sends a datagram to the peer
     * @return the association; feed it the peer's DTLS datagrams, wait on its {@link DtlsAssociation#keys()}
     */
    public DtlsAssociation start(DtlsRole role, DtlsCertificate certificate, CertificateFingerprint peerFingerprint,
                                 DatagramOut out) {
        return start(role, certificate, peerFingerprint, DEFAULT_PROFILES, out);
    }

    /**
     * Starts a handshake with the given profiles: a client offers them in this order, a server picks the first
     * of them the client offers.
     *
     * @param role            this endpoint's role
     * @param certificate     this endpoint's identity
     * @param peerFingerprint the fingerprint the peer's certificate must have
     * @param profiles        accepted profiles in order of preference, not empty, no repeats
     * @param out             sends a datagram to the peer
     * @return the association
     */
    public DtlsAssociation start(DtlsRole role, DtlsCertificate certificate, CertificateFingerprint peerFingerprint,
                                 List<SrtpProfile> profiles, DatagramOut out) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(peerFingerprint, "peerFingerprint");
        Objects.requireNonNull(out, "out");
        List<SrtpProfile> accepted = List.copyOf(profiles);
        if (accepted.isEmpty() || new HashSet<>(accepted).size() != accepted.size()) {
            throw new IllegalArgumentException("profiles must be non-empty without repeats: " + profiles);
        }
        DtlsAssociation association = new DtlsAssociation(role, limits.inboundQueue(), limits.mtu(), out, completed,
                failed);
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        try {
            pool.execute(new HandshakeTask(association, () -> run(association, role, certificate, peerFingerprint,
                    accepted, deadline)));
            started.incrementAndGet();
        } catch (RejectedExecutionException e) {
            refused.incrementAndGet();
            association.abandon(Reason.REFUSED, pool.isShutdown() ? "the DTLS handshake pool is closed"
                    : "too many DTLS handshakes pending (" + limits.concurrent() + " running, " + limits.pending()
                    + " waiting)");
        }
        return association;
    }

    private void run(DtlsAssociation association, DtlsRole role, DtlsCertificate certificate,
                     CertificateFingerprint peerFingerprint, List<SrtpProfile> profiles, long deadline) {
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        HandshakeContext handshake = new HandshakeContext(role, certificate, peerFingerprint, profiles, crypto,
                limits.timeout().toMillis(), (int) Math.max(1, remainingMillis),
                (int) limits.initialRetransmit().toMillis());
        association.run(handshake);
    }

    /** @return handshakes accepted into the pool */
    public long started() {
        return started.get();
    }

    /** @return handshakes that produced keys */
    public long completed() {
        return completed.get();
    }

    /** @return handshakes that ran (or waited) and failed, timed out or were cancelled */
    public long failed() {
        return failed.get();
    }

    /** @return handshakes refused because the pool and its queue were full (or it was closed) */
    public long refused() {
        return refused.get();
    }

    /** Stops the pool: running handshakes are interrupted and fail with CANCELLED, waiting ones never run. */
    @Override
    public void close() {
        for (Runnable waiting : pool.shutdownNow()) {
            ((HandshakeTask) waiting).association.abandon(Reason.CANCELLED,
                    "the DTLS handshake pool closed before this handshake ran");
        }
    }

    /** A queued handshake, so a pool that shuts down can fail the associations it never ran. */
    private record HandshakeTask(DtlsAssociation association, Runnable body) implements Runnable {
        @Override
        public void run() {
            body.run();
        }
    }
}
