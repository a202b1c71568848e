package dev.vc.transport.udp.jpeg;

import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtpPacketWriter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Packetizes into lists of copies, for tests that reorder, duplicate or lose packets. */
public final class TestPackets {
    private TestPackets() {
    }

    /**
     * @param jpeg             a JFIF
     * @param mtu              largest packet
     * @param captureTimeNanos capture time
     * @param rtp              the stream's header writer
     * @return one copy per packet, in sending order
     */
    public static List<byte[]> packetize(byte[] jpeg, int mtu, long captureTimeNanos, RtpPacketWriter rtp) {
        List<byte[]> packets = new ArrayList<>();
        new JpegPacketizer(mtu).packetize(jpeg, 0, jpeg.length, captureTimeNanos, rtp,
                (packet, offset, length) -> packets.add(Arrays.copyOfRange(packet, offset, offset + length)));
        return packets;
    }

    /**
     * Rebuilds a frame from packets with a bare depacketizer, in the given order.
     *
     * @param packets RTP packets of one frame
     * @return the JFIF, or null if the packets do not make a complete frame
     */
    public static byte[] depacketize(List<byte[]> packets) {
        RtpHeader rtp = new RtpHeader();
        JpegPayloadHeader header = new JpegPayloadHeader();
        JpegDepacketizer depacketizer = new JpegDepacketizer();
        for (byte[] packet : packets) {
            rtp.parse(packet, 0, packet.length);
            header.parse(packet, rtp.payloadOffset(), rtp.payloadLength());
            depacketizer.add(header, rtp.marker());
        }
        if (!depacketizer.isComplete()) {
            return null;
        }
        byte[] out = new byte[depacketizer.jfifLength()];
        depacketizer.writeJfif(out, 0);
        return out;
    }
}
