package dev.vc.transport.udp.h264;

import dev.vc.api.EncodedFrame;
import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.internal.Bytes;
import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtpSequence;

import java.util.Arrays;

/**
 * Rebuilds one H.264 access unit from its RFC 6184 packets (packetization mode 1): bytes in, an Annex-B
 * access unit out, no socket.
 *
 * <p>Accepts single NAL unit packets (types 1-23), STAP-A (24) and FU-A (28); STAP-B, MTAP and FU-B (the
 * interleaved mode) and the reserved types are {@link MalformedPacketException}s. Packets may come in any
 * order and more than once: each payload is kept with its sequence number, and the access unit is written in
 * sequence order once it {@linkplain #isComplete() is complete}: the marker packet (or {@link #markEnd()})
 * gave its end and no sequence number between the lowest received and the end is missing. Each NAL unit is
 * written after a 4-byte start code; FU-A fragments are joined, their NAL header rebuilt from the FU
 * indicator (F, NRI) and FU header (type).
 *
 * <p>RTP gives an H.264 access unit no "first packet" flag, so this class cannot always know whether packets
 * <em>before</em> the lowest one it got were lost. It can when the lowest packet begins with an access unit
 * delimiter, a parameter set, SEI, or the first slice of the picture ({@link #startsAtLowest()}): nothing of the
 * access unit comes before such a unit (H.264 7.4.1.2.3); a keyframe of vc's senders begins so, with SPS and
 * PPS in one STAP-A, and a relay starts a receiver's stream there, and so do the streams of GStreamer and ffmpeg. Otherwise the receive pipeline settles it from
 * the stream: the access unit starts right after a sequence number known to belong to an earlier access unit.
 *
 * <pre>{@code
 * H264Depacketizer depacketizer = new H264Depacketizer(H264Depacketizer.DEFAULT_MAX_FRAME_BYTES);
 * for (each RTP packet of the access unit) {
 *     depacketizer.add(rtp.parse(packet, 0, length));
 * }
 * if (depacketizer.isComplete()) {
 *     depacketizer.writeTo(frame);      // Annex-B; then keyframe(), width(), height()
 * }
 * depacketizer.reset();
 * }</pre>
 *
 * <p>Checked per packet ({@link #add}): payload types, STAP-A sizes (no unit of size 0, none past the
 * packet end, no trailing byte), FU-A with both S and E set. Checked over the ordered packets ({@link
 * #writeAnnexB}): every FU-A run starts with S, ends with E, keeps its type and NRI, and is not interrupted.
 * Buffers grow up to the maximum frame size and are kept across {@link #reset()}s. Not thread-safe.
 */
public final class H264Depacketizer {
    /** Default bound on an access unit's Annex-B size: 4 MiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 4 << 20;
    /** Most packets one access unit may span. */
    public static final int MAX_PACKETS = 8192;
    /** Bytes of the start code written before every NAL unit. */
    public static final int START_CODE_LENGTH = 4;

    private static final int INITIAL_CAPACITY = 16 * 1024;
    private static final int INITIAL_PACKETS = 64;

    private final int maxFrameBytes;
    private final long[] seen = new long[MAX_PACKETS / 64];
    private final SpsReader sps = new SpsReader();
    private byte[] payloads;
    private int payloadBytes;
    private int[] sequences = new int[INITIAL_PACKETS];
    private int[] offsets = new int[INITIAL_PACKETS];
    private int[] lengths = new int[INITIAL_PACKETS];
    private int[] order = new int[INITIAL_PACKETS];
    private int count;
    private int lowest;
    private int highest;
    private int timestamp;
    private boolean ended;
    private boolean lowestStarts;
    private boolean lowestOpensDecodable;
    private int endSequence;
    private int annexBLength;
    private boolean keyframe;
    private int width;
    private int height;

    /** Creates a depacketizer bounded by {@link #DEFAULT_MAX_FRAME_BYTES}. */
    public H264Depacketizer() {
        this(DEFAULT_MAX_FRAME_BYTES);
    }

    /** @param maxFrameBytes largest Annex-B access unit accepted, in bytes */
    public H264Depacketizer(int maxFrameBytes) {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("max frame bytes must be positive");
        }
        this.maxFrameBytes = maxFrameBytes;
        this.payloads = new byte[Math.min(INITIAL_CAPACITY, maxFrameBytes)];
        reset();
    }

    /** Forgets the current access unit; the buffers are kept. */
    public void reset() {
        for (int i = 0; i < count; i++) {
            int b = sequences[i] & (MAX_PACKETS - 1);
            seen[b >>> 6] &= ~(1L << b);
        }
        count = 0;
        payloadBytes = 0;
        annexBLength = 0;
        ended = false;
        lowestStarts = false;
        lowestOpensDecodable = false;
        keyframe = false;
        width = 0;
        height = 0;
    }

    /**
     * Checks one RTP payload on its own, as {@link #add} does.
     *
     * @param payload buffer
     * @param offset  where the payload starts (after the RTP header)
     * @param length  its length, without padding
     * @return the bytes of Annex-B output the payload yields
     * @throws MalformedPacketException if mode 1 does not allow the payload or its structure is broken
     */
    public static int check(byte[] payload, int offset, int length) {
        if (payload == null || offset < 0 || length < 0 || offset > payload.length - length) {
            throw new MalformedPacketException("payload bounds outside the buffer");
        }
        if (length < 1) {
            throw new MalformedPacketException("empty H.264 payload");
        }
        int header = payload[offset] & 0xFF;
        int type = H264.type(header);
        if (type >= 1 && type <= H264.MAX_SINGLE_TYPE) {
            return START_CODE_LENGTH + length;
        }
        if (type == H264.STAP_A) {
            return checkStapA(payload, offset, length);
        }
        if (type == H264.FU_A) {
            if (length < 2) {
                throw new MalformedPacketException("FU-A without FU header");
            }
            int fu = payload[offset + 1] & 0xFF;
            if ((fu & H264.FU_START) != 0 && (fu & H264.FU_END) != 0) {
                throw new MalformedPacketException("FU-A with both start and end bits set");
            }
            int fuType = H264.type(fu);
            if (fuType == 0 || fuType > H264.MAX_SINGLE_TYPE) {
                throw new MalformedPacketException("FU-A fragment of a NAL unit of type " + fuType);
            }
            return ((fu & H264.FU_START) != 0 ? START_CODE_LENGTH + 1 : 0) + length - 2;
        }
        throw new MalformedPacketException("payload type " + type
                + " is not allowed in packetization mode 1 (single NAL 1-23, STAP-A 24, FU-A 28)");
    }

    private static int checkStapA(byte[] payload, int offset, int length) {
        int at = offset + 1;
        int end = offset + length;
        if (at == end) {
            throw new MalformedPacketException("STAP-A without NAL units");
        }
        int output = 0;
        while (at < end) {
            if (end - at < 2) {
                throw new MalformedPacketException("STAP-A: truncated NAL unit size");
            }
            int size = Bytes.u16(payload, at);
            at += 2;
            if (size == 0) {
                throw new MalformedPacketException("STAP-A: NAL unit of size 0");
            }
            if (size > end - at) {
                throw new MalformedPacketException("STAP-A: NAL unit of " + size + " bytes runs past the packet end");
            }
            int type = H264.type(payload[at]);
            if (type == 0 || type > H264.MAX_SINGLE_TYPE) {
                throw new MalformedPacketException("STAP-A: aggregated NAL unit of type " + type);
            }
            output += START_CODE_LENGTH + size;
            at += size;
        }
        return output;
    }

    /**
     * Adds one packet of the access unit.
     *
     * @param rtp the parsed packet; its payload is copied
     * @return true if the packet was new; false if a packet with its sequence number is there already
     * @throws MalformedPacketException if the payload is malformed, or the packet cannot belong to this access
     *                                  unit: another timestamp, past the end or a second marker, more than
     *                                  {@value #MAX_PACKETS} packets, or more than the maximum frame size.
     *                                  The access unit should then be discarded.
     */
    public boolean add(RtpHeader rtp) {
        byte[] buffer = rtp.buffer();
        int from = rtp.payloadOffset();
        int length = rtp.payloadLength();
        int output = check(buffer, from, length);
        int sequence = rtp.sequence();
        int low = sequence;
        int high = sequence;
        if (count > 0) {
            if (rtp.timestamp() != timestamp) {
                throw new MalformedPacketException("packet of another timestamp");
            }
            boolean belowLowest = RtpSequence.distance(lowest, sequence) < 0;
            boolean aboveHighest = RtpSequence.distance(highest, sequence) > 0;
            if (!belowLowest && !aboveHighest && isSeen(sequence)) {
                return false;
            }
            low = belowLowest ? sequence : lowest;
            high = aboveHighest ? sequence : highest;
            if (RtpSequence.distance(low, high) >= MAX_PACKETS || RtpSequence.distance(low, high) < 0) {
                throw new MalformedPacketException("access unit spans more than " + MAX_PACKETS + " packets");
            }
        }
        if (ended && RtpSequence.distance(endSequence, sequence) > 0) {
            throw new MalformedPacketException("packet after the access unit's last packet");
        }
        if (rtp.marker()) {
            if (ended && endSequence != sequence) {
                throw new MalformedPacketException("two different last packets");
            }
            if (count > 0 && RtpSequence.distance(sequence, highest) > 0) {
                throw new MalformedPacketException("packet after the marker packet");
            }
        }
        if ((long) annexBLength + output > maxFrameBytes) {
            throw new MalformedPacketException("access unit exceeds " + maxFrameBytes + " bytes");
        }
        if (rtp.marker()) {
            ended = true;
            endSequence = sequence;
        }
        if (count == 0) {
            timestamp = rtp.timestamp();
        }
        if (count == 0 || low != lowest) {
            lowestStarts = H264AccessUnitStart.test(buffer, from, length);
            lowestOpensDecodable = H264AccessUnitStart.opensDecodable(buffer, from, length);
        }
        lowest = low;
        highest = high;
        store(sequence, buffer, from, length);
        annexBLength += output;
        return true;
    }

    private void store(int sequence, byte[] buffer, int from, int length) {
        if (count == sequences.length) {
            int grown = Math.min(MAX_PACKETS, count * 2);
            sequences = Arrays.copyOf(sequences, grown);
            offsets = Arrays.copyOf(offsets, grown);
            lengths = Arrays.copyOf(lengths, grown);
            order = new int[grown];
        }
        if (payloads.length - payloadBytes < length) {
            long needed = (long) payloadBytes + length;
            payloads = Arrays.copyOf(payloads, (int) Math.min(Integer.MAX_VALUE - 8,
                    Math.max(needed, 2L * payloads.length)));
        }
        System.arraycopy(buffer, from, payloads, payloadBytes, length);
        sequences[count] = sequence;
        offsets[count] = payloadBytes;
        lengths[count] = length;
        payloadBytes += length;
        count++;
        int b = sequence & (MAX_PACKETS - 1);
        seen[b >>> 6] |= 1L << b;
    }

    /**
     * @return whether the lowest packet received begins an access unit (an AUD, SPS, PPS or SEI, or a slice whose
     *         {@code first_mb_in_slice} is 0; alone, first in a STAP-A or as an FU-A's start), so the access unit is
     *         known to start there (false when {@link #isEmpty()})
     */
    public boolean startsAtLowest() {
        return count > 0 && lowestStarts;
    }

    /**
     * @return whether the lowest packet received begins with an access unit delimiter or a sequence parameter set
     *         ({@link #startsAtLowest()}, and more): whatever was lost before it, the access unit from there on holds
     *         all its decoder needs, as a keyframe of vc's senders and of GStreamer, ffmpeg and browsers does
     */
    public boolean opensDecodableAtLowest() {
        return count > 0 && lowestOpensDecodable;
    }

    private boolean isSeen(int sequence) {
        int b = sequence & (MAX_PACKETS - 1);
        return (seen[b >>> 6] & (1L << b)) != 0;
    }

    /**
     * Declares the highest packet received the access unit's last, for senders that do not set the marker
     * bit: the stream saw the next sequence number carry another timestamp.
     */
    public void markEnd() {
        if (count > 0 && !ended) {
            ended = true;
            endSequence = highest;
        }
    }

    /**
     * @return whether the end is known (marker packet or {@link #markEnd()}) and every packet from the lowest
     *         received to the end has arrived
     */
    public boolean isComplete() {
        return count > 0 && ended && endSequence == highest && RtpSequence.distance(lowest, highest) + 1 == count;
    }

    /** @return whether any packet has been added since the last {@link #reset()} */
    public boolean isEmpty() {
        return count == 0;
    }

    /** @return whether the end of the access unit is known */
    public boolean hasEnd() {
        return ended;
    }

    /** @return the lowest sequence number received (undefined when {@link #isEmpty()}) */
    public int lowestSequence() {
        return lowest;
    }

    /** @return the highest sequence number received (undefined when {@link #isEmpty()}) */
    public int highestSequence() {
        return highest;
    }

    /** @return the access unit's RTP timestamp (undefined when {@link #isEmpty()}) */
    public int timestamp() {
        return timestamp;
    }

    /** @return the size of the Annex-B access unit {@link #writeAnnexB} writes */
    public int annexBLength() {
        requireComplete();
        return annexBLength;
    }

    /**
     * Writes the complete access unit into {@code frame}'s buffer (growing it) and sets its length; the caller
     * {@linkplain EncodedFrame#describe describes} it, with {@link #keyframe()}, {@link #width()} and {@link
     * #height()}.
     *
     * @param frame destination
     * @return {@code frame}
     * @throws IllegalStateException    if the access unit is not complete
     * @throws MalformedPacketException if its fragmentation units do not join up
     */
    public EncodedFrame writeTo(EncodedFrame frame) {
        int length = annexBLength();
        writeAnnexB(frame.ensureCapacity(length), 0);
        return frame.length(length);
    }

    /**
     * Writes the complete access unit in Annex-B form, a 4-byte start code before each NAL unit.
     *
     * @param out    destination, at least {@link #annexBLength()} bytes from {@code offset}
     * @param offset where to write
     * @return bytes written
     * @throws IllegalStateException    if the access unit is not complete
     * @throws MalformedPacketException if its fragmentation units do not join up (a start inside a fragmented
     *                                  NAL unit, a continuation without its start, fragments that disagree on
     *                                  type or NRI, another packet between fragments, no end fragment)
     */
    public int writeAnnexB(byte[] out, int offset) {
        int length = annexBLength();
        for (int i = 0; i < count; i++) {
            order[RtpSequence.distance(lowest, sequences[i])] = i;
        }
        keyframe = false;
        width = 0;
        height = 0;
        int at = offset;
        boolean inFu = false;
        int fuIndicator = 0;
        int fuType = 0;
        int fuNalStart = 0;
        for (int k = 0; k < count; k++) {
            int p = offsets[order[k]];
            int n = lengths[order[k]];
            int type = H264.type(payloads[p]);
            if (type == H264.FU_A) {
                int fu = payloads[p + 1] & 0xFF;
                int indicator = payloads[p] & (H264.FORBIDDEN_BIT | H264.NRI_MASK);
                if ((fu & H264.FU_START) != 0) {
                    if (inFu) {
                        throw new MalformedPacketException("FU-A start inside another fragmented NAL unit");
                    }
                    inFu = true;
                    fuIndicator = indicator;
                    fuType = H264.type(fu);
                    at = startCode(out, at);
                    fuNalStart = at;
                    out[at++] = (byte) (indicator | fuType);
                } else if (!inFu) {
                    throw new MalformedPacketException("FU-A continuation without its start fragment");
                } else if (H264.type(fu) != fuType || indicator != fuIndicator) {
                    throw new MalformedPacketException("FU-A fragments disagree on NAL type or NRI");
                }
                System.arraycopy(payloads, p + 2, out, at, n - 2);
                at += n - 2;
                if ((fu & H264.FU_END) != 0) {
                    inFu = false;
                    nalWritten(out, fuNalStart, at - fuNalStart);
                }
                continue;
            }
            if (inFu) {
                throw new MalformedPacketException("a NAL unit between the fragments of another");
            }
            if (type == H264.STAP_A) {
                int q = p + 1;
                int end = p + n;
                while (q < end) {
                    int size = Bytes.u16(payloads, q);
                    q += 2;
                    at = startCode(out, at);
                    System.arraycopy(payloads, q, out, at, size);
                    nalWritten(out, at, size);
                    at += size;
                    q += size;
                }
            } else {
                at = startCode(out, at);
                System.arraycopy(payloads, p, out, at, n);
                nalWritten(out, at, n);
                at += n;
            }
        }
        if (inFu) {
            throw new MalformedPacketException("access unit ends inside a fragmented NAL unit");
        }
        if (at - offset != length) {
            throw new IllegalStateException("Annex-B length " + (at - offset) + " != " + length);
        }
        return length;
    }

    private static int startCode(byte[] out, int at) {
        out[at] = 0;
        out[at + 1] = 0;
        out[at + 2] = 0;
        out[at + 3] = 1;
        return at + START_CODE_LENGTH;
    }

    private void nalWritten(byte[] out, int at, int length) {
        int type = H264.type(out[at]);
        if (type == H264.IDR_SLICE) {
            keyframe = true;
        } else if (type == H264.SPS && width == 0) {
            try {
                sps.parse(out, at, length);
                width = sps.width();
                height = sps.height();
            } catch (MalformedPacketException e) {
                // the size stays unknown; the decoder judges the SPS
            }
        }
    }

    private void requireComplete() {
        if (!isComplete()) {
            throw new IllegalStateException("access unit is not complete");
        }
    }

    /** @return whether the access unit last written holds an IDR slice (NAL type 5) */
    public boolean keyframe() {
        return keyframe;
    }

    /** @return the picture width from the SPS of the access unit last written, 0 if it had none */
    public int width() {
        return width;
    }

    /** @return the picture height from the SPS of the access unit last written, 0 if it had none */
    public int height() {
        return height;
    }
}
