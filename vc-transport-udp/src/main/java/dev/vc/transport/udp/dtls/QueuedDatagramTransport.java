package dev.vc.transport.udp.dtls;

import org.bouncycastle.tls.DatagramTransport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * BouncyCastle's view of one association's datagrams without a socket of its own: the caller's receive thread
 * {@link #offer}s DTLS datagrams into a bounded queue (a full queue drops and counts), BouncyCastle reads them
 * from there, and what it sends goes to the {@link DatagramOut}. During the handshake a read waits up to the
 * time BouncyCastle asks for; once {@link #drainOnly()} is set a read of an empty queue ends the read with
 * {@link Drained} at once, so the caller's thread processes what is queued and returns.
 */
final class QueuedDatagramTransport implements DatagramTransport {
    /** Largest datagram taken in: an Ethernet payload. */
    static final int RECEIVE_LIMIT = 1500;
    private static final byte[] WAKE = new byte[0];

    private final ArrayBlockingQueue<byte[]> inbound;
    private final DatagramOut out;
    private final int mtu;
    private final AtomicLong droppedFull = new AtomicLong();
    private volatile boolean drainOnly;
    private volatile boolean closed;

    /**
     * @param capacity datagrams held at most
     * @param mtu      largest datagram sent
     * @param out      where sent datagrams go
     */
    QueuedDatagramTransport(int capacity, int mtu, DatagramOut out) {
        this.inbound = new ArrayBlockingQueue<>(capacity);
        this.mtu = mtu;
        this.out = out;
    }

    /**
     * Thrown by a read in drain-only mode when nothing is queued (or the transport closed): BouncyCastle's
     * record layer and {@code DTLSTransport.receive} pass an {@link InterruptedIOException} through without
     * failing the connection, so the caller's loop ends here.
     */
    static final class Drained extends InterruptedIOException {
        Drained() {
            super("no queued datagram");
        }
    }

    /**
     * @param datagram bytes, at most {@link #RECEIVE_LIMIT}
     * @param offset   start
     * @param length   length
     * @return whether it was queued; {@code false} counts a drop (queue full) unless closed
     */
    boolean offer(byte[] datagram, int offset, int length) {
        if (closed) {
            return false;
        }
        if (!inbound.offer(Arrays.copyOfRange(datagram, offset, offset + length))) {
            droppedFull.incrementAndGet();
            return false;
        }
        return true;
    }

    /** From now on a read of an empty queue returns at once with {@link Drained}. */
    void drainOnly() {
        drainOnly = true;
    }

    /** @return datagrams dropped because the queue was full */
    long droppedFull() {
        return droppedFull.get();
    }

    /** @return whether BouncyCastle or the association closed this transport */
    boolean isClosed() {
        return closed;
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return mtu;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        byte[] datagram;
        if (drainOnly) {
            datagram = closed ? null : inbound.poll();
            if (datagram == null) {
                throw new Drained();
            }
        } else if (closed) {
            return -1;
        } else {
            try {
                datagram = inbound.poll(waitMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for a DTLS datagram");
            }
        }
        if (datagram == null || datagram == WAKE || datagram.length > len) {
            return -1;
        }
        System.arraycopy(datagram, 0, buf, off, datagram.length);
        return datagram.length;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (!closed) {
            out.send(buf, off, len);
        }
    }

    /** Stops taking and sending datagrams and wakes a read waiting for one. */
    @Override
    public void close() {
        closed = true;
        inbound.clear();
        inbound.offer(WAKE);
    }
}
