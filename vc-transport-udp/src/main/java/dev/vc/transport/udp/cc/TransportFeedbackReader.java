package dev.vc.transport.udp.cc;

import dev.vc.transport.udp.MalformedPacketException;

import static dev.vc.transport.udp.cc.TransportFeedback.DELTA_TICK_MICROS;
import static dev.vc.transport.udp.cc.TransportFeedback.HEADER_LENGTH;
import static dev.vc.transport.udp.cc.TransportFeedback.LARGE_DELTA;
import static dev.vc.transport.udp.cc.TransportFeedback.NOT_RECEIVED;
import static dev.vc.transport.udp.cc.TransportFeedback.REFERENCE_TICK_MICROS;

/**
 * Reads one transport-cc feedback message ({@link TransportFeedback}) and reports it to a
 * {@link TransportFeedbackHandler}. Stateless and allocation-free: the chunks are walked twice, once to check
 * that the statuses and their receive deltas fit the message, once to report them, so a malformed message
 * throws before the handler hears anything.
 *
 * <pre>{@code
 * // in an RTCP compound, for the packet with PT 205 and FMT 15:
 * try {
 *     TransportFeedbackReader.read(datagram, at, packetLength, estimatorHandler);
 * } catch (MalformedPacketException e) {
 *     dropped.increment();
 * }
 * }</pre>
 */
public final class TransportFeedbackReader {
    private TransportFeedbackReader() {
    }

    /**
     * @param packet  buffer holding the message
     * @param offset  where its RTCP header starts
     * @param length  its length in bytes, as the RTCP length field gives it (padding included)
     * @param handler told the content, after the whole message was checked
     * @throws MalformedPacketException if the message is not transport-cc feedback or its content does not
     *                                  fit its length: no status, chunks or deltas past the end, a reserved
     *                                  status symbol, bad padding
     */
    public static void read(byte[] packet, int offset, int length, TransportFeedbackHandler handler) {
        if (length < HEADER_LENGTH + 2 || offset < 0 || offset + length > packet.length) {
            throw new MalformedPacketException("transport-cc feedback shorter than " + (HEADER_LENGTH + 2)
                    + " bytes");
        }
        int first = packet[offset] & 0xFF;
        if ((first >>> 6) != 2 || (first & 0x1F) != TransportFeedback.FORMAT
                || Wire.u8(packet, offset + 1) != TransportFeedback.PACKET_TYPE) {
            throw new MalformedPacketException("not RTCP RTPFB FMT 15");
        }
        int declared = (Wire.u16(packet, offset + 2) + 1) * 4;
        if (declared > length) {
            throw new MalformedPacketException("RTCP length " + declared + " past the " + length + " bytes given");
        }
        int end = offset + declared;
        if ((first & 0x20) != 0) {
            int padding = packet[end - 1] & 0xFF;
            if (padding == 0 || padding > declared - HEADER_LENGTH) {
                throw new MalformedPacketException("bad RTCP padding " + padding);
            }
            end -= padding;
        }
        int statusCount = Wire.u16(packet, offset + 14);
        if (statusCount == 0) {
            throw new MalformedPacketException("transport-cc feedback with no status");
        }
        // Pass 1: where the chunks end and how many delta bytes they announce.
        int at = offset + HEADER_LENGTH;
        int statuses = 0;
        int deltaBytes = 0;
        while (statuses < statusCount) {
            if (at + 2 > end) {
                throw new MalformedPacketException("packet chunks past the end: " + statuses + " of "
                        + statusCount + " statuses");
            }
            int chunk = Wire.u16(packet, at);
            at += 2;
            int take = Math.min(symbolsIn(chunk), statusCount - statuses);
            // The symbol's value is its delta's size: NOT_RECEIVED 0, SMALL_DELTA 1 byte, LARGE_DELTA 2 bytes.
            if ((chunk & 0x8000) == 0) {
                int symbol = symbol(chunk, 0);
                if (symbol > LARGE_DELTA && take > 0) {
                    throw new MalformedPacketException("reserved status symbol 3 in a run at status " + statuses);
                }
                deltaBytes += symbol * take;
            } else {
                for (int i = 0; i < take; i++) {
                    int symbol = symbol(chunk, i);
                    if (symbol > LARGE_DELTA) {
                        throw new MalformedPacketException("reserved status symbol 3 at status " + (statuses + i));
                    }
                    deltaBytes += symbol;
                }
            }
            statuses += take;
        }
        int deltasStart = at;
        if (deltasStart + deltaBytes > end) {
            throw new MalformedPacketException("receive deltas need " + deltaBytes + " bytes, "
                    + (end - deltasStart) + " left");
        }

        // Pass 2: report.
        int base = Wire.u16(packet, offset + 12);
        int reference = Wire.u24(packet, offset + 16);
        handler.onFeedback(Wire.i32(packet, offset + 4), Wire.i32(packet, offset + 8), base, statusCount,
                reference, Wire.u8(packet, offset + 19));
        long time = (long) reference * REFERENCE_TICK_MICROS;
        int delta = deltasStart;
        int sequence = base;
        statuses = 0;
        at = offset + HEADER_LENGTH;
        while (statuses < statusCount) {
            int chunk = Wire.u16(packet, at);
            at += 2;
            int take = Math.min(symbolsIn(chunk), statusCount - statuses);
            for (int i = 0; i < take; i++) {
                int symbol = symbol(chunk, i);
                if (symbol == NOT_RECEIVED) {
                    handler.onNotReceived(sequence);
                } else {
                    if (symbol == LARGE_DELTA) {
                        time += (long) (short) Wire.u16(packet, delta) * DELTA_TICK_MICROS;
                        delta += 2;
                    } else {
                        time += (long) Wire.u8(packet, delta) * DELTA_TICK_MICROS;
                        delta += 1;
                    }
                    handler.onReceived(sequence, time);
                }
                sequence = (sequence + 1) & 0xFFFF;
            }
            statuses += take;
        }
    }

    /** Statuses a chunk describes (a run may describe 0). */
    private static int symbolsIn(int chunk) {
        if ((chunk & 0x8000) == 0) {
            return chunk & 0x1FFF;
        }
        return (chunk & 0x4000) == 0 ? TransportFeedback.ONE_BIT_CAPACITY : TransportFeedback.TWO_BIT_CAPACITY;
    }

    /** The {@code index}-th status of a chunk. */
    private static int symbol(int chunk, int index) {
        if ((chunk & 0x8000) == 0) {
            return (chunk >>> 13) & 0x3;
        }
        if ((chunk & 0x4000) == 0) {
            return (chunk >>> (13 - index)) & 0x1;
        }
        return (chunk >>> (2 * (6 - index))) & 0x3;
    }
}
