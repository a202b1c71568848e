package dev.vc.api.session;

import dev.vc.api.Config;
import dev.vc.api.CoreSettings;

import java.util.random.RandomGenerator;

/**
 * How a participant reconnects after losing the relay: up to {@code maxAttempts} attempts, the n-th after a
 * delay of {@code min(maxBackoff, backoff * 2^(n-1))}, of which a random half is jitter (so clients that lost the
 * same relay do not all come back at the same instant).
 *
 * @param maxAttempts       attempts before giving up; 0: none
 * @param backoffMillis     the first attempt's nominal delay
 * @param maxBackoffMillis  the longest nominal delay
 */
public record ReconnectPolicy(int maxAttempts, long backoffMillis, long maxBackoffMillis) {
    /** Checks the fields. */
    public ReconnectPolicy {
        if (maxAttempts < 0 || backoffMillis < 1 || maxBackoffMillis < backoffMillis) {
            throw new IllegalArgumentException("reconnect policy needs attempts >= 0 and 1 <= backoff <= max backoff, got "
                    + maxAttempts + ", " + backoffMillis + ", " + maxBackoffMillis);
        }
    }

    /**
     * @param config the configuration
     * @return the policy of {@code vc.reconnect.attempts}, {@code vc.reconnect.backoff.ms} and
     *         {@code vc.reconnect.max.backoff.ms} (the maximum raised to the first delay if below it)
     */
    public static ReconnectPolicy from(Config config) {
        int backoff = config.get(CoreSettings.RECONNECT_BACKOFF_MS);
        return new ReconnectPolicy(config.get(CoreSettings.RECONNECT_ATTEMPTS), backoff,
                Math.max(backoff, config.get(CoreSettings.RECONNECT_MAX_BACKOFF_MS)));
    }

    /**
     * @param attempt the attempt, from 1
     * @param random  where the jitter comes from
     * @return how long to wait before it, in ms: between half and all of the nominal delay
     */
    public long delayMillis(int attempt, RandomGenerator random) {
        long nominal = backoffMillis;
        for (int n = 1; n < attempt && nominal < maxBackoffMillis; n++) {
            nominal = Math.min(maxBackoffMillis, nominal * 2);   // at most 64 doublings reach any maximum
        }
        long half = nominal / 2;
        return nominal - half + random.nextLong(half + 1);
    }
}
