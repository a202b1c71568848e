package dev.vc.relay;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;

/**
 * The participants a relay forwards between, keyed by their UDP address, with a fixed capacity.
 * Used by the relay's I/O thread only.
 */
final class PeerTable {
    private final InetSocketAddress[] addresses;
    private final long[] lastSeenNanos;
    private int size;

    PeerTable(int capacity) {
        addresses = new InetSocketAddress[capacity];
        lastSeenNanos = new long[capacity];
    }

    /**
     * Finds the peer at {@code address}, adding it if there is room.
     *
     * @return its index, or -1 if it is new and the table is full
     */
    int touch(SocketAddress address, long nowNanos) {
        for (int i = 0; i < size; i++) {
            if (addresses[i].equals(address)) {
                lastSeenNanos[i] = nowNanos;
                return i;
            }
        }
        if (size == addresses.length) {
            return -1;
        }
        addresses[size] = (InetSocketAddress) address;
        lastSeenNanos[size] = nowNanos;
        return size++;
    }

    /** Forgets peers silent for longer than {@code staleNanos}; returns how many were removed. */
    int expire(long nowNanos, long staleNanos) {
        int removed = 0;
        for (int i = size - 1; i >= 0; i--) {
            if (nowNanos - lastSeenNanos[i] > staleNanos) {
                size--;
                addresses[i] = addresses[size];
                lastSeenNanos[i] = lastSeenNanos[size];
                addresses[size] = null;
                removed++;
            }
        }
        return removed;
    }

    int size() {
        return size;
    }

    InetSocketAddress address(int index) {
        return addresses[index];
    }

    @Override
    public String toString() {
        return "PeerTable" + Arrays.toString(Arrays.copyOf(addresses, size));
    }
}
