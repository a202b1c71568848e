package dev.vc.transport.udp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes UDP payloads into a classic libpcap file (Ethernet link type) with made-up Ethernet, IPv4 and UDP
 * headers, so tools such as tshark can dissect what the packetizer produced.
 */
final class PcapWriter {
    private static final int LINKTYPE_ETHERNET = 1;

    private PcapWriter() {
    }

    /**
     * @param file    destination
     * @param port    UDP source and destination port
     * @param packets UDP payloads, one per record
     * @throws IOException if the file cannot be written
     */
    static void write(Path file, int port, List<byte[]> packets) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer global = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        global.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                .putInt(LINKTYPE_ETHERNET);
        out.write(global.array());
        long micros = 1_700_000_000_000_000L;
        for (byte[] payload : packets) {
            byte[] frame = ethernetIpv4Udp(port, payload);
            ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            record.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(frame.length)
                    .putInt(frame.length);
            out.write(record.array());
            out.write(frame);
            micros += 100;
        }
        Files.write(file, out.toByteArray());
    }

    private static byte[] ethernetIpv4Udp(int port, byte[] payload) {
        int ipLength = 20 + 8 + payload.length;
        ByteBuffer b = ByteBuffer.allocate(14 + ipLength); // big-endian: network order
        b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
        int ip = b.position();
        b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 0).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1});
        b.putShort(ip + 10, (short) ipv4Checksum(b.array(), ip));
        b.putShort((short) port).putShort((short) port).putShort((short) (8 + payload.length)).putShort((short) 0);
        b.put(payload);
        return b.array();
    }

    private static int ipv4Checksum(byte[] b, int from) {
        int sum = 0;
        for (int i = from; i < from + 20; i += 2) {
            sum += (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return ~sum & 0xFFFF;
    }
}
