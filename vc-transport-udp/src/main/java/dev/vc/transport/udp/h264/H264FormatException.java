package dev.vc.transport.udp.h264;

import dev.vc.api.TransportException;

/**
 * An H.264 access unit that RFC 6184 packetization mode 1 cannot carry as given: not an Annex-B byte stream
 * (no start code), no NAL unit, a NAL unit with the forbidden bit set, or of a type a byte stream never
 * holds (0, or the RTP-only types 24-31).
 *
 * <p>Thrown by {@link H264Packetizer} before any packet is produced (so a rejected access unit consumes no
 * sequence numbers), and therefore by the {@code udp} transport's {@code send}.
 */
public final class H264FormatException extends TransportException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the access unit, for a person */
    public H264FormatException(String message) {
        super(message);
    }
}
