package dev.vc.transport.udp.rtp;

/**
 * The last {@code capacity} RTP packets a sender sent, kept so that packets a receiver reports lost (Generic
 * NACK) can be sent again. Preallocated: {@code capacity} slots of {@code mtu} bytes, overwritten in turn,
 * so memory is fixed and recording allocates nothing. Thread-safe (the send thread records, the receive
 * thread looks up).
 */
public final class SendHistory {
    private final byte[][] packets;
    private final int[] lengths;
    private final int[] sequences;
    private final int mask;

    /**
     * @param capacity packets kept, a power of two (e.g. 512: a second of 4 Mbit/s video at 1200 bytes)
     * @param mtu      largest packet
     */
    public SendHistory(int capacity, int mtu) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        packets = new byte[capacity][mtu];
        lengths = new int[capacity];
        sequences = new int[capacity];
        mask = capacity - 1;
        java.util.Arrays.fill(sequences, -1);
    }

    /**
     * Keeps a copy of a sent packet.
     *
     * @param sequence its RTP sequence number
     * @param packet   the bytes
     * @param offset   first byte
     * @param length   length, at most the MTU
     */
    public synchronized void record(int sequence, byte[] packet, int offset, int length) {
        int slot = sequence & mask;
        System.arraycopy(packet, offset, packets[slot], 0, length);
        lengths[slot] = length;
        sequences[slot] = sequence;
    }

    /**
     * Copies a kept packet.
     *
     * @param sequence the sequence number asked for
     * @param out      destination, at least the MTU long
     * @return the packet's length, or 0 if it is no longer (or never was) kept
     */
    public synchronized int copy(int sequence, byte[] out) {
        int slot = sequence & mask;
        if (sequences[slot] != sequence) {
            return 0;
        }
        System.arraycopy(packets[slot], 0, out, 0, lengths[slot]);
        return lengths[slot];
    }
}
