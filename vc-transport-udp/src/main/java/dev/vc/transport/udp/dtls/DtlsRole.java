package dev.vc.transport.udp.dtls;

/**
 * Which end of the DTLS handshake an endpoint is (RFC 5763 section 5): the relay waits for handshakes, clients
 * start them.
 */
public enum DtlsRole {
    /** The DTLS client, {@code a=setup:active}: sends the ClientHello. vc's clients. */
    CLIENT("active"),
    /** The DTLS server, {@code a=setup:passive}: answers ClientHellos. The relay. */
    SERVER("passive");

    private final String setup;

    DtlsRole(String setup) {
        this.setup = setup;
    }

    /** @return the SDP {@code a=setup} value of this role (RFC 4145) */
    public String setup() {
        return setup;
    }
}
