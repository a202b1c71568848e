package dev.vc.relay.egress;

/** Why an egress forward did not send a packet it should have. */
public enum EgressDrop {
    /** The forward's socket buffer was full: dropped, as UDP would. */
    SOCKET_FULL("socket_full"),
    /** Sending failed (no route to the destination, say). */
    SEND_FAILED("send_failed");

    private final String label;

    EgressDrop(String label) {
        this.label = label;
    }

    /** @return its name in the operator API's JSON */
    public String label() {
        return label;
    }
}
