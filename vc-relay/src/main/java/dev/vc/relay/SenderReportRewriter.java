package dev.vc.relay;

import dev.vc.relay.layers.ForwardedStream;
import dev.vc.transport.udp.rtcp.RtcpReader;

/**
 * A simulcast sender's RTCP compound as one receiver is to see it. The sender reports each layer's clock in an SR
 * of that layer's SSRC; a receiver sees one stream per sender, under layer 0's SSRC, made of whichever layer it
 * gets. So only the SR of the layer that receiver's {@link ForwardedStream} currently forwards goes to it, with its
 * SSRC rewritten to layer 0's and its RTP timestamp shifted by the stream's {@link
 * ForwardedStream#timestampOffset()} (its NTP time then maps the receiver's timestamps to the sender's clock, for
 * lip sync and arrival-time statistics); SRs of other layers are left out. Every other packet (RR, SDES, BYE) is
 * copied as it is. Reads a compound {@link RtcpReader} has accepted; allocates nothing.
 */
final class SenderReportRewriter {
    private static final int SR_BYTES = 28;

    private SenderReportRewriter() {
    }

    /**
     * @param in     the compound, from offset 0, already read whole by {@link RtcpReader}
     * @param length its length
     * @param sender who sent it
     * @param stream the receiver's stream of the sender
     * @param out    at least {@code length} long
     * @return the length of the receiver's compound in {@code out}; 0 if nothing of it is for the receiver
     */
    static int rewrite(byte[] in, int length, Member sender, ForwardedStream stream, byte[] out) {
        int written = 0;
        int at = 0;
        while (at + 4 <= length) {
            int bytes = ((in[at + 2] & 0xFF) << 8 | (in[at + 3] & 0xFF)) * 4 + 4;
            if (bytes > length - at) {
                break;
            }
            boolean report = (in[at + 1] & 0xFF) == RtcpReader.SR && bytes >= SR_BYTES;
            if (!report) {
                System.arraycopy(in, at, out, written, bytes);
                written += bytes;
            } else if (stream.current() != ForwardedStream.NO_LAYER
                    && sender.layerOf(readInt(in, at + 4)) == stream.current()) {
                System.arraycopy(in, at, out, written, bytes);
                writeInt(out, written + 4, sender.ssrc);
                writeInt(out, written + 16, readInt(in, at + 16) + stream.timestampOffset());
                written += bytes;
            }
            at += bytes;
        }
        return written;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }

    private static void writeInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
