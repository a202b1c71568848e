package dev.vc.transport.udp.jpeg;

import dev.vc.api.TransportException;

/**
 * A JPEG image the RFC 2435 payload format cannot carry: not baseline, not 8-bit, not YCbCr 4:2:0 or 4:2:2,
 * restart markers, custom Huffman tables, wider or taller than 2040 pixels, or simply not a JPEG.
 *
 * <p>Thrown by {@link JpegPacketizer} before any packet is produced (so a failed frame consumes no sequence
 * numbers), and therefore by the {@code udp} transport's {@code send}.
 */
public final class JpegFormatException extends TransportException {
    private static final long serialVersionUID = 1L;

    /** @param message what the image has that RFC 2435 cannot carry, for a person */
    public JpegFormatException(String message) {
        super(message);
    }
}
