package dev.vc.api;

/**
 * Opens {@link Transport}s; registered with {@code provides dev.vc.api.TransportProvider} and selected by
 * {@code vc.transport} ({@code udp}).
 */
public interface TransportProvider extends Provider {
    /**
     * @param settings addresses and MTU
     * @return an open, bound transport (not yet receiving)
     * @throws TransportException if the socket cannot be opened or bound
     */
    Transport open(TransportSettings settings);

    /**
     * Makes the identity a transport of this provider keys encrypted media with (SRTP keyed by DTLS): its
     * fingerprint goes into the join, the identity itself into {@link MediaBinding#identity()}.
     *
     * @return a new identity, or null when this transport sends only plain RTP (the default)
     */
    default MediaIdentity newMediaIdentity() {
        return null;
    }
}
