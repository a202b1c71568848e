package dev.vc.api.control;

import dev.vc.api.VcException;

/** The relay refused a join: wrong secret, room full, rate limited, and so on. */
public final class JoinRejectedException extends VcException {
    private static final long serialVersionUID = 1L;

    private final ControlMessage.RejectReason reason;

    /**
     * @param reason the relay's reason
     * @param detail the relay's explanation
     */
    public JoinRejectedException(ControlMessage.RejectReason reason, String detail) {
        super("relay refused the join (" + reason + "): " + detail);
        this.reason = reason;
    }

    /** @return the relay's reason, for a program to act on */
    public ControlMessage.RejectReason reason() {
        return reason;
    }
}
