package dev.vc.transport.udp.srtp;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.transport.udp.internal.UdpSettings;

/**
 * Which implementation runs a profile's ciphers: {@link #OPENSSL} (AEAD_AES_128_GCM on libcrypto through the
 * foreign function API, Java 22 and later) or {@link #JAVA} (vc's own, every runtime). AES128_CM_HMAC_SHA1_80 runs on
 * the Java ciphers under both. Both give the same bytes. The process's choice, {@link #chosen()}, is made once at
 * the first context, from {@code vc.srtp.ciphers} ({@link UdpSettings#SRTP_CIPHERS}) and what the runtime offers,
 * and logged once; a configuration that cannot be read (a bad value, an unreadable {@code vc.config} file) is logged
 * as a warning and leaves the Java ciphers, so SRTP keeps working.
 */
enum SrtpCiphers {
    /** vc's allocation-free Java ciphers. */
    JAVA,
    /** OpenSSL's AES-GCM for AEAD_AES_128_GCM; the Java ciphers for AES128_CM_HMAC_SHA1_80. */
    OPENSSL;

    private static final System.Logger LOG = System.getLogger(SrtpCiphers.class.getName());

    /** @return the process's choice (the first call makes and logs it) */
    static SrtpCiphers chosen() {
        return Choice.CHOSEN;
    }

    /**
     * @param profile the profile
     * @param keys    its session keys (copied: the caller may destroy them)
     * @return the profile's transform on these ciphers
     */
    SrtpTransform transform(SrtpProfile profile, SessionKeys keys) {
        return switch (profile) {
            case AES128_CM_HMAC_SHA1_80 -> new CmHmacTransform(keys);
            case AEAD_AES_128_GCM -> this == OPENSSL ? OpenSsl.gcm(keys) : new GcmTransform(keys);
        };
    }

    /** Made at the first use, so a process that never runs SRTP never loads libcrypto. */
    private static final class Choice {
        static final SrtpCiphers CHOSEN = choose();

        private static SrtpCiphers choose() {
            String setting;
            try {
                setting = Config.load().get(UdpSettings.SRTP_CIPHERS);
            } catch (ConfigException e) {
                LOG.log(System.Logger.Level.WARNING, "SRTP runs on vc's Java ciphers: " + e.getMessage());
                return JAVA;
            }
            if ("java".equals(setting)) {
                LOG.log(System.Logger.Level.INFO, "SRTP runs on vc's Java ciphers ("
                        + UdpSettings.SRTP_CIPHERS.key() + "=java)");
                return JAVA;
            }
            String unavailable = OpenSsl.unavailable();
            if (unavailable != null) {
                LOG.log(System.Logger.Level.INFO, "SRTP runs on vc's Java ciphers: " + unavailable);
                return JAVA;
            }
            LOG.log(System.Logger.Level.INFO, "SRTP AEAD_AES_128_GCM runs on " + OpenSsl.version()
                    + " through the foreign function API; AES128_CM_HMAC_SHA1_80 on vc's Java ciphers");
            return OPENSSL;
        }
    }
}
