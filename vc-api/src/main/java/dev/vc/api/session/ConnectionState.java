package dev.vc.api.session;

/** Where a participant's connection to the relay stands. */
public enum ConnectionState {
    /** Joined: control channel up, media flowing as far as the participant knows. */
    CONNECTED,
    /**
     * The control connection was lost; the participant is trying to join again with backoff, capture and the self
     * view still running. It comes back as the same participant if the relay still knows it.
     */
    RECONNECTING,
    /** Gave up (attempts used up, or the relay refused the rejoin) or closed: nothing more will happen. */
    DISCONNECTED
}
