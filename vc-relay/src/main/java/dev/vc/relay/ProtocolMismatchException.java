package dev.vc.relay;

import java.io.IOException;

/** A client speaks plain TCP to the relay's TLS control port, or TLS to its plain (insecure) one. */
final class ProtocolMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Which way round. */
    enum Kind {
        /** Plain control frames on the TLS port: a client told {@code vc.relay.insecure=true}. */
        PLAIN_ON_TLS,
        /** A TLS handshake on the insecure port: a client not told insecure. */
        TLS_ON_PLAIN,
        /** Neither a TLS record nor a control frame. */
        GARBAGE
    }

    private final Kind kind;

    ProtocolMismatchException(Kind kind) {
        super(kind.name().toLowerCase(java.util.Locale.ROOT));
        this.kind = kind;
    }

    /** @return which way round */
    Kind kind() {
        return kind;
    }
}
