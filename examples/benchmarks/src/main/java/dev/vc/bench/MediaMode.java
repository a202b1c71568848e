package dev.vc.bench;

import dev.vc.api.ConfigException;
import dev.vc.relay.RelaySettings;
import dev.vc.transport.udp.srtp.SrtpProfile;

import java.util.Locale;

/**
 * How the load tools' participants and the relay they start carry media: plain RTP (both sides told
 * {@code insecure}), or SRTP keyed by a DTLS-SRTP handshake on every hop with one profile, which the relay is
 * configured to accept alone and the participants offer alone, so the run measures that profile.
 */
public enum MediaMode {
    /** Plain RTP: the relay runs with {@code mediaInsecure(true)}, joins carry no fingerprint. */
    PLAIN("plain", null),
    /** SRTP with {@link SrtpProfile#AEAD_AES_128_GCM} (RFC 7714), vc's preferred profile. */
    SRTP_GCM("srtp-gcm", SrtpProfile.AEAD_AES_128_GCM),
    /** SRTP with {@link SrtpProfile#AES128_CM_HMAC_SHA1_80}, the profile every browser offers. */
    SRTP_CM("srtp-cm", SrtpProfile.AES128_CM_HMAC_SHA1_80);

    private final String flag;
    private final SrtpProfile profile;

    MediaMode(String flag, SrtpProfile profile) {
        this.flag = flag;
        this.profile = profile;
    }

    /** @return the name on the command line and in reports: {@code plain}, {@code srtp-gcm}, {@code srtp-cm} */
    public String flag() {
        return flag;
    }

    /** @return the SRTP profile, or null for plain RTP */
    public SrtpProfile profile() {
        return profile;
    }

    /** @return true for the SRTP modes */
    public boolean secure() {
        return profile != null;
    }

    /**
     * Sets a relay's media security to this mode.
     *
     * @param relay the builder of the relay's settings
     * @return the same builder
     */
    public RelaySettings.Builder configure(RelaySettings.Builder relay) {
        return secure() ? relay.mediaInsecure(false).srtpProfiles(profile.name()) : relay.mediaInsecure(true);
    }

    /**
     * @param text a mode's {@link #flag()}, case ignored
     * @return the mode
     * @throws ConfigException if no mode has that name
     */
    public static MediaMode parse(String text) {
        for (MediaMode mode : values()) {
            if (mode.flag.equals(text.toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new ConfigException("unknown media mode '" + text + "'; known: plain, srtp-gcm, srtp-cm");
    }

    @Override
    public String toString() {
        return flag;
    }
}
