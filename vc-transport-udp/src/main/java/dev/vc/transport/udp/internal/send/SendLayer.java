package dev.vc.transport.udp.internal.send;

import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.rtp.RtxPacketWriter;
import dev.vc.transport.udp.rtp.SendHistory;

/**
 * One simulcast layer's own RTP stream: its header writer (SSRC, sequence numbers, the shared timestamp
 * offset), its packetizers (their state is per stream), the history its NACKs are answered from, and its
 * counters (its sender report's figures), and the RTX stream its retransmissions travel on.
 *
 * @param rtp         writes the layer's RTP headers
 * @param packetizers the layer's packetizer and payload type per codec
 * @param history     the packets it sent lately
 * @param counters    what it sent
 * @param rtx         writes its retransmissions (RFC 4588), on its RTX SSRC (receive thread, answering NACKs)
 */
record SendLayer(RtpPacketWriter rtp, PacketizerTable packetizers, SendHistory history, SendCounters counters,
                 RtxPacketWriter rtx) {
}
