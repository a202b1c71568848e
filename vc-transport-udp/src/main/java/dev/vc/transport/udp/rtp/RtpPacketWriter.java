package dev.vc.transport.udp.rtp;

import dev.vc.transport.udp.cc.TransportSequenceNumber;
import dev.vc.transport.udp.internal.Bytes;

import java.util.Random;

/**
 * Writes the RTP headers of one outgoing stream (RFC 3550 §5.1): fixed SSRC and payload type, a sequence
 * number that advances by one per packet and wraps at 65535, and on every packet one header extension block
 * holding abs-capture-time and the transport-wide sequence number.
 *
 * <p>vc's header is always {@value #HEADER_LENGTH} bytes: V=2, P=0, X=1, CC=0, M on the last packet of a
 * frame, PT, sequence, timestamp, SSRC, then one RFC 8285 one-byte-form block of 16 bytes: the
 * {@link AbsCaptureTime} element (ID 1, 9 bytes) and the {@link TransportSequenceNumber} element
 * (ID {@value #TRANSPORT_SEQUENCE_ID}, 3 bytes) where the abs-capture-time block alone had its 3 bytes of
 * padding. The transport-wide sequence number is written as 0 here; the send chain stamps the real one after
 * pacing, at {@link #TRANSPORT_SEQUENCE_OFFSET}, as the packet leaves. The initial sequence number and
 * the timestamp offset should be random (RFC 3550 §5.1); {@link #random} draws them, the sequence number below
 * 0x8000 ({@link #randomInitialSequence}).
 *
 * <pre>{@code
 * RtpPacketWriter rtp = RtpPacketWriter.random(ssrc, VideoCodec.JPEG.defaultPayloadType(), new SecureRandom());
 * int ts = rtp.timestamp(frame.captureTimeNanos());
 * int n = rtp.writeHeader(packet, 0, last, ts, NtpTime.fromEpochNanos(frame.captureTimeNanos()));
 * }</pre>
 *
 * <p>Not thread-safe: one writer per sending thread.
 */
public final class RtpPacketWriter {
    /** Bytes of every header this writer produces: 12 fixed plus 16 of extension. */
    public static final int HEADER_LENGTH = RtpHeader.FIXED_HEADER_LENGTH + AbsCaptureTime.EXTENSION_LENGTH;
    /** The element ID of the transport-wide sequence number vc sends ({@link TransportSequenceNumber#DEFAULT_ID}). */
    public static final int TRANSPORT_SEQUENCE_ID = TransportSequenceNumber.DEFAULT_ID;
    /** Where, from the packet's start, the transport-wide sequence number's two bytes are. */
    public static final int TRANSPORT_SEQUENCE_OFFSET = RtpHeader.FIXED_HEADER_LENGTH + 4 + 1
            + AbsCaptureTime.DATA_LENGTH + 1;

    private final int ssrc;
    private int payloadType;
    private int timestampOffset;
    private int sequence;

    /**
     * @param ssrc            the stream's synchronisation source identifier
     * @param payloadType     RTP payload type, 0..127
     * @param initialSequence the first packet's sequence number, 0..65535
     * @param timestampOffset added to every 90 kHz timestamp
     */
    public RtpPacketWriter(int ssrc, int payloadType, int initialSequence, int timestampOffset) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be in 0..127, got " + payloadType);
        }
        if (initialSequence < 0 || initialSequence > RtpSequence.MAX) {
            throw new IllegalArgumentException("sequence number must be in 0..65535, got " + initialSequence);
        }
        this.ssrc = ssrc;
        this.payloadType = payloadType;
        this.sequence = initialSequence;
        this.timestampOffset = timestampOffset;
    }

    /**
     * @param ssrc        the stream's SSRC
     * @param payloadType RTP payload type
     * @param random      source of the initial sequence number and timestamp offset
     * @return a writer with a random starting sequence number and timestamp offset
     */
    public static RtpPacketWriter random(int ssrc, int payloadType, Random random) {
        return new RtpPacketWriter(ssrc, payloadType, randomInitialSequence(random), random.nextInt());
    }

    /**
     * @param random a source of randomness
     * @return a random first sequence number below 0x8000 (RFC 3550 §5.1 wants it random; below half the space, an
     *         SRTP receiver that missed the first packets still starts its rollover counter at 0, RFC 3711 §3.3.1)
     */
    public static int randomInitialSequence(Random random) {
        return random.nextInt(RtpSequence.MODULUS / 2);
    }

    /**
     * Writes a 12-byte fixed header without CSRCs.
     *
     * @param buffer      destination
     * @param offset      where the packet starts
     * @param extension   the X bit
     * @param marker      the M bit
     * @param payloadType PT, 0..127
     * @param sequence    sequence number, 0..65535
     * @param timestamp   RTP timestamp
     * @param ssrc        SSRC
     * @return {@value RtpHeader#FIXED_HEADER_LENGTH}
     */
    public static int writeFixedHeader(byte[] buffer, int offset, boolean extension, boolean marker,
                                       int payloadType, int sequence, int timestamp, int ssrc) {
        buffer[offset] = (byte) (RtpHeader.VERSION << 6 | (extension ? 0x10 : 0));
        buffer[offset + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        Bytes.put16(buffer, offset + 2, sequence);
        Bytes.put32(buffer, offset + 4, timestamp);
        Bytes.put32(buffer, offset + 8, ssrc);
        return RtpHeader.FIXED_HEADER_LENGTH;
    }

    /**
     * Continues another writer's stream of the same SSRC (the same participant's stream on a new transport): the
     * next packet carries the sequence number after the other's last, with the same timestamp offset, so receivers
     * see one stream. Called before this writer writes anything, while the other writes no more.
     *
     * @param previous the writer whose stream this one continues
     * @throws IllegalArgumentException if its SSRC differs
     */
    public void continueFrom(RtpPacketWriter previous) {
        if (previous.ssrc != ssrc) {
            throw new IllegalArgumentException("cannot continue SSRC " + Integer.toHexString(previous.ssrc) + " as "
                    + Integer.toHexString(ssrc));
        }
        this.sequence = previous.sequence;
        this.timestampOffset = previous.timestampOffset;
    }

    /**
     * Writes the next packet's header and advances the sequence number.
     *
     * @param buffer    destination, at least {@value #HEADER_LENGTH} bytes from {@code offset}
     * @param offset    where the packet starts
     * @param marker    true on the last packet of a frame
     * @param timestamp the frame's RTP timestamp ({@link #timestamp(long)})
     * @param ntpTime   the frame's capture time as an NTP timestamp
     * @return {@value #HEADER_LENGTH}, the bytes written
     */
    public int writeHeader(byte[] buffer, int offset, boolean marker, int timestamp, long ntpTime) {
        writeFixedHeader(buffer, offset, true, marker, payloadType, sequence, timestamp, ssrc);
        AbsCaptureTime.writeExtension(buffer, offset + RtpHeader.FIXED_HEADER_LENGTH, ntpTime);
        // In abs-capture-time's 3 bytes of padding: the block keeps its 16 bytes.
        TransportSequenceNumber.writeElement(buffer, offset + TRANSPORT_SEQUENCE_OFFSET - 1, TRANSPORT_SEQUENCE_ID, 0);
        sequence = RtpSequence.next(sequence);
        return HEADER_LENGTH;
    }

    /**
     * @param captureTimeNanos a frame's capture time in epoch nanoseconds
     * @return its 90 kHz RTP timestamp in this stream
     */
    public int timestamp(long captureTimeNanos) {
        return RtpTimestamp.fromNanos(captureTimeNanos, timestampOffset);
    }

    /** @return the stream's SSRC */
    public int ssrc() {
        return ssrc;
    }

    /**
     * Switches the payload type of the following packets, keeping the SSRC, the sequence numbers and the
     * timestamp offset: a sender that changes codec stays one RTP stream (RFC 3550 §5.1 lets PT change).
     *
     * @param payloadType RTP payload type, 0..127
     */
    public void setPayloadType(int payloadType) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be in 0..127, got " + payloadType);
        }
        this.payloadType = payloadType;
    }

    /** @return the payload type written into every header */
    public int payloadType() {
        return payloadType;
    }

    /** @return the sequence number the next header will carry */
    public int nextSequence() {
        return sequence;
    }

    /** @return the random offset added to every timestamp */
    public int timestampOffset() {
        return timestampOffset;
    }
}
