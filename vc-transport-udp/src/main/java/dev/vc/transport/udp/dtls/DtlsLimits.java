package dev.vc.transport.udp.dtls;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of a {@link DtlsHandshaker}: how many handshakes run at once and wait, how long one may take, how
 * soon a lost flight is sent again, and the datagram sizes.
 *
 * @param concurrent        handshakes that run at once, one thread each ({@code vc-dtls-handshake-N})
 * @param pending           handshakes that may wait for a thread; beyond them a handshake is refused (counted)
 * @param timeout           how long a handshake may take from {@link DtlsHandshaker#start} to keys
 * @param initialRetransmit how long a flight waits for an answer before it is sent again; each resend doubles it
 *                          (RFC 6347 section 4.2.4)
 * @param inboundQueue      datagrams held for a handshake that has not read them yet; beyond them new ones are
 *                          dropped (counted)
 * @param mtu               largest datagram sent; handshake messages are fragmented to fit
 */
public record DtlsLimits(int concurrent, int pending, Duration timeout, Duration initialRetransmit,
                         int inboundQueue, int mtu) {
    /**
     * Two concurrent handshakes, sixteen waiting, 10 s each, resent after 500 ms at first (half RFC 6347's
     * 1 s, so one lost datagram costs a join less), 32 queued datagrams, 1200-byte datagrams (fit any path that
     * carries the media).
     */
    public static final DtlsLimits DEFAULTS = new DtlsLimits(2, 16, Duration.ofSeconds(10), Duration.ofMillis(500),
            32, 1200);

    /** Checks the bounds. */
    public DtlsLimits {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(initialRetransmit, "initialRetransmit");
        if (concurrent < 1 || pending < 0 || inboundQueue < 1) {
            throw new IllegalArgumentException("need at least one concurrent handshake and one queued datagram");
        }
        if (timeout.toMillis() < 1 || initialRetransmit.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeouts must be 1 ms .. 24 days");
        }
        if (mtu < 256 || mtu > 65_507) {
            throw new IllegalArgumentException("mtu must be 256..65507 bytes, got " + mtu);
        }
    }

    /**
     * @param value the overall handshake timeout
     * @return these limits with that timeout
     */
    public DtlsLimits withTimeout(Duration value) {
        return new DtlsLimits(concurrent, pending, value, initialRetransmit, inboundQueue, mtu);
    }
}
