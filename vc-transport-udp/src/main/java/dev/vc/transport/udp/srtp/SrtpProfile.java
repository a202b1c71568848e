package dev.vc.transport.udp.srtp;

/**
 * The SRTP protection profiles vc negotiates with DTLS-SRTP (RFC 5764 section 4.1.2), in order of preference:
 * AEAD AES-128-GCM (RFC 7714) first, AES-128 counter mode with an 80-bit HMAC-SHA1 tag (RFC 3711, the profile every
 * browser offers) second.
 */
public enum SrtpProfile {
    /** {@code SRTP_AEAD_AES_128_GCM}: 16-byte key, 12-byte salt, 16-byte authentication tag. */
    AEAD_AES_128_GCM(0x0007, 16, 12, 16),
    /** {@code SRTP_AES128_CM_HMAC_SHA1_80}: 16-byte key, 14-byte salt, 10-byte authentication tag. */
    AES128_CM_HMAC_SHA1_80(0x0001, 16, 14, 10);

    private final int id;
    private final int keyLength;
    private final int saltLength;
    private final int tagLength;

    SrtpProfile(int id, int keyLength, int saltLength, int tagLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.tagLength = tagLength;
    }

    /** @return the profile's number in the DTLS {@code use_srtp} extension (IANA "DTLS-SRTP Protection Profiles") */
    public int id() {
        return id;
    }

    /** @return the master key's length in bytes */
    public int keyLength() {
        return keyLength;
    }

    /** @return the master salt's length in bytes */
    public int saltLength() {
        return saltLength;
    }

    /** @return the authentication tag's length in bytes, appended to every protected RTP packet */
    public int tagLength() {
        return tagLength;
    }

    /** @return the bytes SRTP adds to an RTP packet: the tag (vc sends no MKI) */
    public int srtpOverhead() {
        return tagLength;
    }

    /** @return the bytes SRTCP adds to an RTCP packet: the tag, and the E flag with the 31-bit SRTCP index */
    public int srtcpOverhead() {
        return tagLength + 4;
    }

    /**
     * @param id a profile number from a {@code use_srtp} extension
     * @return the profile, or {@code null} when vc does not implement it
     */
    public static SrtpProfile byId(int id) {
        for (SrtpProfile profile : values()) {
            if (profile.id == id) {
                return profile;
            }
        }
        return null;
    }

    /**
     * Reads a list of profiles in order of preference, as a setting gives it.
     *
     * @param text profile names separated by commas, e.g. {@code AEAD_AES_128_GCM,AES128_CM_HMAC_SHA1_80}
     *             (case and spaces ignored; the {@code SRTP_} prefix of RFC 5764's names allowed)
     * @return the profiles, not empty, no repeats
     * @throws IllegalArgumentException when a name is unknown, repeated, or none is given
     */
    public static java.util.List<SrtpProfile> listOf(String text) {
        java.util.List<SrtpProfile> profiles = new java.util.ArrayList<>();
        for (String part : text.split(",")) {
            String name = part.strip().toUpperCase(java.util.Locale.ROOT);
            if (name.startsWith("SRTP_")) {
                name = name.substring("SRTP_".length());
            }
            SrtpProfile profile;
            try {
                profile = valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown SRTP profile '" + part.strip() + "'; known: "
                        + java.util.Arrays.toString(values()));
            }
            if (profiles.contains(profile)) {
                throw new IllegalArgumentException("SRTP profile " + profile + " named twice");
            }
            profiles.add(profile);
        }
        return java.util.List.copyOf(profiles);
    }
}
