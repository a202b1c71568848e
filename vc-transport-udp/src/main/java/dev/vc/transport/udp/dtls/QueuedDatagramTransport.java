package dev.vc.transport.udp.dtls;

import org.bouncycastle.tls.DatagramTransport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * BouncyCastle's view of one association's datagrams without a socket of its own.
 *
 * <p>Inbound: the caller's receive thread {@link #offer}s DTLS datagrams into a bounded queue (a full queue drops
 * and counts), BouncyCastle reads them from there. During the handshake a read waits up to the time BouncyCastle
 * asks for; once {@link #drainOnly()} is set a read of an empty queue ends with {@link Drained} at once, so the
 * caller's thread processes what is queued and returns.
 *
 * <p>Outbound: BouncyCastle writes one record per call; records are packed into one datagram up to the MTU and
 * the datagram leaves when BouncyCastle next reads (it always reads after sending a flight), when it fills, or
 * when the transport drains or closes. A whole flight then travels in one or two datagrams instead of one per
 * handshake message, so far fewer flights are lost. A datagram that fails to send counts as lost.
 */
final class QueuedDatagramTransport implements DatagramTransport {
    /** Largest datagram taken in: an Ethernet payload. */
    static final int RECEIVE_LIMIT = 1500;
    private static final byte[] WAKE = new byte[0];

    private final ArrayBlockingQueue<byte[]> inbound;
    private final DatagramOut out;
    private final ChangeCipherSpecGate gate;
    private final byte[] outbound;
    private int outboundLength;                  // guarded by this
    private final AtomicLong droppedFull = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private volatile boolean drainOnly;
    private volatile boolean closed;

    /**
     * @param capacity datagrams held at most
     * @param mtu      largest datagram sent
     * @param out      where sent datagrams go
     * @param gate     holds back a server's early ChangeCipherSpec, or {@code null} for a client
     */
    QueuedDatagramTransport(int capacity, int mtu, DatagramOut out, ChangeCipherSpecGate gate) {
        this.inbound = new ArrayBlockingQueue<>(capacity);
        this.outbound = new byte[mtu];
        this.out = out;
        this.gate = gate;
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

    /** Sends what is packed and, from now on, ends a read of an empty queue at once with {@link Drained}. */
    void drainOnly() {
        flush();
        drainOnly = true;
    }

    /** @return datagrams dropped because the queue was full */
    long droppedFull() {
        return droppedFull.get();
    }

    /** @return datagrams the {@link DatagramOut} failed to send */
    long sendFailures() {
        return sendFailures.get();
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
        return outbound.length;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        flush();
        byte[] datagram;
        if (drainOnly) {
            datagram = closed ? null : inbound.poll();
            if (datagram == null) {
                flush();
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
        int length = gate != null && !drainOnly ? gate.filter(datagram, datagram.length) : datagram.length;
        if (length == 0) {
            return -1;
        }
        System.arraycopy(datagram, 0, buf, off, length);
        return length;
    }

    @Override
    public synchronized void send(byte[] buf, int off, int len) {
        if (closed) {
            return;
        }
        if (outboundLength + len > outbound.length) {
            flush();
        }
        if (len > outbound.length) {
            transmit(buf, off, len);
        } else {
            System.arraycopy(buf, off, outbound, outboundLength, len);
            outboundLength += len;
        }
    }

    /** Sends the packed records now. */
    synchronized void flush() {
        if (outboundLength > 0 && !closed) {
            transmit(outbound, 0, outboundLength);
        }
        outboundLength = 0;
    }

    private void transmit(byte[] datagram, int offset, int length) {
        try {
            out.send(datagram, offset, length);
        } catch (IOException | RuntimeException e) {
            sendFailures.incrementAndGet();
        }
    }

    /** Sends what is packed, then stops taking and sending datagrams and wakes a read waiting for one. */
    @Override
    public void close() {
        flush();
        closed = true;
        inbound.clear();
        inbound.offer(WAKE);
    }
}
