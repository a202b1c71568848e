package dev.vc.transport.udp.h264;

import dev.vc.api.TransportSettings;
import dev.vc.transport.udp.PacketSink;
import dev.vc.transport.udp.Packetizer;
import dev.vc.transport.udp.internal.Bytes;
import dev.vc.transport.udp.jpeg.JpegPacketizer;
import dev.vc.transport.udp.rtp.NtpTime;
import dev.vc.transport.udp.rtp.RtpPacketWriter;

import java.util.Arrays;

/**
 * Splits an H.264 access unit into RTP packets per RFC 6184 in packetization mode 1 (non-interleaved):
 * bytes in, packets out, no socket.
 *
 * <p>The access unit is an Annex-B byte stream (each NAL unit after a {@code 00 00 01} or {@code 00 00 00 01}
 * start code, as encoders write it). Each packet is {@value RtpPacketWriter#HEADER_LENGTH} bytes of RTP header
 * (with abs-capture-time) and one of
 * <ul>
 *   <li>a <b>STAP-A</b> (§5.7.1) aggregating a run of consecutive SPS and PPS NAL units (types 7, 8) when
 *       more than one of them fits: header {@code F|NRI(max)|24}, then {@code size(16) NAL} per unit;</li>
 *   <li>a <b>single NAL unit packet</b> (§5.6) for any other NAL unit that fits;</li>
 *   <li><b>FU-A</b> fragments (§5.8) of a NAL unit larger than the packet: FU indicator {@code F|NRI|28},
 *       FU header {@code S|E|0|type}, then a slice of the NAL unit without its header byte. S is set on the
 *       first fragment only, E on the last only.</li>
 * </ul>
 * Packets never exceed the MTU; the last packet of the access unit carries the marker bit; all packets share
 * the RTP timestamp and capture time.
 *
 * <pre>{@code
 * H264Packetizer packetizer = new H264Packetizer(1200);
 * RtpPacketWriter rtp = RtpPacketWriter.random(ssrc, VideoCodec.H264.defaultPayloadType(), new SecureRandom());
 * packetizer.packetize(frame.data(), 0, frame.length(), frame.captureTimeNanos(), rtp,
 *         (packet, offset, length) -> channel.send(ByteBuffer.wrap(packet, offset, length), remote));
 * }</pre>
 *
 * <p>Reuses one packet buffer and its NAL unit index; allocates nothing once the index has grown to the
 * largest NAL unit count seen. Not thread-safe.
 */
public final class H264Packetizer implements Packetizer {
    /** FU indicator and FU header. */
    private static final int FU_HEADERS = 2;
    private static final int STAP_SIZE_FIELD = 2;

    private final int mtu;
    private final int room;
    private final byte[] packet;
    private int[] nalStart = new int[16];
    private int[] nalEnd = new int[16];
    private int nalCount;

    /**
     * @param mtu largest packet (UDP payload) to produce, in {@code [TransportSettings.MIN_MTU, 65507]}
     */
    public H264Packetizer(int mtu) {
        if (mtu < TransportSettings.MIN_MTU || mtu > JpegPacketizer.MAX_UDP_PAYLOAD) {
            throw new IllegalArgumentException("MTU must be in " + TransportSettings.MIN_MTU + ".."
                    + JpegPacketizer.MAX_UDP_PAYLOAD + ", got " + mtu);
        }
        this.mtu = mtu;
        this.room = mtu - RtpPacketWriter.HEADER_LENGTH;
        this.packet = new byte[mtu];
    }

    /** @return the largest packet this packetizer produces */
    public int mtu() {
        return mtu;
    }

    /**
     * Packetizes one access unit. The byte stream is split and checked completely before the first packet, so
     * a rejected access unit produces no packet and consumes no sequence number.
     *
     * @param annexB           buffer holding the access unit as an Annex-B byte stream
     * @param offset           where it starts
     * @param length           its length
     * @param captureTimeNanos capture time, epoch nanoseconds: sets the RTP timestamp and abs-capture-time
     * @param rtp              the stream's header writer
     * @param sink             receives each packet
     * @return the number of packets produced
     * @throws H264FormatException if the bytes are not an Annex-B access unit mode 1 can carry
     */
    @Override
    public int packetize(byte[] annexB, int offset, int length, long captureTimeNanos, RtpPacketWriter rtp,
                         PacketSink sink) {
        if (annexB == null || offset < 0 || length < 0 || offset > annexB.length - length) {
            throw new IllegalArgumentException("access unit bounds outside the buffer");
        }
        split(annexB, offset, offset + length);
        int timestamp = rtp.timestamp(captureTimeNanos);
        long ntp = NtpTime.fromEpochNanos(captureTimeNanos);
        int packets = 0;
        int i = 0;
        while (i < nalCount) {
            int run = parameterSetRun(annexB, i);
            if (run >= 2) {
                packets += sendStapA(annexB, i, run, i + run == nalCount, timestamp, ntp, rtp, sink);
                i += run;
                continue;
            }
            boolean lastNal = i == nalCount - 1;
            int nalLength = nalEnd[i] - nalStart[i];
            if (nalLength <= room) {
                int at = rtp.writeHeader(packet, 0, lastNal, timestamp, ntp);
                System.arraycopy(annexB, nalStart[i], packet, at, nalLength);
                sink.accept(packet, 0, at + nalLength);
                packets++;
            } else {
                packets += sendFuA(annexB, nalStart[i], nalLength, lastNal, timestamp, ntp, rtp, sink);
            }
            i++;
        }
        return packets;
    }

    /** @return how many consecutive SPS/PPS NAL units from {@code first} fit into one STAP-A */
    private int parameterSetRun(byte[] data, int first) {
        int size = 1;
        int j = first;
        while (j < nalCount) {
            int type = H264.type(data[nalStart[j]]);
            int nalLength = nalEnd[j] - nalStart[j];
            if ((type != H264.SPS && type != H264.PPS) || size + STAP_SIZE_FIELD + nalLength > room) {
                break;
            }
            size += STAP_SIZE_FIELD + nalLength;
            j++;
        }
        return j - first;
    }

    private int sendStapA(byte[] data, int first, int count, boolean last, int timestamp, long ntp,
                          RtpPacketWriter rtp, PacketSink sink) {
        int at = rtp.writeHeader(packet, 0, last, timestamp, ntp);
        int headerAt = at++;
        int nri = 0;
        int forbidden = 0;
        for (int j = first; j < first + count; j++) {
            int nalLength = nalEnd[j] - nalStart[j];
            nri = Math.max(nri, data[nalStart[j]] & H264.NRI_MASK);
            forbidden |= data[nalStart[j]] & H264.FORBIDDEN_BIT;
            Bytes.put16(packet, at, nalLength);
            System.arraycopy(data, nalStart[j], packet, at + STAP_SIZE_FIELD, nalLength);
            at += STAP_SIZE_FIELD + nalLength;
        }
        packet[headerAt] = (byte) (forbidden | nri | H264.STAP_A);
        sink.accept(packet, 0, at);
        return 1;
    }

    private int sendFuA(byte[] data, int start, int nalLength, boolean lastNal, int timestamp, long ntp,
                        RtpPacketWriter rtp, PacketSink sink) {
        int header = data[start] & 0xFF;
        byte indicator = (byte) ((header & (H264.FORBIDDEN_BIT | H264.NRI_MASK)) | H264.FU_A);
        int type = H264.type(header);
        int chunkMax = room - FU_HEADERS;
        int sent = 1; // the NAL header travels in the FU indicator and header
        int packets = 0;
        while (sent < nalLength) {
            int chunk = Math.min(chunkMax, nalLength - sent);
            boolean first = sent == 1;
            boolean end = sent + chunk == nalLength;
            int at = rtp.writeHeader(packet, 0, lastNal && end, timestamp, ntp);
            packet[at] = indicator;
            packet[at + 1] = (byte) ((first ? H264.FU_START : 0) | (end ? H264.FU_END : 0) | type);
            System.arraycopy(data, start + sent, packet, at + FU_HEADERS, chunk);
            sink.accept(packet, 0, at + FU_HEADERS + chunk);
            sent += chunk;
            packets++;
        }
        return packets;
    }

    /** Finds the NAL units of {@code data[from, to)} and checks their headers. */
    private void split(byte[] data, int from, int to) {
        nalCount = 0;
        int code = findStartCode(data, from, to);
        if (code < 0) {
            throw new H264FormatException("not an Annex-B byte stream: no start code");
        }
        for (int i = from; i < code; i++) {
            if (data[i] != 0) {
                throw new H264FormatException("not an Annex-B byte stream: " + (code - from)
                        + " bytes before the first start code");
            }
        }
        int start = code + 3;
        while (start <= to) {
            int next = findStartCode(data, start, to);
            int end = next < 0 ? to : next;
            int trimmed = end;
            while (trimmed > start && data[trimmed - 1] == 0) {
                trimmed--; // trailing_zero_8bits and the leading zero of a 4-byte start code
            }
            if (trimmed > start) {
                addNal(data, start, trimmed);
            }
            if (next < 0) {
                break;
            }
            start = next + 3;
        }
        if (nalCount == 0) {
            throw new H264FormatException("access unit without NAL units");
        }
    }

    private void addNal(byte[] data, int start, int end) {
        int header = data[start] & 0xFF;
        if ((header & H264.FORBIDDEN_BIT) != 0) {
            throw new H264FormatException("NAL unit " + nalCount + " has the forbidden bit set");
        }
        int type = H264.type(header);
        if (type == 0 || type > H264.MAX_SINGLE_TYPE) {
            throw new H264FormatException("NAL unit " + nalCount + " has type " + type
                    + ", which a byte stream does not carry");
        }
        if (nalCount == nalStart.length) {
            nalStart = Arrays.copyOf(nalStart, nalCount * 2);
            nalEnd = Arrays.copyOf(nalEnd, nalCount * 2);
        }
        nalStart[nalCount] = start;
        nalEnd[nalCount] = end;
        nalCount++;
    }

    /** @return the index of the first byte of the next {@code 00 00 01} in {@code [from, to)}, or -1 */
    static int findStartCode(byte[] data, int from, int to) {
        for (int i = from; i + 2 < to; i++) {
            if ((data[i + 2] & 0xFF) > 1) {
                i += 2; // none of the three can start a start code ending at i + 2
            } else if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                return i;
            }
        }
        return -1;
    }
}
