package dev.vc.relay;

/**
 * The packets an ingress keeps while its participant joins (a round trip to the control thread, usually well under
 * a millisecond): the stream's first keyframe is among them, and receivers would otherwise wait for the sender's
 * next one, which a plain RTP sender sends only on its own schedule (it reads no PLI). A fixed number of MTU-sized
 * slots, allocated at the first join and reused; what does not fit is the caller's to drop. Media thread only.
 */
final class IngressBacklog {
    private final int slots;
    private final int mtu;
    private byte[][] packets;
    private int[] lengths;
    private int count;

    /**
     * @param slots packets kept at most
     * @param mtu   the largest packet
     */
    IngressBacklog(int slots, int mtu) {
        this.slots = slots;
        this.mtu = mtu;
    }

    /**
     * Keeps a copy of {@code packet[0, length)}.
     *
     * @return false if it is full (nothing kept)
     */
    boolean keep(byte[] packet, int length) {
        if (packets == null) {
            packets = new byte[slots][mtu];
            lengths = new int[slots];
        }
        if (count == slots || length > mtu) {
            return false;
        }
        System.arraycopy(packet, 0, packets[count], 0, length);
        lengths[count++] = length;
        return true;
    }

    /** @return packets kept */
    int size() {
        return count;
    }

    /**
     * Copies the {@code index}th packet kept into {@code into}, from offset 0.
     *
     * @return its length
     */
    int copy(int index, byte[] into) {
        System.arraycopy(packets[index], 0, into, 0, lengths[index]);
        return lengths[index];
    }

    /** Forgets every packet kept. */
    void clear() {
        count = 0;
    }
}
