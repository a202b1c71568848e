package dev.vc.relay;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.TransportSettings;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything a {@link RelayServer} is configured with; build with {@link #builder()}. Defaults suit a LAN
 * room as the original system had it: control on TCP 5000, media on UDP 5001, 10 per room.
 *
 * <pre>{@code
 * RelaySettings settings = RelaySettings.builder()
 *         .controlPort(5000).mediaPort(5001)
 *         .roomSecret("team", "s3cret")
 *         .build();
 * }</pre>
 */
public final class RelaySettings {
    /** Default TCP control port. */
    public static final int DEFAULT_CONTROL_PORT = 5000;
    /** Default UDP media port, as in the original system. */
    public static final int DEFAULT_MEDIA_PORT = 5001;

    private static final String SECRET_PREFIX = "vc.relay.room.";
    private static final String SECRET_SUFFIX = ".secret";

    private final String host;
    private final int controlPort;
    private final int mediaPort;
    private final int metricsPort;
    private final int maxParticipantsPerRoom;
    private final int maxRooms;
    private final Map<String, String> roomSecrets;
    private final boolean adHocRooms;
    private final int staleMillis;
    private final int keepaliveMillis;
    private final int maxControlMessageBytes;
    private final int joinAttemptsPerMinute;
    private final long maxBitrate;
    private final int mtu;
    private final int receiveBufferBytes;
    private final boolean socketPerParticipant;

    private RelaySettings(Builder b) {
        this.host = b.host;
        this.controlPort = b.controlPort;
        this.mediaPort = b.mediaPort;
        this.metricsPort = b.metricsPort;
        this.maxParticipantsPerRoom = b.maxParticipantsPerRoom;
        this.maxRooms = b.maxRooms;
        this.roomSecrets = Map.copyOf(b.roomSecrets);
        this.adHocRooms = b.adHocRooms;
        this.staleMillis = b.staleMillis;
        this.keepaliveMillis = b.keepaliveMillis;
        this.maxControlMessageBytes = b.maxControlMessageBytes;
        this.joinAttemptsPerMinute = b.joinAttemptsPerMinute;
        this.maxBitrate = b.maxBitrate;
        this.mtu = b.mtu;
        this.receiveBufferBytes = b.receiveBufferBytes;
        this.socketPerParticipant = b.socketPerParticipant;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the {@code vc.relay.*} keys (see {@code docs/configuration.md}) over the defaults; a room secret
     * is {@code vc.relay.room.<name>.secret}.
     *
     * @param config the configuration
     * @return a builder holding those values, to adjust further
     */
    public static Builder from(Config config) {
        Builder b = builder();
        b.host(config.get("vc.relay.host", b.host));
        b.controlPort(config.getInt("vc.relay.control.port", b.controlPort, 0, 65535));
        b.mediaPort(config.getInt("vc.relay.media.port", b.mediaPort, 0, 65535));
        b.metricsPort(config.getInt("vc.relay.metrics.port", b.metricsPort, -1, 65535));
        b.maxParticipantsPerRoom(config.getInt("vc.relay.room.max.participants", b.maxParticipantsPerRoom, 2, 1000));
        b.maxRooms(config.getInt("vc.relay.max.rooms", b.maxRooms, 1, 100_000));
        b.staleMillis(config.getInt("vc.stale.timeout.ms", b.staleMillis, 100, 600_000));
        b.keepaliveMillis(config.getInt("vc.relay.keepalive.ms", b.keepaliveMillis, 100, 600_000));
        b.maxBitrate(config.getInt("vc.relay.max.bitrate", (int) Math.min(Integer.MAX_VALUE, b.maxBitrate), 10_000,
                Integer.MAX_VALUE));
        b.joinAttemptsPerMinute(config.getInt("vc.relay.join.attempts.per.minute", b.joinAttemptsPerMinute, 1, 100_000));
        b.receiveBufferBytes(config.getInt("vc.relay.receive.buffer.bytes", b.receiveBufferBytes, 65_536, 1 << 30));
        b.adHocRooms(Boolean.parseBoolean(config.get("vc.relay.adhoc.rooms", Boolean.toString(b.adHocRooms))));
        b.socketPerParticipant(Boolean.parseBoolean(
                config.get("vc.relay.socket.per.participant", Boolean.toString(b.socketPerParticipant))));
        config.asMap().forEach((key, value) -> {
            if (key.startsWith(SECRET_PREFIX) && key.endsWith(SECRET_SUFFIX)
                    && key.length() > SECRET_PREFIX.length() + SECRET_SUFFIX.length()) {
                b.roomSecret(key.substring(SECRET_PREFIX.length(), key.length() - SECRET_SUFFIX.length()), value);
            }
        });
        return b;
    }

    /** @return the address both sockets bind to (default all interfaces) */
    public String host() {
        return host;
    }

    /** @return the TCP control address */
    public InetSocketAddress controlAddress() {
        return new InetSocketAddress(host, controlPort);
    }

    /** @return the UDP media address */
    public InetSocketAddress mediaAddress() {
        return new InetSocketAddress(host, mediaPort);
    }

    /** @return the Prometheus HTTP port, -1 when off, 0 for an ephemeral one */
    public int metricsPort() {
        return metricsPort;
    }

    /** @return most participants in one room */
    public int maxParticipantsPerRoom() {
        return maxParticipantsPerRoom;
    }

    /** @return most rooms at once */
    public int maxRooms() {
        return maxRooms;
    }

    /**
     * @param room a room name
     * @return the room's secret, or null if it has none
     */
    public String roomSecret(String room) {
        return roomSecrets.get(room);
    }

    /** @return whether clients may create rooms that have no configured secret */
    public boolean adHocRooms() {
        return adHocRooms;
    }

    /** @return silence after which a stream is reported stale, in ms */
    public int staleMillis() {
        return staleMillis;
    }

    /** @return keepalive period, in ms; a client silent for three periods is removed */
    public int keepaliveMillis() {
        return keepaliveMillis;
    }

    /** @return largest control message accepted, in bytes */
    public int maxControlMessageBytes() {
        return maxControlMessageBytes;
    }

    /** @return join attempts allowed per remote address per minute */
    public int joinAttemptsPerMinute() {
        return joinAttemptsPerMinute;
    }

    /** @return per-participant media cap, bits per second */
    public long maxBitrate() {
        return maxBitrate;
    }

    /** @return largest media datagram accepted, bytes */
    public int mtu() {
        return mtu;
    }

    /** @return each media socket's receive buffer asked of the kernel (it may grant less), bytes */
    public int receiveBufferBytes() {
        return receiveBufferBytes;
    }

    /**
     * @return whether each bound participant gets its own connected UDP socket on the media port (see
     *         {@link Builder#socketPerParticipant(boolean)})
     */
    public boolean socketPerParticipant() {
        return socketPerParticipant;
    }

    /** Collects relay settings; every setter validates its value. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int controlPort = DEFAULT_CONTROL_PORT;
        private int mediaPort = DEFAULT_MEDIA_PORT;
        private int metricsPort = -1;
        private int maxParticipantsPerRoom = 10;
        private int maxRooms = 100;
        private final Map<String, String> roomSecrets = new TreeMap<>();
        private boolean adHocRooms = true;
        private int staleMillis = 3_000;
        private int keepaliveMillis = 2_000;
        private int maxControlMessageBytes = 4_096;
        private int joinAttemptsPerMinute = 30;
        private long maxBitrate = 8_000_000;
        private int mtu = 1_500;
        // Bursts of many senders overflow the kernel's default ~208 KiB before the relay thread is busy.
        private int receiveBufferBytes = 4 << 20;
        private boolean socketPerParticipant = true;

        private Builder() {
        }

        /**
         * @param host address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * @param port TCP control port, 0 for ephemeral
         * @return this builder
         */
        public Builder controlPort(int port) {
            this.controlPort = check("control port", port, 0, 65535);
            return this;
        }

        /**
         * @param port UDP media port, 0 for ephemeral
         * @return this builder
         */
        public Builder mediaPort(int port) {
            this.mediaPort = check("media port", port, 0, 65535);
            return this;
        }

        /**
         * @param port HTTP port of the Prometheus endpoint, 0 for ephemeral, -1 for none
         * @return this builder
         */
        public Builder metricsPort(int port) {
            this.metricsPort = check("metrics port", port, -1, 65535);
            return this;
        }

        /**
         * @param max most participants per room, 2..1000
         * @return this builder
         */
        public Builder maxParticipantsPerRoom(int max) {
            this.maxParticipantsPerRoom = check("participants per room", max, 2, 1000);
            return this;
        }

        /**
         * @param max most rooms, 1..100000
         * @return this builder
         */
        public Builder maxRooms(int max) {
            this.maxRooms = check("rooms", max, 1, 100_000);
            return this;
        }

        /**
         * Protects a room with a secret that joins must present.
         *
         * @param room   the room name
         * @param secret its secret, 1..255 UTF-8 bytes
         * @return this builder
         */
        public Builder roomSecret(String room, String secret) {
            if (secret == null || secret.isEmpty()) {
                throw new ConfigException("secret of room '" + room + "' must not be empty");
            }
            roomSecrets.put(Objects.requireNonNull(room, "room"), secret);
            return this;
        }

        /**
         * @param allowed whether clients may create rooms without a configured secret (default true)
         * @return this builder
         */
        public Builder adHocRooms(boolean allowed) {
            this.adHocRooms = allowed;
            return this;
        }

        /**
         * @param millis silence before a stream is reported stale
         * @return this builder
         */
        public Builder staleMillis(int millis) {
            this.staleMillis = check("stale timeout", millis, 100, 600_000);
            return this;
        }

        /**
         * @param millis keepalive period
         * @return this builder
         */
        public Builder keepaliveMillis(int millis) {
            this.keepaliveMillis = check("keepalive period", millis, 100, 600_000);
            return this;
        }

        /**
         * @param bytes largest control message accepted, 64..65536
         * @return this builder
         */
        public Builder maxControlMessageBytes(int bytes) {
            this.maxControlMessageBytes = check("control message bound", bytes, 64, 65_536);
            return this;
        }

        /**
         * @param attempts join attempts per address per minute, 1..100000
         * @return this builder
         */
        public Builder joinAttemptsPerMinute(int attempts) {
            this.joinAttemptsPerMinute = check("join attempts per minute", attempts, 1, 100_000);
            return this;
        }

        /**
         * @param bitsPerSecond per-participant media cap, at least 10 kbit/s
         * @return this builder
         */
        public Builder maxBitrate(long bitsPerSecond) {
            if (bitsPerSecond < 10_000) {
                throw new ConfigException("bitrate cap must be >= 10000 bit/s, got " + bitsPerSecond);
            }
            this.maxBitrate = bitsPerSecond;
            return this;
        }

        /**
         * @param bytes largest media datagram accepted
         * @return this builder
         */
        public Builder mtu(int bytes) {
            this.mtu = check("mtu", bytes, TransportSettings.MIN_MTU, TransportSettings.MAX_MTU);
            return this;
        }

        /**
         * @param bytes each media socket's receive buffer (the shared one and each participant's), 64 KiB..1 GiB;
         *              the kernel may cap it, e.g. at {@code net.core.rmem_max}, and uses it only while
         *              datagrams wait
         * @return this builder
         */
        public Builder receiveBufferBytes(int bytes) {
            this.receiveBufferBytes = check("receive buffer", bytes, 65_536, 1 << 30);
            return this;
        }

        /**
         * Whether each participant, once its hello binds its address, gets a UDP socket of its own on the
         * media port, connected to that address (SO_REUSEADDR). The kernel then delivers its datagrams to
         * that socket, which the relay reads without learning a source address; this is what makes
         * forwarding allocation-free, since the JDK creates an address object for each datagram whose sender
         * differs from the previous one. Off, everything goes through the one shared socket.
         *
         * <p>The caveat: SO_REUSEADDR lets another process on the relay's host bind the media port too. Turn
         * this off on a host shared with untrusted local users.
         *
         * @param enabled true by default
         * @return this builder
         */
        public Builder socketPerParticipant(boolean enabled) {
            this.socketPerParticipant = enabled;
            return this;
        }

        /** @return the settings */
        public RelaySettings build() {
            return new RelaySettings(this);
        }

        private static int check(String what, int value, int min, int max) {
            if (value < min || value > max) {
                throw new ConfigException(what + " must be in " + min + ".." + max + ", got " + value);
            }
            return value;
        }
    }
}
