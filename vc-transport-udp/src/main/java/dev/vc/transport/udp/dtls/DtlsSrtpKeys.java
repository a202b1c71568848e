package dev.vc.transport.udp.dtls;

import dev.vc.transport.udp.srtp.SrtpMasterKey;
import dev.vc.transport.udp.srtp.SrtpProfile;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a DTLS-SRTP handshake yields for one endpoint: the negotiated profile, the master key it sends with
 * ({@link #local()}) and the one it receives with ({@link #remote()}). The client's local key is the server's
 * remote key and the other way round. {@link #toString()} shows no key.
 */
public final class DtlsSrtpKeys {
    private final SrtpProfile profile;
    private final SrtpMasterKey local;
    private final SrtpMasterKey remote;

    /**
     * @param profile the negotiated profile
     * @param local   the key this endpoint protects with
     * @param remote  the key this endpoint unprotects with
     */
    public DtlsSrtpKeys(SrtpProfile profile, SrtpMasterKey local, SrtpMasterKey remote) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.local = Objects.requireNonNull(local, "local");
        this.remote = Objects.requireNonNull(remote, "remote");
    }

    /**
     * Splits keying material exported with the label {@code EXTRACTOR-dtls_srtp} as RFC 5764 section 4.2 lays it
     * out: client key, server key, client salt, server salt. Overwrites {@code material} with zeros.
     *
     * @param profile  the negotiated profile
     * @param role     this endpoint's role
     * @param material {@code 2 * (keyLength + saltLength)} bytes
     * @return the keys for that role
     */
    static DtlsSrtpKeys split(SrtpProfile profile, DtlsRole role, byte[] material) {
        int k = profile.keyLength();
        int s = profile.saltLength();
        if (material.length != 2 * (k + s)) {
            throw new IllegalArgumentException(profile + " takes " + 2 * (k + s) + " bytes of keying material, got "
                    + material.length);
        }
        byte[] clientKey = Arrays.copyOfRange(material, 0, k);
        byte[] serverKey = Arrays.copyOfRange(material, k, 2 * k);
        byte[] clientSalt = Arrays.copyOfRange(material, 2 * k, 2 * k + s);
        byte[] serverSalt = Arrays.copyOfRange(material, 2 * k + s, 2 * (k + s));
        try {
            SrtpMasterKey client = new SrtpMasterKey(profile, clientKey, clientSalt);
            SrtpMasterKey server = new SrtpMasterKey(profile, serverKey, serverSalt);
            return role == DtlsRole.CLIENT ? new DtlsSrtpKeys(profile, client, server)
                    : new DtlsSrtpKeys(profile, server, client);
        } finally {
            Arrays.fill(material, (byte) 0);
            Arrays.fill(clientKey, (byte) 0);
            Arrays.fill(serverKey, (byte) 0);
            Arrays.fill(clientSalt, (byte) 0);
            Arrays.fill(serverSalt, (byte) 0);
        }
    }

    /** @return the negotiated protection profile */
    public SrtpProfile profile() {
        return profile;
    }

    /** @return the master key this endpoint sends with */
    public SrtpMasterKey local() {
        return local;
    }

    /** @return the master key this endpoint receives with */
    public SrtpMasterKey remote() {
        return remote;
    }

    @Override
    public String toString() {
        return "DtlsSrtpKeys[" + profile + ", keys not shown]";
    }
}
