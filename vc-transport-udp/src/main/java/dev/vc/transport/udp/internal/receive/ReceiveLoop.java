package dev.vc.transport.udp.internal.receive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * The body of the transport's one receive thread: reads datagrams into one reused buffer and hands each to
 * the {@link ReceiveChain}. Ends when the channel is closed. A failure while handling a datagram (a listener of the
 * application throwing, say) is logged, at the 1st, 2nd, 4th, 8th... time, and reception goes on: one bad frame or
 * callback must not end the stream of every participant.
 */
public final class ReceiveLoop implements Runnable {
    private static final System.Logger LOG = System.getLogger(ReceiveLoop.class.getName());
    /** Largest UDP payload: every datagram fits, so none is silently truncated. */
    private static final int BUFFER_SIZE = 65_536;
    private static final long ERROR_BACKOFF_NANOS = 10_000_000L;

    private final DatagramChannel channel;
    private final ReceiveChain chain;
    private long failures;

    public ReceiveLoop(DatagramChannel channel, ReceiveChain chain) {
        this.channel = channel;
        this.chain = chain;
    }

    @Override
    public void run() {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
        byte[] array = buffer.array();
        while (channel.isOpen()) {
            buffer.clear();
            try {
                if (channel.receive(buffer) == null) {
                    continue;
                }
            } catch (ClosedChannelException e) {
                return; // close() was called: the normal way out
            } catch (java.net.PortUnreachableException e) {
                continue; // connected to a relay that is not listening (yet): an ICMP error for an earlier send
            } catch (IOException e) {
                if (!channel.isOpen()) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "UDP receive failed", e);
                LockSupport.parkNanos(ERROR_BACKOFF_NANOS); // no busy loop on a persistent error
                continue;
            }
            try {
                chain.onDatagram(array, buffer.position(), System.nanoTime());
            } catch (RuntimeException e) {
                failures++;
                if (Long.bitCount(failures) == 1) {
                    LOG.log(System.Logger.Level.WARNING, "handling a received datagram failed (" + failures
                            + " times so far); reception goes on", e);
                }
            }
        }
    }
}
