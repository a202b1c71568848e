package dev.vc.relay;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.Setting;
import dev.vc.api.TransportSettings;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything a {@link RelayServer} is configured with; build with {@link #builder()}, or read the keys with
 * {@link #from(Config)}. Defaults suit a LAN room as the original system had it: control on TCP 5000, media on
 * UDP 5001, 10 per room.
 *
 * <p>The relay's settings home: each key is declared once below, with its default, range and doc; the builder's
 * defaults and checks, {@link #from(Config)}, the command line's flags and the tables of {@code docs/relay.md}
 * and {@code docs/configuration.md} all follow these declarations.
 *
 * <pre>{@code
 * RelaySettings settings = RelaySettings.builder()
 *         .controlPort(5000).mediaPort(5001)
 *         .roomSecret("team", "s3cret")
 *         .build();
 * }</pre>
 */
public final class RelaySettings {
    /** Address both sockets bind to. */
    public static final Setting<String> HOST = Setting.ofString("vc.relay.host", "0.0.0.0",
            "address both sockets bind to");
    /** TCP control port. */
    public static final Setting<Integer> CONTROL_PORT = Setting.ofInt("vc.relay.control.port", 5000, 0, 65535,
            "TCP control port; 0 for an ephemeral one");
    /** UDP media port, as in the original system. */
    public static final Setting<Integer> MEDIA_PORT = Setting.ofInt("vc.relay.media.port", 5001, 0, 65535,
            "UDP media port; 0 for an ephemeral one");
    /** Address the metrics and health endpoints bind to. */
    public static final Setting<String> METRICS_HOST = Setting.ofString("vc.relay.metrics.host", "127.0.0.1",
            "address the /metrics, /healthz and /readyz endpoints bind to (loopback by default; 0.0.0.0 for all)");
    /** Prometheus HTTP port. */
    public static final Setting<Integer> METRICS_PORT = Setting.ofInt("vc.relay.metrics.port", -1, -1, 65535,
            "HTTP port of the Prometheus /metrics endpoint; -1 for none, 0 for an ephemeral one");
    /** Most participants per room. */
    public static final Setting<Integer> MAX_PARTICIPANTS = Setting.ofInt("vc.relay.room.max.participants", 10, 2,
            1000, "most participants in one room");
    /** Most rooms. */
    public static final Setting<Integer> MAX_ROOMS = Setting.ofInt("vc.relay.max.rooms", 100, 1, 100_000,
            "most rooms at once");
    /** A room's secret: a family of keys, one per room, read by {@link #from(Config)}. */
    public static final Setting<String> ROOM_SECRET = Setting.ofString("vc.relay.room.<room>.secret", null,
            "the secret joins to the room <room> must present");
    /** Whether rooms without a secret may be created. */
    public static final Setting<Boolean> AD_HOC_ROOMS = Setting.ofBoolean("vc.relay.adhoc.rooms", true,
            "whether clients may create rooms that have no configured secret");
    /** Silence after which a stream is reported stale. */
    public static final Setting<Integer> STALE_TIMEOUT_MS = Setting.ofInt("vc.relay.stale.timeout.ms", 3_000, 100,
            600_000, "silence after which a stream is reported stale, in ms");
    /** Keepalive period. */
    public static final Setting<Integer> KEEPALIVE_MS = Setting.ofInt("vc.relay.keepalive.ms", 2_000, 100, 600_000,
            "control keepalive period in ms; a client silent for three periods is removed");
    /** Per-participant media cap. */
    public static final Setting<Long> MAX_BITRATE = Setting.ofLong("vc.relay.max.bitrate", 8_000_000, 10_000,
            Long.MAX_VALUE, "media accepted from each participant, bit/s (a token bucket, half a second of burst)");
    /** Join attempts per address per minute. */
    public static final Setting<Integer> JOIN_ATTEMPTS_PER_MINUTE = Setting.ofInt(
            "vc.relay.join.attempts.per.minute", 30, 1, 100_000, "join attempts allowed per remote address per minute");
    /**
     * Receive buffer of each media socket: bursts of many senders overflow the kernel's default ~208 KiB before
     * the relay thread is busy.
     */
    public static final Setting<Integer> RECEIVE_BUFFER_BYTES = Setting.ofInt("vc.relay.receive.buffer.bytes",
            4 << 20, 65_536, 1 << 30, "receive buffer of each media socket, bytes (the kernel may grant less)");
    /** A connected media socket per participant (see {@link Builder#socketPerParticipant(boolean)}). */
    public static final Setting<Boolean> SOCKET_PER_PARTICIPANT = Setting.ofBoolean(
            "vc.relay.socket.per.participant", true, "whether each bound participant gets a connected media socket");

    /** Largest control message accepted. */
    public static final Setting<Integer> MAX_CONTROL_MESSAGE_BYTES = Setting.ofInt(
            "vc.relay.max.control.message.bytes", 4_096, 64, 65_536,
            "largest control message accepted, bytes; a larger frame closes the connection");
    /** Control connections open at once. */
    public static final Setting<Integer> MAX_CONNECTIONS = Setting.ofInt("vc.relay.max.connections", 1_000, 1,
            1_000_000, "control connections open at once; more are closed as soon as accepted");
    /** Control connections open at once from one remote address. */
    public static final Setting<Integer> MAX_CONNECTIONS_PER_ADDRESS = Setting.ofInt(
            "vc.relay.max.connections.per.address", 64, 1, 1_000_000,
            "control connections open at once from one remote address");
    /** Time a new control connection has to send its JOIN. */
    public static final Setting<Integer> JOIN_TIMEOUT_MS = Setting.ofInt("vc.relay.join.timeout.ms", 5_000, 100,
            600_000, "time a new control connection has to send JOIN (after its TLS handshake) before it is closed, in ms");
    /** How long the relay keeps the identity of a member that dropped out, for it to resume (see {@link Builder#resumeGraceMillis(int)}). */
    public static final Setting<Integer> RESUME_GRACE_MS = Setting.ofInt("vc.relay.resume.grace.ms", 60_000, 0,
            3_600_000, "how long a member whose connection dropped or timed out can come back with its resume token "
                    + "as the same participant (id and SSRCs), in ms; 0: never");
    /** Packets each member's congestion control remembers on each hop (see {@link Builder#ccWindowPackets(int)}). */
    public static final Setting<Integer> CC_WINDOW_PACKETS = Setting.ofInt("vc.relay.cc.window.packets", 2048, 64,
            16_384, "packets remembered per participant for transport-cc on each hop, a power of two");
    /** Transport-cc feedback messages a participant may send per second; more are dropped. */
    public static final Setting<Integer> CC_FEEDBACK_PER_SECOND = Setting.ofInt("vc.relay.cc.feedback.per.second",
            100, 1, 100_000, "transport-cc feedback messages taken from each participant per second; more are dropped");
    /**
     * Rate the relay paces each receiver's media at, over its downlink estimate, while that downlink over-used within
     * the last 10 s; 0 does not pace.
     */
    public static final Setting<Integer> PACING_PERCENT = Setting.ofInt("vc.relay.pacing.percent", 150, 0, 1_000,
            "rate the relay paces each receiver's media at, percent of its downlink estimate; 0 sends as received");
    /** Share of a receiver's downlink estimate the relay may spend resending cached packets to it. */
    public static final Setting<Integer> RETRANSMIT_SHARE_PERCENT = Setting.ofInt("vc.relay.retransmit.share.percent",
            20, 1, 100, "share of a receiver's downlink estimate the relay may spend answering its NACKs, percent");
    /** The least retransmission rate a receiver is allowed, whatever its estimate. */
    public static final Setting<Long> RETRANSMIT_FLOOR_BPS = Setting.ofLong("vc.relay.retransmit.floor.bps", 64_000,
            8_000, 100_000_000, "least rate the relay may spend answering a receiver's NACKs, bit/s");
    /** Plain TCP on the control port instead of TLS. */
    public static final Setting<Boolean> CONTROL_INSECURE = Setting.ofBoolean("vc.relay.control.insecure", false,
            "plain TCP on the control port, no TLS: room secrets and session keys travel in clear; clients must be "
                    + "told vc.relay.insecure=true");
    /** Encrypted media (DTLS-SRTP on every hop) or plain RTP. */
    public static final Setting<String> MEDIA_SECURITY = Setting.ofChoice("vc.relay.media.security", "srtp",
            List.of("srtp", "insecure"), "srtp: every member's media hop is SRTP keyed by DTLS (fingerprints over the "
                    + "control channel); insecure: plain RTP, only for clients told vc.media.security=insecure (and "
                    + "plain RTP tools); a mismatch fails the join");
    /** SRTP profiles the relay accepts, in its order of preference. */
    public static final Setting<String> SRTP_PROFILES = Setting.ofString("vc.relay.srtp.profiles",
            "AEAD_AES_128_GCM,AES128_CM_HMAC_SHA1_80", "SRTP profiles accepted, in order of preference (the first "
                    + "the client offers wins): AEAD_AES_128_GCM (AEAD, 16-byte tag), AES128_CM_HMAC_SHA1_80 (what "
                    + "every browser offers); neither allocates per packet");
    /** PKCS#12 keystore with the control channel's key and certificate chain. */
    public static final Setting<String> TLS_KEYSTORE = Setting.ofString("vc.relay.tls.keystore", null,
            "PKCS#12 file with the control channel's private key and certificate chain; unset (and no PEM files): "
                    + "a self-signed certificate kept in the state directory");
    /** The keystore's password. */
    public static final Setting<String> TLS_KEYSTORE_PASSWORD = Setting.ofString("vc.relay.tls.keystore.password",
            null, "password of vc.relay.tls.keystore; unset: empty (never logged)");
    /** PEM certificate chain, leaf first. */
    public static final Setting<String> TLS_CERTIFICATE = Setting.ofString("vc.relay.tls.certificate", null,
            "PEM file with the control channel's certificate chain, leaf first (with vc.relay.tls.key)");
    /** PEM PKCS#8 private key. */
    public static final Setting<String> TLS_KEY = Setting.ofString("vc.relay.tls.key", null,
            "PEM file with the certificate's unencrypted PKCS#8 private key (with vc.relay.tls.certificate)");
    /** Where the relay keeps its self-signed certificate. */
    public static final Setting<String> STATE_DIR = Setting.ofString("vc.relay.state.dir", null,
            "directory where the relay keeps its self-signed certificate (control-tls.pem, mode 600); unset: "
                    + ".vc-relay in the user's home");
    /** Time a control connection has to complete its TLS handshake. */
    public static final Setting<Integer> TLS_HANDSHAKE_TIMEOUT_MS = Setting.ofInt("vc.relay.tls.handshake.timeout.ms",
            10_000, 100, 600_000, "time a new control connection has to complete its TLS handshake, in ms (then it has "
                    + "vc.relay.join.timeout.ms to send JOIN)");
    /** Most ingresses open at once. */
    public static final Setting<Integer> MAX_INGRESSES = Setting.ofInt("vc.relay.max.ingresses", 8, 0, 1_000,
            "most ingresses open at once (UDP ports where a plain RTP sender's stream joins a room as a participant)");
    /** An ingress opened at start: a family of keys, one per ingress, read by {@link #from(Config)}. */
    public static final Setting<String> INGRESS = Setting.ofString("vc.relay.ingress.<name>", null,
            "an ingress opened at start, its participant named <name>: room=R,port=P,codec=h264|jpeg"
                    + "[,source=ADDRESS][,ssrc=N]");

    /** HTTP port of the operator API. */
    public static final Setting<Integer> OPERATOR_PORT = Setting.ofInt("vc.relay.operator.port", -1, -1, 65535,
            "HTTP port of the operator API (rooms, participants, kicks, egress forwards; needs vc.relay.operator.token); "
                    + "-1 for none, 0 for an ephemeral one");
    /** Address the operator API binds to. */
    public static final Setting<String> OPERATOR_HOST = Setting.ofString("vc.relay.operator.host", "127.0.0.1",
            "address the operator API binds to (0.0.0.0: every interface)");
    /** The operator API's bearer token. */
    public static final Setting<String> OPERATOR_TOKEN = Setting.ofString("vc.relay.operator.token", null,
            "the token operator requests present (Authorization: Bearer), at least 16 characters; unset: no operator "
                    + "API (never logged)");
    /** Egress forwards at once. */
    public static final Setting<Integer> EGRESS_MAX_FORWARDS = Setting.ofInt("vc.relay.egress.max.forwards", 16, 1,
            1_000, "egress forwards running at once (each a participant's stream sent as plain RTP to a host and port)");

    /** The cluster's directory; unset, the relay stands alone. */
    public static final Setting<String> CLUSTER_REDIS = Setting.ofString("vc.cluster.redis", null,
            "the Redis server of the relay's cluster, redis://host:port (rediss:// for TLS), which needs "
                    + "vc-relay-cluster on the module path (its keys: vc.cluster.*, docs/cluster.md); unset: the relay "
                    + "stands alone");
    /** The secret relays of one cluster prove to each other when one opens a trunk to another. */
    public static final Setting<String> TRUNK_SECRET = Setting.ofString("vc.relay.trunk.secret", null,
            "the secret every relay of a cluster shares to open trunks to each other (rooms that span relays), at "
                    + "least 16 characters; unset: this relay neither opens nor accepts trunks (never logged)");
    /** Every key declared here, in the order docs/relay.md lists them. */
    public static final List<Setting<?>> ALL = List.of(HOST, CONTROL_PORT, MEDIA_PORT, METRICS_HOST, METRICS_PORT,
            MAX_PARTICIPANTS, MAX_ROOMS, ROOM_SECRET, AD_HOC_ROOMS, STALE_TIMEOUT_MS, KEEPALIVE_MS, MAX_BITRATE, JOIN_ATTEMPTS_PER_MINUTE,
            RECEIVE_BUFFER_BYTES, SOCKET_PER_PARTICIPANT, MAX_CONTROL_MESSAGE_BYTES, MAX_CONNECTIONS,
            MAX_CONNECTIONS_PER_ADDRESS, JOIN_TIMEOUT_MS, RESUME_GRACE_MS, CC_WINDOW_PACKETS,
            CC_FEEDBACK_PER_SECOND, PACING_PERCENT, RETRANSMIT_SHARE_PERCENT, RETRANSMIT_FLOOR_BPS,
            CONTROL_INSECURE, MEDIA_SECURITY, SRTP_PROFILES, TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD, TLS_CERTIFICATE, TLS_KEY, STATE_DIR,
            TLS_HANDSHAKE_TIMEOUT_MS, MAX_INGRESSES, INGRESS, OPERATOR_PORT, OPERATOR_HOST, OPERATOR_TOKEN,
            EGRESS_MAX_FORWARDS, CLUSTER_REDIS, TRUNK_SECRET);

    private static final String SECRET_PREFIX = ROOM_SECRET.key().substring(0, ROOM_SECRET.key().indexOf('<'));
    private static final String SECRET_SUFFIX = ROOM_SECRET.key().substring(ROOM_SECRET.key().indexOf('>') + 1);
    private static final String INGRESS_PREFIX = INGRESS.key().substring(0, INGRESS.key().indexOf('<'));

    private final String host;
    private final int controlPort;
    private final int mediaPort;
    private final String metricsHost;
    private final int metricsPort;
    private final int maxParticipantsPerRoom;
    private final int maxRooms;
    private final Map<String, String> roomSecrets;
    private final boolean adHocRooms;
    private final String trunkSecret;
    private final int staleMillis;
    private final int keepaliveMillis;
    private final int maxControlMessageBytes;
    private final int joinAttemptsPerMinute;
    private final long maxBitrate;
    private final int mtu;
    private final int receiveBufferBytes;
    private final boolean socketPerParticipant;
    private final int maxConnections;
    private final int maxConnectionsPerAddress;
    private final int joinTimeoutMillis;
    private final int resumeGraceMillis;
    private final int ccWindowPackets;
    private final int ccFeedbackPerSecond;
    private final int pacingPercent;
    private final int retransmitSharePercent;
    private final long retransmitFloorBps;
    private final boolean controlInsecure;
    private final boolean mediaInsecure;
    private final List<dev.vc.transport.udp.srtp.SrtpProfile> srtpProfiles;
    private final String tlsKeystore;
    private final String tlsKeystorePassword;
    private final String tlsCertificate;
    private final String tlsKey;
    private final String stateDirectory;
    private final int tlsHandshakeTimeoutMillis;
    private final int maxIngresses;
    private final List<IngressSpec> ingresses;
    private final int operatorPort;
    private final String operatorHost;
    private final String operatorToken;
    private final int maxEgressForwards;
    private final Config cluster;

    private RelaySettings(Builder b) {
        this.host = b.host;
        this.controlPort = b.controlPort;
        this.mediaPort = b.mediaPort;
        this.metricsHost = b.metricsHost;
        this.metricsPort = b.metricsPort;
        this.maxParticipantsPerRoom = b.maxParticipantsPerRoom;
        this.maxRooms = b.maxRooms;
        this.roomSecrets = Map.copyOf(b.roomSecrets);
        this.adHocRooms = b.adHocRooms;
        this.trunkSecret = b.trunkSecret;
        this.staleMillis = b.staleMillis;
        this.keepaliveMillis = b.keepaliveMillis;
        this.maxControlMessageBytes = b.maxControlMessageBytes;
        this.joinAttemptsPerMinute = b.joinAttemptsPerMinute;
        this.maxBitrate = b.maxBitrate;
        this.mtu = b.mtu;
        this.receiveBufferBytes = b.receiveBufferBytes;
        this.socketPerParticipant = b.socketPerParticipant;
        this.maxConnections = b.maxConnections;
        this.maxConnectionsPerAddress = b.maxConnectionsPerAddress;
        this.joinTimeoutMillis = b.joinTimeoutMillis;
        this.resumeGraceMillis = b.resumeGraceMillis;
        this.ccWindowPackets = b.ccWindowPackets;
        this.ccFeedbackPerSecond = b.ccFeedbackPerSecond;
        this.pacingPercent = b.pacingPercent;
        this.retransmitSharePercent = b.retransmitSharePercent;
        this.retransmitFloorBps = b.retransmitFloorBps;
        this.controlInsecure = b.controlInsecure;
        this.mediaInsecure = b.mediaInsecure;
        this.srtpProfiles = b.srtpProfiles;
        this.tlsKeystore = b.tlsKeystore;
        this.tlsKeystorePassword = b.tlsKeystorePassword;
        this.tlsCertificate = b.tlsCertificate;
        this.tlsKey = b.tlsKey;
        this.stateDirectory = b.stateDirectory;
        this.tlsHandshakeTimeoutMillis = b.tlsHandshakeTimeoutMillis;
        this.maxIngresses = b.maxIngresses;
        this.ingresses = List.copyOf(b.ingresses);
        this.operatorPort = b.operatorPort;
        this.operatorHost = b.operatorHost;
        this.operatorToken = b.operatorToken;
        this.maxEgressForwards = b.maxEgressForwards;
        this.cluster = b.cluster;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads every key declared here over the defaults; a room secret is {@code vc.relay.room.<name>.secret}.
     *
     * @param config the configuration
     * @return a builder holding those values, to adjust further
     * @throws ConfigException if a value is not accepted; the message names the key and the accepted forms
     */
    public static Builder from(Config config) {
        Builder b = builder()
                .host(config.get(HOST))
                .controlPort(config.get(CONTROL_PORT))
                .mediaPort(config.get(MEDIA_PORT))
                .metricsHost(config.get(METRICS_HOST))
                .metricsPort(config.get(METRICS_PORT))
                .maxParticipantsPerRoom(config.get(MAX_PARTICIPANTS))
                .maxRooms(config.get(MAX_ROOMS))
                .adHocRooms(config.get(AD_HOC_ROOMS))
                .trunkSecret(config.get(TRUNK_SECRET))
                .staleMillis(config.get(STALE_TIMEOUT_MS))
                .keepaliveMillis(config.get(KEEPALIVE_MS))
                .maxBitrate(config.get(MAX_BITRATE))
                .joinAttemptsPerMinute(config.get(JOIN_ATTEMPTS_PER_MINUTE))
                .receiveBufferBytes(config.get(RECEIVE_BUFFER_BYTES))
                .socketPerParticipant(config.get(SOCKET_PER_PARTICIPANT))
                .maxControlMessageBytes(config.get(MAX_CONTROL_MESSAGE_BYTES))
                .maxConnections(config.get(MAX_CONNECTIONS))
                .maxConnectionsPerAddress(config.get(MAX_CONNECTIONS_PER_ADDRESS))
                .joinTimeoutMillis(config.get(JOIN_TIMEOUT_MS))
                .resumeGraceMillis(config.get(RESUME_GRACE_MS))
                .ccWindowPackets(config.get(CC_WINDOW_PACKETS))
                .ccFeedbackPerSecond(config.get(CC_FEEDBACK_PER_SECOND))
                .pacingPercent(config.get(PACING_PERCENT))
                .retransmitSharePercent(config.get(RETRANSMIT_SHARE_PERCENT))
                .retransmitFloorBps(config.get(RETRANSMIT_FLOOR_BPS))
                .controlInsecure(config.get(CONTROL_INSECURE))
                .mediaInsecure("insecure".equals(config.get(MEDIA_SECURITY)))
                .srtpProfiles(config.get(SRTP_PROFILES))
                .tlsKeystore(config.get(TLS_KEYSTORE), config.get(TLS_KEYSTORE_PASSWORD))
                .tlsPem(config.get(TLS_CERTIFICATE), config.get(TLS_KEY))
                .stateDirectory(config.get(STATE_DIR))
                .tlsHandshakeTimeoutMillis(config.get(TLS_HANDSHAKE_TIMEOUT_MS))
                .maxIngresses(config.get(MAX_INGRESSES))
                .operator(config.get(OPERATOR_HOST), config.get(OPERATOR_PORT), config.get(OPERATOR_TOKEN))
                .maxEgressForwards(config.get(EGRESS_MAX_FORWARDS))
                .cluster(config);
        new TreeMap<>(config.asMap()).forEach((key, value) -> {
            if (key.startsWith(INGRESS_PREFIX) && key.length() > INGRESS_PREFIX.length()) {
                try {
                    b.ingress(IngressSpec.parse("name=" + key.substring(INGRESS_PREFIX.length()) + "," + value));
                } catch (ConfigException e) {
                    throw new ConfigException(key + ": " + e.getMessage(), e);
                }
            }
        });
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

    /** @return the address the metrics and health endpoints bind to */
    public String metricsHost() {
        return metricsHost;
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

    /** @return the cluster's trunk secret ({@link #TRUNK_SECRET}), or null when trunks are off; never log it */
    public String trunkSecret() {
        return trunkSecret;
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

    /** @return control connections open at once */
    public int maxConnections() {
        return maxConnections;
    }

    /** @return control connections open at once from one remote address */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /** @return time a member that dropped out may resume its identity, in ms (0: never) */
    public int resumeGraceMillis() {
        return resumeGraceMillis;
    }

    /** @return time a new control connection has to send JOIN, in ms */
    public int joinTimeoutMillis() {
        return joinTimeoutMillis;
    }

    /** @return packets remembered per participant for transport-cc on each hop */
    public int ccWindowPackets() {
        return ccWindowPackets;
    }

    /** @return transport-cc feedback messages taken from each participant per second */
    public int ccFeedbackPerSecond() {
        return ccFeedbackPerSecond;
    }

    /** @return the rate each receiver's media is paced at, percent of its downlink estimate; 0: not paced */
    public int pacingPercent() {
        return pacingPercent;
    }

    /** @return share of a receiver's downlink estimate the relay may spend answering its NACKs, percent */
    public int retransmitSharePercent() {
        return retransmitSharePercent;
    }

    /** @return least rate the relay may spend answering a receiver's NACKs, bit/s */
    public long retransmitFloorBps() {
        return retransmitFloorBps;
    }

    /** @return whether the control channel is plain TCP rather than TLS */
    public boolean controlInsecure() {
        return controlInsecure;
    }

    /** @return whether media is plain RTP rather than SRTP keyed by DTLS */
    public boolean mediaInsecure() {
        return mediaInsecure;
    }

    /** @return the SRTP profiles accepted, in order of preference */
    public List<dev.vc.transport.udp.srtp.SrtpProfile> srtpProfiles() {
        return srtpProfiles;
    }

    /** @return the PKCS#12 keystore file of the control channel's certificate, or null */
    public String tlsKeystore() {
        return tlsKeystore;
    }

    /** @return a fresh copy of the keystore's password (empty if none), for the caller to clear after use */
    public char[] tlsKeystorePassword() {
        return tlsKeystorePassword == null ? new char[0] : tlsKeystorePassword.toCharArray();
    }

    /** @return the PEM certificate chain file, or null */
    public String tlsCertificate() {
        return tlsCertificate;
    }

    /** @return the PEM private key file, or null */
    public String tlsKey() {
        return tlsKey;
    }

    /** @return the directory where the relay keeps its self-signed certificate */
    public java.nio.file.Path stateDirectory() {
        return stateDirectory != null ? java.nio.file.Path.of(stateDirectory)
                : java.nio.file.Path.of(System.getProperty("user.home"), ".vc-relay");
    }

    /** @return time a new control connection has to complete its TLS handshake, in ms */
    public int tlsHandshakeTimeoutMillis() {
        return tlsHandshakeTimeoutMillis;
    }

    /** @return most ingresses open at once */
    public int maxIngresses() {
        return maxIngresses;
    }

    /** @return the ingresses the relay opens at start */
    public List<IngressSpec> ingresses() {
        return ingresses;
    }

    /** @return the operator API's HTTP port, -1 when off, 0 for an ephemeral one */
    public int operatorPort() {
        return operatorPort;
    }

    /** @return the address the operator API binds to */
    public String operatorHost() {
        return operatorHost;
    }

    /** @return the operator API's token, or null when there is no operator API; never log it */
    public String operatorToken() {
        return operatorToken;
    }

    /** @return egress forwards running at once */
    public int maxEgressForwards() {
        return maxEgressForwards;
    }

    /** @return the Redis URL of the relay's cluster ({@link #CLUSTER_REDIS}), or null when the relay stands alone */
    public String clusterRedis() {
        return cluster.get(CLUSTER_REDIS);
    }

    /** @return the configuration the cluster reads its {@code vc.cluster.*} keys from (empty without a cluster) */
    public Config clusterConfig() {
        return cluster;
    }

    /** Collects relay settings; every setter checks its value (a keyed one by its key's declaration). */
    public static final class Builder {
        private String host = HOST.defaultValue();
        private int controlPort = CONTROL_PORT.defaultValue();
        private int mediaPort = MEDIA_PORT.defaultValue();
        private String metricsHost = METRICS_HOST.defaultValue();
        private int metricsPort = METRICS_PORT.defaultValue();
        private int maxParticipantsPerRoom = MAX_PARTICIPANTS.defaultValue();
        private int maxRooms = MAX_ROOMS.defaultValue();
        private final Map<String, String> roomSecrets = new TreeMap<>();
        private boolean adHocRooms = AD_HOC_ROOMS.defaultValue();
        private String trunkSecret;
        private int staleMillis = STALE_TIMEOUT_MS.defaultValue();
        private int keepaliveMillis = KEEPALIVE_MS.defaultValue();
        private int maxControlMessageBytes = MAX_CONTROL_MESSAGE_BYTES.defaultValue();
        private int maxConnections = MAX_CONNECTIONS.defaultValue();
        private int maxConnectionsPerAddress = MAX_CONNECTIONS_PER_ADDRESS.defaultValue();
        private int joinTimeoutMillis = JOIN_TIMEOUT_MS.defaultValue();
        private int resumeGraceMillis = RESUME_GRACE_MS.defaultValue();
        private int joinAttemptsPerMinute = JOIN_ATTEMPTS_PER_MINUTE.defaultValue();
        private long maxBitrate = MAX_BITRATE.defaultValue();
        private int mtu = 1_500;
        private int receiveBufferBytes = RECEIVE_BUFFER_BYTES.defaultValue();
        private boolean socketPerParticipant = SOCKET_PER_PARTICIPANT.defaultValue();
        private int ccWindowPackets = CC_WINDOW_PACKETS.defaultValue();
        private int ccFeedbackPerSecond = CC_FEEDBACK_PER_SECOND.defaultValue();
        private int pacingPercent = PACING_PERCENT.defaultValue();
        private int retransmitSharePercent = RETRANSMIT_SHARE_PERCENT.defaultValue();
        private long retransmitFloorBps = RETRANSMIT_FLOOR_BPS.defaultValue();
        private boolean controlInsecure = CONTROL_INSECURE.defaultValue();
        private boolean mediaInsecure = "insecure".equals(MEDIA_SECURITY.defaultValue());
        private List<dev.vc.transport.udp.srtp.SrtpProfile> srtpProfiles =
                dev.vc.transport.udp.srtp.SrtpProfile.listOf(SRTP_PROFILES.defaultValue());
        private String tlsKeystore;
        private String tlsKeystorePassword;
        private String tlsCertificate;
        private String tlsKey;
        private String stateDirectory;
        private int tlsHandshakeTimeoutMillis = TLS_HANDSHAKE_TIMEOUT_MS.defaultValue();
        private int maxIngresses = MAX_INGRESSES.defaultValue();
        private final List<IngressSpec> ingresses = new java.util.ArrayList<>();
        private int operatorPort = OPERATOR_PORT.defaultValue();
        private String operatorHost = OPERATOR_HOST.defaultValue();
        private String operatorToken;
        private int maxEgressForwards = EGRESS_MAX_FORWARDS.defaultValue();
        private Config cluster = Config.empty();

        private Builder() {
        }

        /**
         * @param host address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
         * @return this builder
         */
        public Builder host(String host) {
            this.host = HOST.check(host);
            return this;
        }

        /**
         * @param port TCP control port, 0 for ephemeral
         * @return this builder
         */
        public Builder controlPort(int port) {
            this.controlPort = CONTROL_PORT.check(port);
            return this;
        }

        /**
         * @param port UDP media port, 0 for ephemeral
         * @return this builder
         */
        public Builder mediaPort(int port) {
            this.mediaPort = MEDIA_PORT.check(port);
            return this;
        }

        /**
         * @param host address the metrics and health endpoints bind to
         * @return this builder
         */
        public Builder metricsHost(String host) {
            this.metricsHost = METRICS_HOST.check(host);
            return this;
        }

        /**
         * @param port HTTP port of the Prometheus endpoint, 0 for ephemeral, -1 for none
         * @return this builder
         */
        public Builder metricsPort(int port) {
            this.metricsPort = METRICS_PORT.check(port);
            return this;
        }

        /**
         * @param max most participants per room, 2..1000
         * @return this builder
         */
        public Builder maxParticipantsPerRoom(int max) {
            this.maxParticipantsPerRoom = MAX_PARTICIPANTS.check(max);
            return this;
        }

        /**
         * @param max most rooms, 1..100000
         * @return this builder
         */
        public Builder maxRooms(int max) {
            this.maxRooms = MAX_ROOMS.check(max);
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
         * @param secret the cluster's trunk secret ({@link #TRUNK_SECRET}), at least 16 characters; null for none
         * @return this builder
         * @throws ConfigException if it is too short (never naming it)
         */
        public Builder trunkSecret(String secret) {
            if (secret != null && !secret.isBlank() && secret.strip().length() < 16) {
                throw new ConfigException(TRUNK_SECRET.key() + " must be at least 16 characters");
            }
            this.trunkSecret = secret == null || secret.isBlank() ? null : secret.strip();
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
            this.staleMillis = STALE_TIMEOUT_MS.check(millis);
            return this;
        }

        /**
         * @param millis keepalive period
         * @return this builder
         */
        public Builder keepaliveMillis(int millis) {
            this.keepaliveMillis = KEEPALIVE_MS.check(millis);
            return this;
        }

        /**
         * @param bytes largest control message accepted, 64..65536
         * @return this builder
         */
        public Builder maxControlMessageBytes(int bytes) {
            this.maxControlMessageBytes = MAX_CONTROL_MESSAGE_BYTES.check(bytes);
            return this;
        }

        /**
         * @param max control connections open at once, 1..1000000; one more is closed as soon as accepted
         * @return this builder
         */
        public Builder maxConnections(int max) {
            this.maxConnections = MAX_CONNECTIONS.check(max);
            return this;
        }

        /**
         * @param max control connections open at once from one remote address, 1..1000000
         * @return this builder
         */
        public Builder maxConnectionsPerAddress(int max) {
            this.maxConnectionsPerAddress = MAX_CONNECTIONS_PER_ADDRESS.check(max);
            return this;
        }

        /**
         * @param millis time a new control connection has to send JOIN, 100..600000
         * @return this builder
         */
        public Builder joinTimeoutMillis(int millis) {
            this.joinTimeoutMillis = JOIN_TIMEOUT_MS.check(millis);
            return this;
        }

        /**
         * @param millis how long a member whose control connection dropped or timed out can resume as the same
         *               participant with its resume token, 0..3600000 (0: never)
         * @return this builder
         */
        public Builder resumeGraceMillis(int millis) {
            this.resumeGraceMillis = RESUME_GRACE_MS.check(millis);
            return this;
        }

        /**
         * @param attempts join attempts per address per minute, 1..100000
         * @return this builder
         */
        public Builder joinAttemptsPerMinute(int attempts) {
            this.joinAttemptsPerMinute = JOIN_ATTEMPTS_PER_MINUTE.check(attempts);
            return this;
        }

        /**
         * @param bitsPerSecond per-participant media cap, at least 10 kbit/s
         * @return this builder
         */
        public Builder maxBitrate(long bitsPerSecond) {
            this.maxBitrate = MAX_BITRATE.check(bitsPerSecond);
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
            this.receiveBufferBytes = RECEIVE_BUFFER_BYTES.check(bytes);
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

        /**
         * @param packets packets each participant's congestion control remembers on each hop: arrivals from it
         *                not yet reported (uplink) and packets sent to it awaiting feedback (downlink); a power
         *                of two, 64..16384. 2048 covers two seconds of a room of ten at 600 kbit/s each
         * @return this builder
         * @throws ConfigException if not a power of two in range
         */
        public Builder ccWindowPackets(int packets) {
            if (Integer.bitCount(CC_WINDOW_PACKETS.check(packets)) != 1) {
                throw new ConfigException(CC_WINDOW_PACKETS.key() + " must be a power of two, got " + packets);
            }
            this.ccWindowPackets = packets;
            return this;
        }

        /**
         * @param messages transport-cc feedback messages taken from each participant per second (a token bucket
         *                 with a second of burst); a client sends about 20. More are dropped as
         *                 {@link DropReason#FEEDBACK_FLOOD}
         * @return this builder
         */
        public Builder ccFeedbackPerSecond(int messages) {
            this.ccFeedbackPerSecond = CC_FEEDBACK_PER_SECOND.check(messages);
            return this;
        }

        /**
         * @param percent the rate the relay paces each receiver's media at, percent (0..1000) of its downlink
         *                estimate, so a burst crosses its bottleneck at about the rate it drains; 0 sends each
         *                packet as it comes
         * @return this builder
         */
        public Builder pacingPercent(int percent) {
            this.pacingPercent = PACING_PERCENT.check(percent);
            return this;
        }

        /**
         * @param percent share of a receiver's downlink estimate (1..100) the relay may spend resending cached
         *                packets to it in answer to its NACKs; before its first estimate, the estimator's start
         *                value counts
         * @return this builder
         */
        public Builder retransmitSharePercent(int percent) {
            this.retransmitSharePercent = RETRANSMIT_SHARE_PERCENT.check(percent);
            return this;
        }

        /**
         * @param bitsPerSecond the least retransmission rate any receiver is allowed, 8 kbit/s..100 Mbit/s
         * @return this builder
         */
        public Builder retransmitFloorBps(long bitsPerSecond) {
            this.retransmitFloorBps = RETRANSMIT_FLOOR_BPS.check(bitsPerSecond);
            return this;
        }

        /**
         * @param insecure true for plain TCP on the control port (room secrets and session keys in clear), only
         *                 for clients told {@code vc.relay.insecure=true}; false (default) for TLS 1.3
         * @return this builder
         */
        public Builder controlInsecure(boolean insecure) {
            this.controlInsecure = insecure;
            return this;
        }

        /**
         * @param insecure true for plain RTP media (only for clients told {@code vc.media.security=insecure}); false
         *                 (default) for SRTP keyed by DTLS on every member's hop
         * @return this builder
         */
        public Builder mediaInsecure(boolean insecure) {
            this.mediaInsecure = insecure;
            return this;
        }

        /**
         * @param profiles SRTP profile names in order of preference, comma-separated
         * @return this builder
         * @throws ConfigException when a name is unknown or repeated
         */
        public Builder srtpProfiles(String profiles) {
            try {
                this.srtpProfiles = dev.vc.transport.udp.srtp.SrtpProfile.listOf(profiles);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(SRTP_PROFILES.key() + ": " + e.getMessage());
            }
            return this;
        }

        /**
         * @param file     PKCS#12 file with the control channel's key and certificate chain, or null for none
         * @param password its password, or null for an empty one; kept only in memory, never logged
         * @return this builder
         */
        public Builder tlsKeystore(String file, String password) {
            this.tlsKeystore = file;
            this.tlsKeystorePassword = password;
            return this;
        }

        /**
         * @param certificate PEM file with the certificate chain, leaf first, or null for none
         * @param key         PEM file with its unencrypted PKCS#8 private key, or null for none
         * @return this builder
         */
        public Builder tlsPem(String certificate, String key) {
            this.tlsCertificate = certificate;
            this.tlsKey = key;
            return this;
        }

        /**
         * @param directory where the relay keeps its self-signed certificate, or null for {@code ~/.vc-relay}
         * @return this builder
         */
        public Builder stateDirectory(String directory) {
            this.stateDirectory = directory;
            return this;
        }

        /**
         * @param millis time a new control connection has to complete its TLS handshake, 100..600000
         * @return this builder
         */
        public Builder tlsHandshakeTimeoutMillis(int millis) {
            this.tlsHandshakeTimeoutMillis = TLS_HANDSHAKE_TIMEOUT_MS.check(millis);
            return this;
        }

        /**
         * @param max most ingresses open at once, 0..1000 (default 8)
         * @return this builder
         */
        public Builder maxIngresses(int max) {
            this.maxIngresses = MAX_INGRESSES.check(max);
            return this;
        }

        /**
         * Opens an ingress at start ({@link RelayServer#openIngress}); repeatable.
         *
         * @param spec the ingress
         * @return this builder
         */
        public Builder ingress(IngressSpec spec) {
            ingresses.add(Objects.requireNonNull(spec, "spec"));
            return this;
        }

        /**
         * The operator API: off unless a port is given (-1), and then only with a token.
         *
         * @param host  the address it binds to, e.g. {@code 127.0.0.1}
         * @param port  its HTTP port, 0 for ephemeral, -1 for none
         * @param token what requests present as {@code Authorization: Bearer <token>}, at least 16 characters; null
         *              for none (then the port must be -1)
         * @return this builder
         * @throws ConfigException if the port is set without a token, or the token is too short (never naming it)
         */
        public Builder operator(String host, int port, String token) {
            OPERATOR_PORT.check(port);
            if (port >= 0 && (token == null || token.isBlank())) {
                throw new ConfigException(OPERATOR_PORT.key() + " is set but " + OPERATOR_TOKEN.key()
                        + " is not: the operator API needs a token");
            }
            if (token != null && !token.isBlank() && token.strip().length() < 16) {
                throw new ConfigException(OPERATOR_TOKEN.key() + " must be at least 16 characters");
            }
            this.operatorHost = OPERATOR_HOST.check(host == null ? OPERATOR_HOST.defaultValue() : host);
            this.operatorPort = port;
            this.operatorToken = token == null || token.isBlank() ? null : token.strip();
            return this;
        }

        /**
         * @param max egress forwards running at once, 1..1000
         * @return this builder
         */
        public Builder maxEgressForwards(int max) {
            this.maxEgressForwards = EGRESS_MAX_FORWARDS.check(max);
            return this;
        }

        /**
         * Makes the relay one of a cluster when {@code config} sets {@code vc.cluster.redis}: the cluster (a
         * {@link dev.vc.relay.placement.RoomPlacementProvider} on the module path, {@code vc-relay-cluster}) reads its
         * {@code vc.cluster.*} keys from it. Without that key the relay stands alone.
         *
         * <pre>{@code
         * builder.cluster(Config.empty().with("vc.cluster.redis", "redis://127.0.0.1:6379"))
         * }</pre>
         *
         * @param config the configuration holding the {@code vc.cluster.*} keys
         * @return this builder
         */
        public Builder cluster(Config config) {
            this.cluster = java.util.Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * @return the settings
         * @throws ConfigException if more ingresses are given than {@link #maxIngresses(int)} allows
         */
        public RelaySettings build() {
            if (ingresses.size() > maxIngresses) {
                throw new ConfigException(ingresses.size() + " ingresses given, more than vc.relay.max.ingresses ("
                        + maxIngresses + ")");
            }
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
