package dev.vc.transport.udp.dtls;

import dev.vc.transport.udp.dtls.DtlsHandshakeException.Reason;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsPeer;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One DTLS-SRTP association with one peer, started by {@link DtlsHandshaker#start}. The caller's receive thread
 * hands it every datagram its demultiplexer classed as DTLS ({@link #receive}, RFC 7983); {@link #keys()}
 * completes with the SRTP keys or a {@link DtlsHandshakeException}. After the handshake the association only
 * answers a peer that resends its last flight and notices {@code close_notify} and fatal alerts (media goes as
 * SRTP, not as DTLS application data, which is dropped and counted); it keeps only BouncyCastle's record layer.
 *
 * <pre>{@code
 * DtlsAssociation dtls = handshaker.start(DtlsRole.SERVER, relayCertificate, clientFingerprint, out);
 * // receive thread:  if (DtlsDemux.isDtls(buf[0])) dtls.receive(buf, 0, length);
 * dtls.keys().thenAccept(keys -> srtp.start(keys.local(), keys.remote()));
 * }</pre>
 */
public final class DtlsAssociation implements AutoCloseable {
    /** Where the association is. */
    public enum State {
        /** The handshake is waiting for a thread or running. */
        HANDSHAKING,
        /** Keys exported; the association answers retransmissions and alerts. */
        ESTABLISHED,
        /** Closed by either side ({@code close_notify}, {@link #close()}, or before its handshake completed). */
        CLOSED,
        /** The handshake failed or the peer sent a fatal alert. */
        FAILED
    }

    private final DtlsRole role;
    private final QueuedDatagramTransport transport;
    private final CompletableFuture<DtlsSrtpKeys> keys = new CompletableFuture<>();
    private final AtomicLong completed;           // the handshaker's counts, updated before keys completes
    private final AtomicLong failed;
    private final AtomicLong droppedNotDtls = new AtomicLong();
    private final AtomicLong droppedAfterEnd = new AtomicLong();
    private final AtomicLong applicationDataDropped = new AtomicLong();
    private volatile State state = State.HANDSHAKING;
    private TlsPeer peer;                 // while the handshake runs, to cancel it; guarded by this
    private DTLSTransport connection;     // once established; guarded by this
    private byte[] readBuffer;            // once established; guarded by this

    DtlsAssociation(DtlsRole role, int inboundQueue, int mtu, DatagramOut out, AtomicLong completed,
                    AtomicLong failed) {
        this.role = role;
        this.completed = completed;
        this.failed = failed;
        this.transport = new QueuedDatagramTransport(inboundQueue, mtu, out,
                role == DtlsRole.SERVER ? new ChangeCipherSpecGate() : null);
    }

    /**
     * Takes one datagram from the peer. During the handshake it is queued for the handshake thread (a full queue
     * drops it); afterwards it is processed on the calling thread at once. A datagram that is not DTLS (first byte
     * outside 20..63), empty or longer than 1500 bytes is dropped and counted; nothing here throws for bad input.
     *
     * @param datagram bytes; copied, not kept
     * @param offset   start
     * @param length   length
     */
    public void receive(byte[] datagram, int offset, int length) {
        if (length < 1 || length > QueuedDatagramTransport.RECEIVE_LIMIT || !DtlsDemux.isDtls(datagram[offset])) {
            droppedNotDtls.incrementAndGet();
            return;
        }
        synchronized (this) {
            switch (state) {
                case HANDSHAKING -> transport.offer(datagram, offset, length);
                case ESTABLISHED -> {
                    if (transport.offer(datagram, offset, length)) {
                        drain();
                    }
                }
                default -> droppedAfterEnd.incrementAndGet();
            }
        }
    }

    /** @return the keys once the handshake completes, or a {@link DtlsHandshakeException} */
    public CompletableFuture<DtlsSrtpKeys> keys() {
        return keys;
    }

    /** @return this endpoint's role */
    public DtlsRole role() {
        return role;
    }

    /** @return where the association is */
    public State state() {
        return state;
    }

    /** @return datagrams dropped because the handshake had not read the earlier ones yet (queue full) */
    public long droppedQueueFull() {
        return transport.droppedFull();
    }

    /** @return datagrams the {@link DatagramOut} failed to send (treated as lost) */
    public long sendFailures() {
        return transport.sendFailures();
    }

    /** @return datagrams dropped because they are not DTLS (first byte, empty, too long) */
    public long droppedNotDtls() {
        return droppedNotDtls.get();
    }

    /** @return datagrams dropped because the association had closed or failed */
    public long droppedAfterEnd() {
        return droppedAfterEnd.get();
    }

    /** @return DTLS application data records the peer sent after the handshake, dropped */
    public long applicationDataDropped() {
        return applicationDataDropped.get();
    }

    /**
     * Ends the association: sends {@code close_notify} when established, cancels the handshake (its keys fail
     * with {@link Reason#CANCELLED}) when not. Idempotent.
     */
    @Override
    public synchronized void close() {
        switch (state) {
            case HANDSHAKING -> {
                state = State.CLOSED;
                if (peer != null) {
                    try {
                        peer.cancel();
                    } catch (IOException e) {
                        // the record layer is closing anyway; the handshake thread reports CANCELLED
                    }
                }
                transport.close();
            }
            case ESTABLISHED -> {
                state = State.CLOSED;
                try {
                    connection.close();
                } catch (IOException e) {
                    // close_notify could not be sent: the peer learns from the missing media
                }
                release();
            }
            default -> {
            }
        }
    }

    /**
     * Fails the keys at once, for a handshake that never ran: the pool had no room for it or shut down first.
     *
     * @param reason  {@link Reason#REFUSED} (counted by the handshaker) or {@link Reason#CANCELLED} (counted failed)
     * @param message what happened
     */
    void abandon(Reason reason, String message) {
        synchronized (this) {
            state = reason == Reason.CANCELLED ? State.CLOSED : State.FAILED;
            transport.close();
        }
        if (reason != Reason.REFUSED) {
            failed.incrementAndGet();
        }
        keys.completeExceptionally(new DtlsHandshakeException(reason, message, null));
    }

    /**
     * Runs the handshake on the calling (pool) thread.
     *
     * @param handshake the handshake's setup, including its time budget
     */
    void run(HandshakeContext handshake) {
        TlsPeer started;
        synchronized (this) {
            if (state != State.HANDSHAKING) {
                fail(handshake.translate(null, true));
                return;
            }
            started = role == DtlsRole.CLIENT ? new SrtpDtlsClient(handshake) : new SrtpDtlsServer(handshake);
            peer = started;
        }
        DTLSTransport established;
        try {
            established = role == DtlsRole.CLIENT
                    ? new DTLSClientProtocol().connect((SrtpDtlsClient) started, transport)
                    : new DTLSServerProtocol().accept((SrtpDtlsServer) started, transport);
        } catch (IOException | RuntimeException e) {
            boolean cancelled;
            synchronized (this) {
                peer = null;
                cancelled = state == State.CLOSED;
                if (!cancelled) {
                    state = State.FAILED;
                }
                transport.close();
            }
            fail(handshake.translate(e, cancelled));
            return;
        }
        synchronized (this) {
            peer = null;
            if (state != State.HANDSHAKING) {
                try {
                    established.close();
                } catch (IOException e) {
                    // closed meanwhile: nothing to tell the peer that close() did not
                }
                fail(handshake.translate(null, true));
                return;
            }
            connection = established;
            readBuffer = new byte[QueuedDatagramTransport.RECEIVE_LIMIT];
            state = State.ESTABLISHED;
            transport.drainOnly();
            drain();
        }
        completed.incrementAndGet();
        keys.complete(handshake.keys());
    }

    private void fail(DtlsHandshakeException failure) {
        failed.incrementAndGet();
        keys.completeExceptionally(failure);
    }

    /** Processes what is queued on the calling thread: resends of the last flight, alerts. Holds the lock. */
    private void drain() {
        try {
            while (true) {
                if (connection.receive(readBuffer, 0, readBuffer.length, 1) >= 0) {
                    applicationDataDropped.incrementAndGet();
                }
            }
        } catch (QueuedDatagramTransport.Drained e) {
            if (transport.isClosed()) {         // the peer's close_notify: BouncyCastle answered and closed
                state = State.CLOSED;
                release();
            }
        } catch (IOException | RuntimeException e) {
            state = State.FAILED;               // a fatal alert, received or raised
            transport.close();
            release();
        }
    }

    private void release() {
        connection = null;
        readBuffer = null;
    }
}
