package dev.vc.transport.udp.srtp;

import dev.vc.api.VcException;

/**
 * An SRTP or SRTCP packet an {@link SrtpContext} refused, with the {@link #reason()}. Refusals arrive at whatever
 * rate a peer or an attacker chooses, so there is one immutable instance per reason, without a stack trace: throwing
 * one allocates nothing (so never attach suppressed exceptions to one). The message names the reason only, never
 * a key, salt or packet byte.
 */
public final class SrtpException extends VcException {
    private static final long serialVersionUID = 1L;
    private static final SrtpException[] BY_REASON = new SrtpException[SrtpFailure.values().length];

    static {
        for (SrtpFailure reason : SrtpFailure.values()) {
            BY_REASON[reason.ordinal()] = new SrtpException(reason);
        }
    }

    /** The reason; an enum constant, so the shared instances stay immutable. */
    private final SrtpFailure reason;

    private SrtpException(SrtpFailure reason) {
        super("SRTP packet refused: " + reason.description());
        this.reason = reason;
    }

    /**
     * @param reason why a packet was refused
     * @return the shared exception for that reason
     */
    public static SrtpException of(SrtpFailure reason) {
        return BY_REASON[reason.ordinal()];
    }

    /** @return why the packet was refused */
    public SrtpFailure reason() {
        return reason;
    }

    /** Records no stack: the cause is the packet, and the instance is shared. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
