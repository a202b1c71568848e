package dev.vc.relay.cluster;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.Setting;
import dev.vc.relay.RelaySettings;

import java.util.List;

/**
 * The cluster's settings home: each {@code vc.cluster.*} key declared once, with its default, range and doc
 * ({@code docs/configuration.md} lists them from here). {@code vc.cluster.redis} itself is the relay's
 * ({@link RelaySettings#CLUSTER_REDIS}): set, it makes the relay look for this module.
 *
 * <pre>{@code
 * vc.cluster.redis=redis://10.0.0.5:6379
 * vc.cluster.advertise.host=relay1.example     # what redirects name: the host clients reach this relay by
 * vc.cluster.lease.ms=1500
 * }</pre>
 *
 * @param redis          the directory's URL, {@code redis://host:port} or {@code rediss://host:port} (TLS)
 * @param password       the directory's password, or null; never logged
 * @param relayId        this relay's id in the registry
 * @param advertiseHost  the control host redirects to this relay name, or null: the bound host, or this machine's
 *                       address when bound to every interface
 * @param leaseMillis    how long a relay's lease lives without renewal (renewed every third of it)
 * @param capacity       participants this relay takes, 0: its rooms times their participants
 * @param joinWaitMillis how long a join of a new room waits for an unreachable directory before it is refused
 * @param timeoutMillis  bound on connecting to the directory and on each answer
 * @param keyPrefix      the prefix of every key the cluster writes
 * @param spanAlways     a join of a room other relays serve is served where it arrives (the room spans relays) while
 *                       this relay has a place, instead of only once the room's relays are full
 */
public record ClusterSettings(String redis, String password, String relayId, String advertiseHost, int leaseMillis,
                              int capacity, int joinWaitMillis, int timeoutMillis, String keyPrefix,
                              boolean spanAlways) {
    /** The directory's password. */
    public static final Setting<String> REDIS_PASSWORD = Setting.ofString("vc.cluster.redis.password", null,
            "password of the cluster's Redis (AUTH); unset: none; never logged (no flag: command lines are visible)");
    /** This relay's id in the registry. */
    public static final Setting<String> RELAY_ID = Setting.ofString("vc.cluster.relay.id", null,
            "this relay's id in the cluster (letters, digits, '.', '-', '_', ':'; at most 64); unset: "
                    + "<advertised host>:<control port>");
    /** The control host redirects to this relay name. */
    public static final Setting<String> ADVERTISE_HOST = Setting.ofString("vc.cluster.advertise.host", null,
            "the host clients reach this relay's control port by, which redirects name (and a CA-signed certificate "
                    + "must name); unset: vc.relay.host, or this machine's address when that is 0.0.0.0");
    /** The lease's lifetime. */
    public static final Setting<Integer> LEASE_MS = Setting.ofInt("vc.cluster.lease.ms", 1_500, 300, 60_000,
            "how long this relay's registration and its rooms live in Redis without renewal, in ms (renewed every "
                    + "third of it): a dead relay's rooms are placed elsewhere this long after it died");
    /** Participants this relay takes. */
    public static final Setting<Integer> CAPACITY = Setting.ofInt("vc.cluster.capacity", 0, 0, 1_000_000,
            "participants this relay takes before placement passes it over; 0: vc.relay.max.rooms times "
                    + "vc.relay.room.max.participants");
    /** How long a join of a new room waits for an unreachable directory. */
    public static final Setting<Integer> JOIN_WAIT_MS = Setting.ofInt("vc.cluster.join.wait.ms", 2_000, 0, 60_000,
            "how long a join of a room this relay does not serve waits for an unreachable Redis before it is "
                    + "refused with CLUSTER_UNAVAILABLE, in ms");
    /** Bound on each request to the directory. */
    public static final Setting<Integer> TIMEOUT_MS = Setting.ofInt("vc.cluster.redis.timeout.ms", 500, 50, 60_000,
            "bound on connecting to Redis and on each answer, in ms");
    /** The prefix of every key. */
    public static final Setting<String> KEY_PREFIX = Setting.ofString("vc.cluster.key.prefix", "vc:",
            "prefix of every key the cluster writes in Redis (several clusters can share one Redis)");

    /** When a room spans relays. */
    public static final Setting<String> SPAN = Setting.ofString("vc.cluster.room.span", "when-full",
            "when a room is served by several relays joined by trunks (needs vc.relay.trunk.secret): when-full, a join "
                    + "goes to a relay of the room with a place and a new relay serves the room too only once they are "
                    + "full; always, a join of a room other relays serve is served where it arrives while that relay "
                    + "has a place");

    /** Every key declared here, in the order docs/configuration.md lists them. */
    public static final List<Setting<?>> ALL = List.of(REDIS_PASSWORD, RELAY_ID, ADVERTISE_HOST, LEASE_MS, CAPACITY,
            JOIN_WAIT_MS, TIMEOUT_MS, KEY_PREFIX, SPAN);

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** Checks the fields (never naming the password). */
    public ClusterSettings {
        if (redis == null || !(redis.startsWith("redis://") || redis.startsWith("rediss://"))) {
            throw new ConfigException(RelaySettings.CLUSTER_REDIS.key() + " must be redis://host:port or "
                    + "rediss://host:port");
        }
        if (redis.indexOf('@') >= 0) {
            throw new ConfigException(RelaySettings.CLUSTER_REDIS.key() + " must not hold credentials: put the "
                    + "password in " + REDIS_PASSWORD.key());
        }
        if (relayId != null && !ID.matcher(relayId).matches()) {
            throw new ConfigException(RELAY_ID.key() + " must be 1..64 of letters, digits, '.', '-', '_', ':', got '"
                    + relayId + "'");
        }
    }

    /**
     * @param config the relay's configuration
     * @return the cluster's settings from it
     * @throws ConfigException if a value is not accepted, or {@code vc.cluster.redis} is unset
     */
    public static ClusterSettings from(Config config) {
        String span = config.get(SPAN);
        if (!span.equals("when-full") && !span.equals("always")) {
            throw new ConfigException(SPAN.key() + " must be when-full or always, got '" + span + "'");
        }
        return new ClusterSettings(config.get(RelaySettings.CLUSTER_REDIS), config.get(REDIS_PASSWORD),
                config.get(RELAY_ID), config.get(ADVERTISE_HOST), config.get(LEASE_MS), config.get(CAPACITY),
                config.get(JOIN_WAIT_MS), config.get(TIMEOUT_MS), config.get(KEY_PREFIX), span.equals("always"));
    }

    /** @return the settings without the password, for logs */
    @Override
    public String toString() {
        return "ClusterSettings[redis=" + redis + ", password=" + (password == null ? "none" : "***") + ", relayId="
                + relayId + ", advertiseHost=" + advertiseHost + ", leaseMillis=" + leaseMillis + ", capacity="
                + capacity + ", joinWaitMillis=" + joinWaitMillis + ", timeoutMillis=" + timeoutMillis
                + ", keyPrefix=" + keyPrefix + ", spanAlways=" + spanAlways + "]";
    }
}
