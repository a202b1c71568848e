package dev.vc.transport.udp.internal.control;

/**
 * The packets of one remote stream that went missing and have not arrived since, and when to ask for each
 * (RFC 4585 Generic NACK). A packet is asked for as soon as a gap shows it missing, and again each retry
 * interval while it stays missing, {@value #MAX_REQUESTS} times in all: a NACK or its retransmission can be
 * lost too, and one request alone leaves about a fifth of the losses unrepaired when both directions lose 5 %.
 *
 * <pre>{@code
 * list.missing(sequence);                              // a gap
 * list.arrived(sequence);                              // every packet (originals, reordered, retransmitted)
 * int n = list.due(nowNanos, retryNanos, out);         // sequence numbers to put in a NACK now
 * }</pre>
 *
 * <p>Bounded: at most {@value #CAPACITY} packets are tracked, the oldest forgotten first. No allocation. Not
 * thread-safe: the caller holds the stream's lock.
 */
final class NackList {
    /** Packets tracked at most. */
    static final int CAPACITY = 64;
    /** Requests per missing packet, the first included. */
    static final int MAX_REQUESTS = 3;

    private final int[] sequences = new int[CAPACITY];
    private final long[] dueNanos = new long[CAPACITY];
    private final int[] requests = new int[CAPACITY];
    private int size;

    /**
     * Records a missing packet, to be asked for at the next {@link #due} call.
     *
     * @param sequence its sequence number
     */
    void missing(int sequence) {
        if (indexOf(sequence) >= 0) {
            return;
        }
        if (size == CAPACITY) {
            remove(0);
        }
        sequences[size] = sequence;
        dueNanos[size] = Long.MIN_VALUE;
        requests[size] = 0;
        size++;
    }

    /**
     * A packet arrived: it is no longer missing.
     *
     * @param sequence its sequence number
     */
    void arrived(int sequence) {
        int i = indexOf(sequence);
        if (i >= 0) {
            remove(i);
        }
    }

    /**
     * Takes the packets to ask for now: each missing packet whose next request is due, in the order they went
     * missing; packets asked for {@value #MAX_REQUESTS} times and still missing a retry interval later are
     * given up.
     *
     * @param nowNanos   {@link System#nanoTime()}
     * @param retryNanos the wait before asking again for the same packet
     * @param out        receives the sequence numbers
     * @return how many were written, at most {@code out.length}
     */
    int due(long nowNanos, long retryNanos, int[] out) {
        int count = 0;
        int i = 0;
        while (i < size && count < out.length) {
            if (dueNanos[i] != Long.MIN_VALUE && dueNanos[i] - nowNanos > 0) {
                i++;
            } else if (requests[i] == MAX_REQUESTS) {
                remove(i);
            } else {
                out[count++] = sequences[i];
                requests[i]++;
                dueNanos[i] = nowNanos + retryNanos;
                i++;
            }
        }
        return count;
    }

    /** @return packets tracked as missing */
    int size() {
        return size;
    }

    private int indexOf(int sequence) {
        for (int i = 0; i < size; i++) {
            if (sequences[i] == sequence) {
                return i;
            }
        }
        return -1;
    }

    private void remove(int index) {
        int tail = size - index - 1;
        System.arraycopy(sequences, index + 1, sequences, index, tail);
        System.arraycopy(dueNanos, index + 1, dueNanos, index, tail);
        System.arraycopy(requests, index + 1, requests, index, tail);
        size--;
    }
}
