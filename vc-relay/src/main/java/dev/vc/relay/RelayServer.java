package dev.vc.relay;

import dev.vc.api.TransportException;
import dev.vc.api.control.RelayTrust;
import dev.vc.api.ConfigException;
import dev.vc.relay.placement.RelayNode;
import dev.vc.relay.placement.RoomPlacement;
import dev.vc.relay.placement.RoomPlacementProvider;
import dev.vc.relay.tls.RelayIdentity;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The vc relay: a TLS control channel where participants join rooms, and a UDP media port where it forwards
 * each participant's RTP to the other members of its room. The control channel presents the configured
 * certificate or a self-signed one whose fingerprint ({@link #certificateFingerprint()}) clients pin. With
 * {@code vc.cluster.redis} set it is one relay of a cluster ({@code docs/cluster.md}): joins of rooms it does not serve
 * are placed by the cluster and may be redirected to another relay. Three threads in all, whatever the number of
 * participants: {@code vc-relay-control}, {@code vc-relay-media} and the metrics HTTP server's; a fourth with the
 * operator API ({@link #operatorAddress()}: rooms, participants, removals, egress forwards as plain RTP).
 *
 * <pre>{@code
 * try (RelayServer relay = RelayServer.start(RelaySettings.builder().roomSecret("team", "s3cret").build())) {
 *     System.out.println("control " + relay.controlAddress() + ", media " + relay.mediaAddress());
 *     ControlClient.join(relay.controlAddress(), relay.clientTrust(), join, listener, timeout);
 *     ...
 * }
 * }</pre>
 *
 * See {@code docs/relay.md} for the protocol, the security model and the metrics.
 */
public final class RelayServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RelayServer.class.getName());

    private final RoomDirectory directory;
    private final MediaRelay media;
    private final ControlServer control;
    private final MetricsServer metrics;
    private volatile boolean closing;
    private final dev.vc.relay.operator.OperatorServer operator;
    private final InetSocketAddress controlAddress;
    private final RelayIdentity identity;
    private final MediaKeying keying;
    private final Ingresses ingresses;
    /** The relay's part in its cluster, or null when it stands alone. */
    private final RoomPlacement placement;
    private final RelaySettings settings;
    /** The trunks this relay opens to other relays of its rooms; null without a trunk secret. */
    private final OpenedTrunks trunks;

    private RelayServer(RelaySettings settings) throws IOException {
        List<AutoCloseable> opened = new ArrayList<>();
        this.settings = settings;
        try {
            // The media port is bound first: join answers carry its actual number.
            this.keying = settings.mediaInsecure() ? null : new MediaKeying(settings.srtpProfiles());
            if (keying != null) {
                opened.add(keying);
            }
            RoomDirectory pending = new RoomDirectory(settings, keying);
            this.media = new MediaRelay(settings, pending, keying);
            opened.add(media);
            pending.mediaPort(media.address().getPort());
            pending.remoteBinder(remote -> media.execute(() -> media.router().bindRemote(remote, System.nanoTime())));
            this.directory = pending;
            this.identity = settings.controlInsecure() ? null : RelayIdentity.load(settings);
            this.control = new ControlServer(settings, directory, identity);
            opened.add(control);
            this.controlAddress = control.address();
            this.placement = settings.clusterRedis() == null ? null : joinCluster(settings);
            this.trunks = settings.trunkSecret() == null ? null : new OpenedTrunks(directory, control, clientTrust(),
                    settings.trunkSecret(), relayId(), keying == null ? "" : keying.fingerprint(),
                    (trunk, peerMedia) -> media.execute(() -> media.router().bindOpenedTrunk(trunk, peerMedia,
                            System.nanoTime())));
            if (trunks != null) {
                control.onTick(trunks::tick);
                control.onSpanning((room, others) -> {
                    for (dev.vc.relay.placement.Placement.Relay other : others) {
                        trunks.open(room, new InetSocketAddress(other.host(), other.controlPort()), other.relayId());
                    }
                });
            }
            if (placement != null) {
                opened.add(placement);
                directory.placement(placement);
                control.placement(placement);
            }
            this.metrics = settings.metricsPort() >= 0 ? new MetricsServer(settings, this::stats, this::health) : null;
            if (metrics != null) {
                opened.add(metrics);
            }
            this.ingresses = new Ingresses(settings, directory, control, media);
            opened.add(ingresses);
            for (IngressSpec spec : settings.ingresses()) {
                ingresses.open(spec);
            }
            this.operator = settings.operatorToken() == null || settings.operatorPort() < 0 ? null
                    : startOperator(settings);
        } catch (IOException | RuntimeException e) {
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /**
     * Starts the cluster's placement: the {@link RoomPlacementProvider} on the module path (or class path), which
     * registers this relay with the control address and media port it is bound to.
     *
     * @throws ConfigException if {@code vc.cluster.redis} is set and no provider is present
     */
    private RoomPlacement joinCluster(RelaySettings settings) {
        RoomPlacementProvider provider = ServiceLoader.load(RoomPlacementProvider.class).findFirst()
                .orElseThrow(() -> new ConfigException(RelaySettings.CLUSTER_REDIS.key() + " is set but no cluster "
                        + "implementation is present: put vc-relay-cluster (module dev.vc.relay.cluster) beside vc-relay"));
        return provider.start(new RelayNode(settings.clusterConfig(), controlAddress, media.address().getPort(),
                settings.maxRooms(), settings.maxParticipantsPerRoom(), directory::localMembers,
                settings.trunkSecret() != null));
    }

    /** Serves the operator API (rooms, participants, removals, egress forwards, ingresses) with the configured token. */
    private dev.vc.relay.operator.OperatorServer startOperator(RelaySettings settings) throws IOException {
        InetSocketAddress address = new InetSocketAddress(settings.operatorHost(), settings.operatorPort());
        try {
            return dev.vc.relay.operator.OperatorServer.start(address,
                    new dev.vc.relay.operator.BearerToken(settings.operatorToken()),
                    new OperatorEndpoints(directory, control, media.router().egress(), ingresses).routes());
        } catch (java.net.BindException e) {
            throw new PortInUseException("operator", address, e);
        }
    }

    /**
     * Binds the control, media and (if configured) metrics and operator ports and starts serving.
     *
     * @param settings ports, limits, secrets
     * @return the running relay
     * @throws PortInUseException if another process holds the control, media, metrics or operator port
     * @throws TransportException if a port cannot be bound for another reason (no permission, no such address)
     * @throws dev.vc.api.ConfigException if the TLS certificate cannot be read (never naming its password)
     */
    public static RelayServer start(RelaySettings settings) {
        RelayServer server;
        try {
            server = new RelayServer(settings);
        } catch (IOException e) {
            throw new TransportException("cannot start relay on " + settings.host() + " (control port "
                    + settings.controlAddress().getPort() + ", media port " + settings.mediaAddress().getPort() + "): "
                    + e.getMessage(), e);
        }
        server.media.start();
        server.control.start();
        LOG.log(System.Logger.Level.INFO, "relay up: control tcp {0}, media udp {1}{2}", server.controlAddress,
                server.mediaAddress(), (server.metrics == null ? "" : ", metrics http " + server.metrics.address())
                        + (server.operator == null ? "" : ", operator api http " + server.operator.address()));
        LOG.log(System.Logger.Level.INFO, "control: {0}", server.controlSecurity());
        return server;
    }

    /**
     * Opens a trunk for {@code room} to another relay that serves it ({@code docs/cluster.md}): over it each relay
     * sends the other one stream of each of its own participants and tells it of their arrivals and departures, so
     * every participant on either relay sees and receives everyone. The other relay must share this relay's trunk
     * secret ({@link RelaySettings#TRUNK_SECRET}), its media security, and its control certificate (the relays of a
     * cluster share one); it is verified as clients verify this relay ({@link #clientTrust()}). The trunk closes when
     * no participant of this relay is left in the room, or when the other relay refuses or closes it; one lost
     * otherwise is opened again ({@link OpenedTrunks}). Any thread; the connection is made and served by the control
     * thread.
     *
     * @param room   the room
     * @param peer   the other relay's control address
     * @param peerId the other relay's id, for logs and metrics
     * @throws ConfigException if this relay has no trunk secret
     */
    public void openTrunk(String room, InetSocketAddress peer, String peerId) {
        if (trunks == null) {
            throw new ConfigException(RelaySettings.TRUNK_SECRET.key() + " is not set: this relay opens no trunks");
        }
        control.execute(() -> trunks.open(room, peer, peerId));
    }

    /** @return this relay's id among its cluster's: its cluster's name for it, else its host and control port */
    private String relayId() {
        return placement != null ? placement.stats().relayId() : settings.host() + ":" + controlAddress.getPort();
    }

    /** @return the bound TCP control address */
    public InetSocketAddress controlAddress() {
        return controlAddress;
    }

    /**
     * @return the SHA-256 fingerprint of the control channel's certificate ({@code AB:CD:...}), for clients to pin;
     *         null in insecure mode
     */
    public String certificateFingerprint() {
        return identity == null ? null : identity.fingerprint();
    }

    /**
     * @return how an in-process client trusts this relay: its certificate pinned, or plain TCP in insecure mode
     */
    public RelayTrust clientTrust() {
        return identity == null ? RelayTrust.insecure() : RelayTrust.pinned(identity.fingerprint());
    }

    /**
     * @return the control channel's security in a line for people: {@code TLS, certificate sha-256 AB:CD:...
     *         (self-signed, kept in ...)} or {@code plain TCP (insecure: room secrets and session keys in clear)}
     */
    public String controlSecurity() {
        return identity == null ? "plain TCP (insecure: room secrets and session keys in clear)"
                : "TLS, certificate sha-256 " + identity.fingerprint() + " (" + identity.origin() + ")";
    }

    /** @return the bound UDP media address */
    public InetSocketAddress mediaAddress() {
        return media.address();
    }

    /** @return the metrics HTTP address, or null if metrics are off */
    public InetSocketAddress metricsAddress() {
        return metrics == null ? null : metrics.address();
    }

    /**
     * What the health endpoints answer: {@code /healthz} is 200 while both serving threads run, {@code /readyz}
     * while they run and the relay takes joins (started, not closing).
     *
     * @return the relay's health now
     */
    public Health health() {
        boolean live = media.running() && control.alive();
        return new Health(live, live && !closing);
    }

    /**
     * The relay's health, as its {@code /healthz} and {@code /readyz} endpoints report it.
     *
     * @param live  both serving threads (media, control) run
     * @param ready live, and taking joins
     */
    public record Health(boolean live, boolean ready) {
    }

    /** @return the operator API's HTTP address, or null if it is off (no port or no token configured) */
    public InetSocketAddress operatorAddress() {
        return operator == null ? null : operator.address();
    }

    /** @return a snapshot of rooms, members and counters */
    public RelayStats stats() {
        List<RelayStats.MemberStats> members = new ArrayList<>();
        for (Member m : directory.members()) {
            members.add(new RelayStats.MemberStats(m.room.name, m.id, m.displayName, m.ssrc, m.mediaAddress != null,
                    m.reportedStale, m.packetsIn.sum(), m.bytesIn.sum(), m.packetsOut.sum(), m.bytesOut.sum(),
                    m.bitrateIn, m.drops.snapshot(), m.congestion.downlinkEstimateBps(),
                    m.congestion.uplinkFeedbackSent.sum(), m.congestion.downlinkFeedbackTaken.sum(),
                    m.trunk != null ? RelayStats.Role.TRUNK : m.via != null ? RelayStats.Role.REMOTE
                            : RelayStats.Role.PARTICIPANT));
        }
        return new RelayStats(directory.roomCount(), control.connections(), control.joinsRejected(),
                media.router().keyframeRequests(), media.router().unattributedDrops().snapshot(), members,
                media.router().retransmissions(), control.gate().closedByName(), control.gate().acceptFailures(),
                media.router().simulcastStats(control.layersWantedSent(), control.viewSizesIgnored()),
                keying == null ? RelayStats.MediaSecurityStats.PLAIN : new RelayStats.MediaSecurityStats(true,
                        keying.completed(), keying.failed(), keying.refused(), control.mediaHandshakesFailed()),
                directory.totals.snapshot(directory.members()), placement == null ? null : placement.stats(),
                directory.trunkTotals.snapshot(directory.members(), trunks == null ? 0 : trunks.reopened(),
                        trunks == null ? 0 : trunks.givenUp()));
    }

    /**
     * Opens an ingress: a UDP port on the relay's host where a plain RTP sender (GStreamer, ffmpeg; no join, no SRTP)
     * sends H.264 or JPEG, which joins its room as a participant named {@link IngressSpec#name()} at its first packet
     * and leaves when the ingress closes or after the stale timeout without packets (the next packet joins again).
     * It is bound to the first sender's address (or only takes the spec's source address) and SSRC (or the spec's);
     * other datagrams are dropped and counted ({@link IngressStatus#drops()}). It holds the room's and the relay's
     * limits like any participant, and is sent nothing (it reads no PLI or NACK). Any thread.
     *
     * <pre>{@code
     * IngressStatus camera = relay.openIngress(IngressSpec.parse("room=lobby,name=camera,port=5004,codec=h264"));
     * ... gst-launch-1.0 ... ! rtph264pay config-interval=-1 pt=96 ! udpsink host=relay port=5004
     * relay.closeIngress(camera.address().getPort());
     * }</pre>
     *
     * @param spec its room, name, port (0 for an ephemeral one), codec, and optional source address and SSRC
     * @return its state, with the port it listens on
     * @throws PortInUseException if another socket holds the port
     * @throws dev.vc.api.ConfigException if {@link RelaySettings#maxIngresses()} are open already, or the room cannot
     *                                    exist (no secret configured and ad-hoc rooms off)
     * @throws TransportException if the port cannot be bound for another reason
     */
    public IngressStatus openIngress(IngressSpec spec) {
        return ingresses.open(java.util.Objects.requireNonNull(spec, "spec"));
    }

    /**
     * Closes the ingress listening on {@code port}: its participant leaves its room, and the port is free once this
     * returns. Any thread.
     *
     * @param port the port it listens on ({@link IngressStatus#address()})
     * @return false if no ingress listens there
     */
    public boolean closeIngress(int port) {
        return ingresses.close(port);
    }

    /** @return the state of every open ingress, in the order they were opened */
    public List<IngressStatus> ingresses() {
        return ingresses.list();
    }

    /** Closes every connection and socket and stops the threads. Idempotent. */
    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (placement != null) {
            placement.close();   // first: no redirect names this relay while its clients move elsewhere
        }
        if (operator != null) {
            operator.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        control.close();
        media.close();
        ingresses.close();
        if (keying != null) {
            keying.close();
        }
    }

    /** @return the fingerprint of the relay's DTLS certificate ({@code sha-256 AB:CD:...}), or null for plain RTP */
    public String mediaFingerprint() {
        return keying == null ? null : keying.fingerprint();
    }
}
