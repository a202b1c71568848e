package dev.vc.transport.udp.cc;

import static dev.vc.transport.udp.cc.TransportFeedback.DELTA_TICK_MICROS;
import static dev.vc.transport.udp.cc.TransportFeedback.HEADER_LENGTH;
import static dev.vc.transport.udp.cc.TransportFeedback.LARGE_DELTA;
import static dev.vc.transport.udp.cc.TransportFeedback.MAX_RUN_LENGTH;
import static dev.vc.transport.udp.cc.TransportFeedback.MAX_STATUS_COUNT;
import static dev.vc.transport.udp.cc.TransportFeedback.NOT_RECEIVED;
import static dev.vc.transport.udp.cc.TransportFeedback.ONE_BIT_CAPACITY;
import static dev.vc.transport.udp.cc.TransportFeedback.REFERENCE_TICK_MICROS;
import static dev.vc.transport.udp.cc.TransportFeedback.SMALL_DELTA;
import static dev.vc.transport.udp.cc.TransportFeedback.TWO_BIT_CAPACITY;

/**
 * Builds one transport-cc feedback message ({@link TransportFeedback}) from received packets given in
 * sequence order; packets skipped between two calls are reported as not received. Reusable: {@link #begin}
 * starts a new message in the same preallocated buffers, so building allocates nothing.
 *
 * <p>Statuses are packed the way libwebrtc packs them, greedily: a run of one symbol becomes a run-length
 * chunk, otherwise 14 one-bit symbols when all are "not received" or "small delta", otherwise 7 two-bit
 * symbols. Receive times are rounded to 250 µs; the rounding error never accumulates because each delta is
 * taken from the time the previous deltas add up to.
 *
 * <pre>{@code
 * TransportFeedbackWriter writer = new TransportFeedbackWriter(1200);
 * writer.begin(mySsrc, mediaSsrc, 100, firstArrivalMicros, feedbackCount++);
 * writer.addReceived(100, firstArrivalMicros);
 * writer.addReceived(103, laterMicros);             // 101 and 102 become "not received"
 * int length = writer.write(out, 0);
 * }</pre>
 */
public final class TransportFeedbackWriter {
    private final int maxLength;
    private final short[] chunks;
    private final byte[] deltas;
    /** The chunk being filled: its first {@value TransportFeedback#ONE_BIT_CAPACITY} symbols. */
    private final byte[] pending = new byte[ONE_BIT_CAPACITY];
    private final byte[] savedPending = new byte[ONE_BIT_CAPACITY];

    private int senderSsrc;
    private int mediaSsrc;
    private int baseSequence;
    private int referenceTicks;
    private int feedbackCount;
    private boolean begun;

    private int statusCount;
    private int chunkCount;
    private int deltaLength;
    private int pendingSize;
    private boolean pendingAllSame;
    private boolean pendingHasLarge;
    private long lastTimeMicros;

    /**
     * @param maxLength the largest message to write, in bytes (e.g. the MTU left after IP and UDP headers);
     *                  at least 24
     */
    public TransportFeedbackWriter(int maxLength) {
        if (maxLength < HEADER_LENGTH + 4) {
            throw new IllegalArgumentException("maxLength below " + (HEADER_LENGTH + 4) + ": " + maxLength);
        }
        this.maxLength = maxLength & ~3;
        // Room for a few chunks more than fit, so that an addition can be tried and then undone.
        chunks = new short[(this.maxLength - HEADER_LENGTH) / 2 + 16];
        deltas = new byte[this.maxLength - HEADER_LENGTH + 2];
    }

    /**
     * Starts a new message, discarding whatever was added before.
     *
     * @param senderSsrc          SSRC of this feedback's sender
     * @param mediaSsrc           SSRC of the media source (e.g. of the last packet received)
     * @param baseSequence        transport-wide sequence number of the first status, {@code [0, 65535]}
     * @param referenceMicros     the receive time the deltas start from (usually the first packet's arrival),
     *                            in the receiver's clock; rounded down to 64 ms
     * @param feedbackPacketCount this message's number, modulo 256
     */
    public void begin(int senderSsrc, int mediaSsrc, int baseSequence, long referenceMicros,
                      int feedbackPacketCount) {
        this.senderSsrc = senderSsrc;
        this.mediaSsrc = mediaSsrc;
        this.baseSequence = baseSequence & 0xFFFF;
        long ticks = Math.floorDiv(referenceMicros, REFERENCE_TICK_MICROS);
        this.referenceTicks = (int) (ticks & 0xFF_FFFF);
        this.lastTimeMicros = ticks * REFERENCE_TICK_MICROS;
        this.feedbackCount = feedbackPacketCount & 0xFF;
        statusCount = 0;
        chunkCount = 0;
        deltaLength = 0;
        clearPending();
        begun = true;
    }

    /**
     * Adds a received packet, after the packets already added; the sequence numbers between are reported as
     * not received.
     *
     * @param sequence      its transport-wide sequence number, after the last one added (modulo 65536)
     * @param arrivalMicros its arrival time, in the clock {@link #begin} got
     * @return false, leaving the message as it was, if the packet does not fit: the message would exceed the
     *         maximum length or 65535 statuses, or its receive delta is beyond ±8 s; start a new message
     *         with it then
     */
    public boolean addReceived(int sequence, long arrivalMicros) {
        if (!begun) {
            throw new IllegalStateException("begin() first");
        }
        int gap = (sequence - baseSequence - statusCount) & 0xFFFF;
        if (statusCount + gap + 1 > MAX_STATUS_COUNT) {
            return false;
        }
        long deltaMicros = arrivalMicros - lastTimeMicros;
        long ticks = (deltaMicros + (deltaMicros < 0 ? -DELTA_TICK_MICROS / 2 : DELTA_TICK_MICROS / 2))
                / DELTA_TICK_MICROS;
        if (ticks < Short.MIN_VALUE || ticks > Short.MAX_VALUE) {
            return false;
        }
        int symbol = ticks >= 0 && ticks <= 0xFF ? SMALL_DELTA : LARGE_DELTA;

        int savedStatusCount = statusCount;
        int savedChunkCount = chunkCount;
        int savedPendingSize = pendingSize;
        boolean savedAllSame = pendingAllSame;
        boolean savedHasLarge = pendingHasLarge;
        System.arraycopy(pending, 0, savedPending, 0, ONE_BIT_CAPACITY);

        addNotReceived(gap);
        addSymbol(symbol);
        int deltaBytes = symbol == SMALL_DELTA ? 1 : 2;
        if (length(deltaLength + deltaBytes) > maxLength) {
            statusCount = savedStatusCount;
            chunkCount = savedChunkCount;
            pendingSize = savedPendingSize;
            pendingAllSame = savedAllSame;
            pendingHasLarge = savedHasLarge;
            System.arraycopy(savedPending, 0, pending, 0, ONE_BIT_CAPACITY);
            return false;
        }
        if (deltaBytes == 1) {
            deltas[deltaLength++] = (byte) ticks;
        } else {
            Wire.put16(deltas, deltaLength, (int) ticks);
            deltaLength += 2;
        }
        lastTimeMicros += ticks * DELTA_TICK_MICROS;
        return true;
    }

    /** @return statuses added so far, received or not */
    public int statusCount() {
        return statusCount;
    }

    /** @return the length {@link #write} would write now, padding included */
    public int length() {
        return length(deltaLength);
    }

    /**
     * Writes the message.
     *
     * @param out    destination, with at least {@link #length()} bytes from {@code offset}
     * @param offset where the message starts
     * @return the bytes written, a multiple of 4
     * @throws IllegalStateException if nothing was added (empty feedback is not allowed)
     */
    public int write(byte[] out, int offset) {
        if (statusCount == 0) {
            throw new IllegalStateException("no packet added: empty feedback is not allowed");
        }
        int unpadded = unpaddedLength(deltaLength);
        int total = (unpadded + 3) & ~3;
        int padding = total - unpadded;
        out[offset] = (byte) (0x80 | (padding > 0 ? 0x20 : 0) | TransportFeedback.FORMAT);
        out[offset + 1] = (byte) TransportFeedback.PACKET_TYPE;
        Wire.put16(out, offset + 2, total / 4 - 1);
        Wire.put32(out, offset + 4, senderSsrc);
        Wire.put32(out, offset + 8, mediaSsrc);
        Wire.put16(out, offset + 12, baseSequence);
        Wire.put16(out, offset + 14, statusCount);
        Wire.put24(out, offset + 16, referenceTicks);
        out[offset + 19] = (byte) feedbackCount;
        int at = offset + HEADER_LENGTH;
        for (int i = 0; i < chunkCount; i++) {
            Wire.put16(out, at, chunks[i]);
            at += 2;
        }
        if (pendingSize > 0) {
            Wire.put16(out, at, encodeLastChunk());
            at += 2;
        }
        System.arraycopy(deltas, 0, out, at, deltaLength);
        at += deltaLength;
        for (int i = 0; i < padding; i++) {
            out[at++] = 0;
        }
        if (padding > 0) {
            out[at - 1] = (byte) padding;
        }
        return total;
    }

    private int unpaddedLength(int deltaBytes) {
        return HEADER_LENGTH + 2 * (chunkCount + (pendingSize > 0 ? 1 : 0)) + deltaBytes;
    }

    private int length(int deltaBytes) {
        return (unpaddedLength(deltaBytes) + 3) & ~3;
    }

    private void addNotReceived(int count) {
        while (count > 0) {
            if (pendingSize == 0 && count >= MAX_RUN_LENGTH) {
                chunks[chunkCount++] = (short) runLength(NOT_RECEIVED, MAX_RUN_LENGTH);
                statusCount += MAX_RUN_LENGTH;
                count -= MAX_RUN_LENGTH;
            } else if (canAdd(NOT_RECEIVED)) {
                add(NOT_RECEIVED);
                count--;
            } else {
                chunks[chunkCount++] = emit();
            }
        }
    }

    private void addSymbol(int symbol) {
        if (!canAdd(symbol)) {
            chunks[chunkCount++] = emit();
        }
        add(symbol);
    }

    private boolean canAdd(int symbol) {
        if (pendingSize < TWO_BIT_CAPACITY) {
            return true;
        }
        if (pendingSize < ONE_BIT_CAPACITY && !pendingHasLarge && symbol != LARGE_DELTA) {
            return true;
        }
        return pendingSize < MAX_RUN_LENGTH && pendingAllSame && pending[0] == symbol;
    }

    private void add(int symbol) {
        if (pendingSize < ONE_BIT_CAPACITY) {
            pending[pendingSize] = (byte) symbol;
        }
        pendingAllSame = pendingAllSame && (pendingSize == 0 || pending[0] == symbol);
        pendingHasLarge |= symbol == LARGE_DELTA;
        pendingSize++;
        statusCount++;
    }

    /** Encodes a full pending chunk (it cannot take the next symbol) and keeps what is left over. */
    private short emit() {
        if (pendingAllSame) {
            int chunk = runLength(pending[0], pendingSize);
            clearPending();
            return (short) chunk;
        }
        if (pendingSize == ONE_BIT_CAPACITY) {
            int chunk = oneBitVector(ONE_BIT_CAPACITY);
            clearPending();
            return (short) chunk;
        }
        // More than 7 but a large delta among them or coming: send the first 7 as two-bit symbols.
        int chunk = twoBitVector(TWO_BIT_CAPACITY);
        int left = pendingSize - TWO_BIT_CAPACITY;
        pendingAllSame = true;
        pendingHasLarge = false;
        for (int i = 0; i < left; i++) {
            byte symbol = pending[TWO_BIT_CAPACITY + i];
            pending[i] = symbol;
            pendingAllSame &= symbol == pending[0];
            pendingHasLarge |= symbol == LARGE_DELTA;
        }
        pendingSize = left;
        return (short) chunk;
    }

    private int encodeLastChunk() {
        if (pendingAllSame) {
            return runLength(pending[0], pendingSize);
        }
        if (pendingSize <= TWO_BIT_CAPACITY) {
            return twoBitVector(pendingSize);
        }
        return oneBitVector(pendingSize);
    }

    private static int runLength(int symbol, int length) {
        return symbol << 13 | length;
    }

    private int oneBitVector(int size) {
        int chunk = 0x8000;
        for (int i = 0; i < size; i++) {
            chunk |= pending[i] << (ONE_BIT_CAPACITY - 1 - i);
        }
        return chunk;
    }

    private int twoBitVector(int size) {
        int chunk = 0xC000;
        for (int i = 0; i < size; i++) {
            chunk |= pending[i] << (2 * (TWO_BIT_CAPACITY - 1 - i));
        }
        return chunk;
    }

    private void clearPending() {
        pendingSize = 0;
        pendingAllSame = true;
        pendingHasLarge = false;
    }
}
