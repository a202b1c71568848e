package dev.vc.transport.udp.srtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * One direction's SRTP master key and master salt, as DTLS-SRTP exports them (RFC 5764 section 4.2): the sending
 * side protects with it, the receiving side unprotects. Holds copies; {@link #toString()} never shows the key.
 */
public final class SrtpMasterKey {
    private final SrtpProfile profile;
    private final byte[] key;
    private final byte[] salt;

    /**
     * @param profile the negotiated profile
     * @param key     {@link SrtpProfile#keyLength()} bytes
     * @param salt    {@link SrtpProfile#saltLength()} bytes
     * @throws IllegalArgumentException when a length does not match the profile
     */
    public SrtpMasterKey(SrtpProfile profile, byte[] key, byte[] salt) {
        this.profile = Objects.requireNonNull(profile, "profile");
        if (key.length != profile.keyLength() || salt.length != profile.saltLength()) {
            throw new IllegalArgumentException("a " + profile + " master key takes " + profile.keyLength()
                    + " key and " + profile.saltLength() + " salt bytes, got " + key.length + " and " + salt.length);
        }
        this.key = key.clone();
        this.salt = salt.clone();
    }

    /** @return the profile */
    public SrtpProfile profile() {
        return profile;
    }

    /** @return a copy of the master key */
    public byte[] key() {
        return key.clone();
    }

    /** @return a copy of the master salt */
    public byte[] salt() {
        return salt.clone();
    }

    /** Overwrites the key and salt held here with zeros (after the session keys are derived). */
    public void destroy() {
        Arrays.fill(key, (byte) 0);
        Arrays.fill(salt, (byte) 0);
    }

    @Override
    public String toString() {
        return "SrtpMasterKey[" + profile + ", key and salt not shown]";
    }
}
