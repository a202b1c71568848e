package dev.vc.transport.udp.internal.receive;

import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.rtp.RtpHeader;

/**
 * One datagram on its way through the receive chain, with what the stages before learned of it: its parsed
 * RTP header, its codec, its stream. One instance per chain, reused for every datagram, so passing it on
 * allocates nothing; a stage reads what earlier stages set and sets what it adds.
 */
final class ReceivedPacket {
    /** Holds the datagram from offset 0; the receive loop's buffer. */
    byte[] buffer;
    /** The datagram's length. */
    int length;
    /** {@link System#nanoTime()} at arrival. */
    long arrivalNanos;
    /** Set by {@link RtpParser}. */
    final RtpHeader rtp = new RtpHeader();
    /** Set by {@link PayloadTypeMapper}: the codec the payload type names. */
    VideoCodec codec;
    /** Set by {@link StreamLookup}: the remote stream of the SSRC. */
    ReceiveStream stream;

    ReceivedPacket wrap(byte[] buffer, int length, long arrivalNanos) {
        this.buffer = buffer;
        this.length = length;
        this.arrivalNanos = arrivalNanos;
        this.codec = null;
        this.stream = null;
        return this;
    }
}
