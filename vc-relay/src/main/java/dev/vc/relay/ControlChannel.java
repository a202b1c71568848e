package dev.vc.relay;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The byte stream of one control connection, plain TCP or TLS, driven without blocking by the control thread:
 * what it reads goes to the connection's {@link Sink} as plaintext, what the connection writes goes out (encrypted
 * first under TLS). A channel whose socket cannot take more keeps it {@link #pending()}.
 */
interface ControlChannel {
    /** Takes plaintext as it arrives. */
    interface Sink {
        /**
         * @param plaintext bytes of the control stream, to be consumed entirely before returning
         * @throws IOException if they do not form valid frames
         */
        void accept(ByteBuffer plaintext) throws IOException;
    }

    /**
     * Reads what the socket has and hands the plaintext to the sink; under TLS this also drives the handshake.
     *
     * @return false at end of stream
     */
    boolean read() throws IOException;

    /**
     * Writes as much of {@code frame} as the socket takes now; what remains in it is for a later call.
     *
     * @param frame a frame, consumed from its position
     */
    void write(ByteBuffer frame) throws IOException;

    /**
     * Writes what is pending (under TLS: records already encrypted, handshake messages).
     *
     * @return true if nothing is pending any more
     */
    boolean flush() throws IOException;

    /** @return true while bytes wait for the socket to take them */
    boolean pending();

    /** @return true once the channel carries control frames (at once for plain TCP; after the handshake for TLS) */
    boolean established();

    /** Ends the stream as politely as possible without blocking (TLS: a close_notify if the socket takes it). */
    void closeOutbound();
}
