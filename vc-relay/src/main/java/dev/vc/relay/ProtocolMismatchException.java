package dev.vc.relay;

import java.io.IOException;

/**
 * A client speaks plain TCP to the relay's TLS control port ({@link ConnectionGate.Closed#PLAIN_ON_TLS}), TLS to
 * its plain one ({@link ConnectionGate.Closed#TLS_ON_PLAIN}), or neither ({@link ConnectionGate.Closed#GARBAGE}),
 * as its first byte shows.
 */
final class ProtocolMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient ConnectionGate.Closed reason;

    ProtocolMismatchException(ConnectionGate.Closed reason) {
        super(reason.name().toLowerCase(java.util.Locale.ROOT));
        this.reason = reason;
    }

    /** @return which of the three it is, as the connection is counted */
    ConnectionGate.Closed reason() {
        return reason;
    }
}
