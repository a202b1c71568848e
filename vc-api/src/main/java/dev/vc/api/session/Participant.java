package dev.vc.api.session;

import dev.vc.api.Config;
import dev.vc.api.CoreSettings;
import dev.vc.api.DecoderProvider;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderProvider;
import dev.vc.api.EncoderSettings;
import dev.vc.api.FrameSource;
import dev.vc.api.FrameSourceProvider;
import dev.vc.api.ConfigException;
import dev.vc.api.MediaBinding;
import dev.vc.api.MediaIdentity;
import dev.vc.api.PictureDefaults;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.RemoteStream;
import dev.vc.api.Renderer;
import dev.vc.api.RendererProvider;
import dev.vc.api.Setting;
import dev.vc.api.SourceSettings;
import dev.vc.api.Transport;
import dev.vc.api.TransportProvider;
import dev.vc.api.TransportSettings;
import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.ControlMessage.JoinAccepted;
import dev.vc.api.control.JoinRejectedException;
import dev.vc.api.control.RelayTrust;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One conference participant: joins a room on a relay, captures, encodes and sends its own stream, and
 * receives, decodes and renders everyone else's. Source, codec, transport and renderer are providers chosen
 * by configuration.
 *
 * <pre>{@code
 * try (Participant alice = Participant.builder()
 *         .relay(new InetSocketAddress("relay.example", 5000))   // the relay's control port
 *         .room("team").secret("s3cret").name("alice")
 *         .set("vc.codec", "jpeg")                              // or -Dvc.codec=jpeg, or vc.properties
 *         .build()) {                                           // joins; throws JoinRejectedException if refused
 *     alice.start();
 *     ...
 *     System.out.println(alice.stats());
 * }
 * }</pre>
 *
 * <p>Everyone in the room is known from its join to its leave, with video or not ({@link #roster()},
 * {@link #addPresenceListener}; the renderer hears {@link Renderer#onParticipantPresent}). A lost connection to the
 * relay is reconnected by itself with backoff ({@code vc.reconnect.*}, {@link #connectionState()}), capture and the
 * self view going on meanwhile; the relay resumes the same participant (id and streams) when it still knows it.
 *
 * <p>Threads: capture, send, the transport's receive thread, one decode thread for all remote streams, and the
 * control connection's (and a reconnect thread while reconnecting); none per remote participant.
 */
public final class Participant implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Participant.class.getName());

    private final String name;
    private final Config config;
    private volatile ControlClient control;
    private volatile ConnectionEvents events;
    private final Encoder encoder;
    /** Opens the encoders of a new picture size when the source changes to one of another size. */
    private final EncoderProvider encoderProvider;
    /** The call's configuration before any source's picture defaults: what a source without any gets. */
    private final Config callConfig;
    private final SwitchingTransport transport;
    private final RosterNames roster;
    private final Rejoin rejoin;
    private final RemoteStream self;
    private final int selfSsrc;
    private final List<PresenceListener> presence = new CopyOnWriteArrayList<>();
    private volatile ConnectionState state = ConnectionState.CONNECTED;
    private volatile Thread reconnecting;
    private final Renderer renderer;
    private final SendPipeline sender;
    private final ReceivePipeline receiver;
    private final ViewSizeReports viewSizes;
    private final long buildNanos;
    private final long preparedNanos;
    private final long joinedNanos;
    private final long connectedNanos;   // the first join's: join timings are about joining, not reconnecting
    private volatile long startedNanos = dev.vc.api.MediaMilestones.NOT_YET;
    private volatile String disconnectReason;
    private boolean started;
    private boolean closed;

    private Participant(String name, Config config, Config callConfig, EncoderProvider encoderProvider,
                        ControlClient control, ConnectionEvents events, FrameSource source,
                        List<Encoder> encoders, List<EncoderSettings> ladder, Transport transport, Renderer renderer,
                        RosterNames roster, Rejoin rejoin, long[] joinStamps) {
        this.name = name;
        this.events = events;
        this.roster = roster;
        this.rejoin = rejoin;
        this.connectedNanos = control.connectedNanos();
        this.buildNanos = joinStamps[0];
        this.preparedNanos = joinStamps[1];
        this.joinedNanos = joinStamps[2];
        this.config = config;
        this.control = control;
        this.encoder = encoders.get(0);
        this.encoderProvider = encoderProvider;
        this.callConfig = callConfig;
        this.transport = new SwitchingTransport(transport);
        this.renderer = renderer;
        this.sender = newSender(name, config, source, encoders, ladder, this.transport);
        sender.followLayersWanted(() -> this.control.layersWanted());
        long staleMillis = config.get(CoreSettings.STALE_TIMEOUT_MS);
        this.receiver = new ReceivePipeline(name, codec -> ProviderRegistry.decoderFor(config, codec), config,
                renderer, roster::nameOf, config.get(CoreSettings.MAX_STREAMS),
                TimeUnit.MILLISECONDS.toNanos(staleMillis));
        receiver.onKeyframeRequest(sender::requestKeyframe);
        receiver.keyframeRequester(this.transport::requestKeyframe);
        this.selfSsrc = control.session().ssrc();
        if (config.get(CoreSettings.SELF_VIEW)) {
            RemoteStream selfStream = new RemoteStream(selfSsrc, encoder.codec(), name + " (you)");
            this.self = selfStream;
            sender.preview(frame -> renderer.onFrame(selfStream, frame));
            renderer.onParticipantPresent(selfStream);
        } else {
            this.self = null;
        }
        this.viewSizes = ViewSizeReports.sending(selfSsrc, roster::participantOf,
                (id, width, height) -> this.control.sendViewSize(id, width, height));
        renderer.setViewSizeListener(this::onViewSize);
        roster.presence(new RosterNames.Presence() {
            @Override
            public void joined(ControlMessage.Participant member, ControlMessage.Participant before) {
                memberJoined(member, before);
            }

            @Override
            public void left(ControlMessage.Participant member, String reason) {
                memberLeft(member, reason);
            }
        });
        for (ControlMessage.Participant member : roster.members()) {
            renderer.onParticipantPresent(streamOf(member));
        }
        events.owner(this);
    }

    private static RemoteStream streamOf(ControlMessage.Participant member) {
        return new RemoteStream(member.ssrc(), member.codec(), member.displayName());
    }

    /** Control thread (or the reconnect thread): someone arrived, or a known member's entry changed. */
    private void memberJoined(ControlMessage.Participant member, ControlMessage.Participant before) {
        if (before != null) {
            if (before.ssrc() != member.ssrc()) {
                receiver.end(before.ssrc());
                viewSizes.forget(before.ssrc());
            }
            renderer.onParticipantGone(streamOf(before));
            renderer.onParticipantPresent(streamOf(member));
            return;
        }
        LOG.log(System.Logger.Level.INFO, "{0} joined", member.displayName());
        receiver.named(member.ssrc(), member.displayName());
        renderer.onParticipantPresent(streamOf(member));
        presence.forEach(l -> l.memberJoined(member));
    }

    /** Control thread (or the reconnect thread): someone left; its stream and its place go at once. */
    private void memberLeft(ControlMessage.Participant member, String reason) {
        receiver.end(member.ssrc());
        viewSizes.forget(member.ssrc());
        renderer.onParticipantGone(streamOf(member));
        presence.forEach(l -> l.memberLeft(member, reason));
    }

    /** The send pipeline of one layer per encoder, sized by the ladder, sharing the estimate by the allocation. */
    private static SendPipeline newSender(String name, Config config, FrameSource source, List<Encoder> encoders,
                                          List<EncoderSettings> ladder, Transport transport) {
        SimulcastAllocation allocation = allocation(config, encoders.size(), config.get(CoreSettings.BITRATE));
        return new SendPipeline(name, source, layers(encoders, ladder, allocation), transport,
                config.get(CoreSettings.RING_SIZE), allocation);
    }

    private static SimulcastAllocation allocation(Config config, int layers, int bitrate) {
        return new SimulcastAllocation(layers, bitrate, config.get(CoreSettings.FPS),
                config.get(CoreSettings.BITRATE_FLOOR), config.get(CoreSettings.ADAPTIVE_BITRATE));
    }

    private static List<SendLayer> layers(List<Encoder> encoders, List<EncoderSettings> ladder,
                                          SimulcastAllocation allocation) {
        List<SendLayer> layers = new ArrayList<>();
        for (int k = 0; k < encoders.size(); k++) {
            layers.add(new SendLayer(k, encoders.get(k), ladder.get(k).width(), ladder.get(k).height(), allocation));
        }
        return layers;
    }

    /** @return a builder; configuration defaults to {@link Config#load()} */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts receiving, capturing and sending. Called once. */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "participant closed" : "participant already started");
        }
        started = true;
        startedNanos = System.nanoTime();
        receiver.start();
        transport.start(receiver);
        sender.start();
    }

    /** @return the codec this participant sends with (from the encoder provider chosen, e.g. by {@code vc.codec}) */
    public VideoCodec codec() {
        return encoder.codec();
    }

    /** @return the display name */
    public String name() {
        return name;
    }

    /**
     * @return what the relay granted in the current session: participant id, SSRC, media port (after a reconnection
     *         that did not resume the participant, a new id and SSRCs)
     */
    public JoinAccepted session() {
        return control.session();
    }

    /**
     * @return the other participants in the room now, with or without video, their display names cleaned
     *         ({@link dev.vc.api.control.DisplayNames}); kept across a reconnection
     */
    public List<ControlMessage.Participant> roster() {
        return roster.members();
    }

    /**
     * Registers a listener for arrivals, departures and the connection's state (see {@link PresenceListener}).
     *
     * @param listener the listener; called on the participant's control or reconnect thread
     */
    public void addPresenceListener(PresenceListener listener) {
        presence.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Adds a listener told of the streams this participant receives: started (first picture shown), frozen (no
     * picture for a second), resumed, ended (left, stale). Called on the decode thread: it must return quickly.
     *
     * @param listener the listener
     */
    public void addStreamListener(StreamListener listener) {
        receiver.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Adds a listener told when this participant's outgoing video changes quality: layers suspended or resumed for
     * bandwidth, layers nobody wants paused, frames skipped below the floor ({@link SendQuality}). Called on the send
     * thread: it must return quickly.
     *
     * @param listener the listener
     */
    public void addSendQualityListener(SendQualityListener listener) {
        sender.addQualityListener(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * @return the control address of the relay this participant is joined to now: one of those it was given, or the
     *         relay of a cluster that one redirected it to (after a reconnection, possibly another one)
     */
    public InetSocketAddress relay() {
        return control.relay();
    }

    /** @return where the connection to the relay stands */
    public ConnectionState connectionState() {
        return state;
    }

    /**
     * @return true when the control channel to the relay is plain TCP ({@code vc.relay.insecure}): the room secret
     *         and the session key went in clear, which a user interface should say
     */
    public boolean controlInsecure() {
        return control.insecure();
    }

    /**
     * @return true when the media is plain RTP ({@code vc.media.security=insecure}): anyone on the path can watch it
     *         and the relay cannot tell a participant's packets from forged ones, which a user interface should say
     */
    public boolean mediaInsecure() {
        return control.session().mediaFingerprint().isEmpty();
    }

    /**
     * @return why the participant gave up on the relay ({@link ConnectionState#DISCONNECTED}: the connection was
     *         lost and reconnecting failed {@code vc.reconnect.attempts} times, or the relay refused the rejoin), or
     *         null while connected or reconnecting
     */
    public String disconnectReason() {
        return disconnectReason;
    }

    /**
     * Control thread: a connection ended. The current one's loss starts reconnecting (capture, sending into the
     * void and the self view go on meanwhile); an old one's is ignored.
     */
    private void connectionLost(ConnectionEvents from, String reason) {
        synchronized (this) {
            if (closed || from != events || state != ConnectionState.CONNECTED) {
                return;
            }
            if (rejoin.policy().maxAttempts() == 0) {
                giveUp("disconnected: " + reason);
                return;
            }
            state = ConnectionState.RECONNECTING;
            Thread thread = new Thread(() -> reconnect(reason), "vc-reconnect-" + name);
            thread.setDaemon(true);
            reconnecting = thread;
            thread.start();
        }
        LOG.log(System.Logger.Level.WARNING, "{0}: lost the relay ({1}); reconnecting", name, reason);
        presence.forEach(l -> l.connectionChanged(ConnectionState.RECONNECTING, reason));
    }

    /** Reconnect thread: joins again with backoff until it works, is refused for good, or the attempts run out. */
    private void reconnect(String lostBecause) {
        ReconnectPolicy policy = rejoin.policy();
        byte[] token = control.resumeToken();
        InetSocketAddress lastRelay = control.relay();
        String last = lostBecause;
        java.util.Random random = new java.util.Random();
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            try {
                Thread.sleep(policy.delayMillis(attempt, random));
            } catch (InterruptedException e) {
                return;   // closed
            }
            if (closed) {
                return;
            }
            int n = attempt;
            String lastReason = last;
            presence.forEach(l -> l.connectionChanged(ConnectionState.RECONNECTING,
                    "attempt " + n + " of " + policy.maxAttempts() + " (" + lastReason + ")"));
            ConnectionEvents next = new ConnectionEvents(roster);
            ControlClient joined = null;
            try {
                joined = rejoin.join(next, token, lastRelay);
                adopt(joined, next);
                return;
            } catch (JoinRejectedException e) {
                closeQuietly(joined);
                last = "the relay refused the rejoin: " + e.getMessage();
                if (!retryable(e.reason())) {
                    break;
                }
            } catch (dev.vc.api.VcException | IllegalArgumentException e) {
                closeQuietly(joined);
                last = e.getMessage();
            }
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            giveUp(last);
        }
    }

    private static boolean retryable(ControlMessage.RejectReason reason) {
        return reason == ControlMessage.RejectReason.ROOM_FULL || reason == ControlMessage.RejectReason.SERVER_FULL
                || reason == ControlMessage.RejectReason.RATE_LIMITED
                || reason == ControlMessage.RejectReason.CLUSTER_UNAVAILABLE;
    }

    private static void closeQuietly(ControlClient client) {
        if (client != null) {
            client.close();
        }
    }

    /**
     * Reconnect thread: makes a new session current: a transport for its media binding, the roster's changes told,
     * the relay told the view sizes again, keyframes for whoever receives us.
     */
    private void adopt(ControlClient joined, ConnectionEvents next) {
        Transport media = rejoin.openTransport(joined);
        synchronized (this) {
            if (closed) {
                media.close();
                joined.close();
                return;
            }
            ControlClient old = control;
            boolean resumed = joined.session().participantId() == old.session().participantId()
                    && joined.session().ssrc() == old.session().ssrc();
            events.retire();
            events = next;
            control = joined;
            transport.replace(media, resumed);
            old.close();
            roster.replace(joined.roster());
            next.owner(this);
            state = ConnectionState.CONNECTED;
            LOG.log(System.Logger.Level.INFO, "{0}: reconnected as #{1}{2}", name, joined.session().participantId(),
                    resumed ? " (resumed)" : " (a new participant)");
        }
        viewSizes.forgetAll();
        renderer.setViewSizeListener(this::onViewSize);   // every size is reported again
        sender.requestKeyframes();
        String detail = "rejoined as participant #" + joined.session().participantId();
        presence.forEach(l -> l.connectionChanged(ConnectionState.CONNECTED, detail));
    }

    /** Holds the lock: gives up on the relay for good. */
    private void giveUp(String reason) {
        disconnectReason = reason;
        state = ConnectionState.DISCONNECTED;
        LOG.log(System.Logger.Level.WARNING, "{0}: gave up on the relay: {1}", name, reason);
        presence.forEach(l -> l.connectionChanged(ConnectionState.DISCONNECTED, reason));
    }

    /**
     * One control connection's events: roster changes go to the roster while it is the current connection; its
     * loss, once the participant exists, starts a reconnection.
     */
    private static final class ConnectionEvents implements ControlClient.Listener {
        private final RosterNames roster;
        private volatile boolean current = true;
        private Participant owner;       // guarded by this
        private String lostEarly;        // guarded by this: lost before the participant was made

        ConnectionEvents(RosterNames roster) {
            this.roster = roster;
        }

        void owner(Participant participant) {
            String lost;
            synchronized (this) {
                owner = participant;
                lost = lostEarly;
            }
            if (lost != null) {
                participant.connectionLost(this, lost);
            }
        }

        void retire() {
            current = false;
        }

        @Override
        public void onParticipantJoined(ControlMessage.Participant participant) {
            if (current) {
                roster.onParticipantJoined(participant);
            }
        }

        @Override
        public void onParticipantLeft(int participantId, String reason) {
            if (current) {
                roster.onParticipantLeft(participantId, reason);
            }
        }

        @Override
        public void onDisconnected(String reason) {
            Participant participant;
            synchronized (this) {
                participant = owner;
                if (participant == null) {
                    lostEarly = reason;
                    return;
                }
            }
            if (current) {
                participant.connectionLost(this, reason);
            }
        }
    }

    /**
     * What joining again takes: the relays, their trust, the join (the same name, room, codecs, layers and media
     * fingerprint), and how a joined session's media binding becomes a transport.
     */
    private record Rejoin(RelayHosts relays, RelayTrust trust, ControlMessage.Join join, Duration timeout,
                          ReconnectPolicy policy, java.util.function.Function<ControlClient, Transport> transports) {
        /** Tries the relay last joined first (it may still know the participant), then the others. */
        ControlClient join(ConnectionEvents events, byte[] token, InetSocketAddress lastRelay) {
            return relays.join(lastRelay, trust, join, events, timeout, token);
        }

        Transport openTransport(ControlClient joined) {
            return transports.apply(joined);
        }
    }

    /**
     * Stops or resumes sending video ("camera off"). The source keeps running, so resuming is instant; the
     * others see the stream go stale while it is off.
     *
     * @param enabled false to stop sending
     */
    public void setVideoEnabled(boolean enabled) {
        sender.pause(!enabled);
        if (enabled) {
            sender.requestKeyframes();
        }
    }

    /**
     * Changes the video's target bitrate while it runs (rate-controlled codecs such as {@code h264}; JPEG
     * ignores it). Applied before the next frame is encoded. While the transport has a bandwidth estimate
     * ({@code vc.bitrate.adaptive}), this is the ceiling: the encoder gets the lower of the two.
     *
     * @param bitsPerSecond the new target, 10 kbit/s..100 Mbit/s
     * @throws IllegalArgumentException if out of range
     */
    public void setBitrate(int bitsPerSecond) {
        sender.setBitrate(bitsPerSecond);
    }

    /**
     * Tells the relay at what size a remote stream is shown, so that it forwards the smallest simulcast layer
     * of that sender that fills it: for applications whose renderer does not report view sizes itself
     * ({@link Renderer#setViewSizeListener}). Sent only when it changed by more than a few pixels, at most
     * twice a second per stream, from another thread. A stream never set is forwarded at the largest layer the
     * bandwidth allows.
     *
     * @param stream a stream the renderer was given
     * @param width  device pixels across the area its picture is drawn in, 0..65535
     * @param height device pixels down that area, 0..65535; {@code 0 x 0}: not shown, nothing is forwarded
     * @throws IllegalArgumentException if a side is out of range
     */
    public void setViewSize(RemoteStream stream, int width, int height) {
        if (width < 0 || height < 0 || width > 0xFFFF || height > 0xFFFF) {
            throw new IllegalArgumentException("view size out of range 0..65535: " + width + "x" + height);
        }
        onViewSize(Objects.requireNonNull(stream, "stream"), width, height);
    }

    /**
     * A stream's view size from the renderer or the application: the self view's sizes its preview (painted
     * from the simulcast picture nearest that size), every other goes to the relay.
     */
    private void onViewSize(RemoteStream stream, int width, int height) {
        if (stream.ssrc() == selfSsrc) {
            sender.previewSize(width, height);
        }
        viewSizes.onViewSize(stream, width, height);
    }

    /** @return false while video is switched off */
    public boolean videoEnabled() {
        return !sender.paused();
    }

    /**
     * Switches to another frame source (for example from the camera to the screen) without leaving the room.
     * The new source is opened first: if that fails, the current one stays.
     *
     * @param providerName a {@link dev.vc.api.FrameSourceProvider} name, e.g. {@code screen}
     * @throws dev.vc.api.UnknownProviderException if no such source is available
     * @throws dev.vc.api.SourceException          if it cannot be opened (no camera, missing file)
     */
    public void switchSource(String providerName) {
        switchSource(providerName, config);
    }

    /**
     * Like {@link #switchSource(String)}, with the source's settings read from {@code sourceConfig} (for
     * example a {@code vc.source.file} chosen after joining).
     *
     * @param providerName a {@link dev.vc.api.FrameSourceProvider} name
     * @param sourceConfig the configuration the source is opened with
     */
    public void switchSource(String providerName, Config sourceConfig) {
        FrameSourceProvider provider = ProviderRegistry.sources().byName(providerName);
        Config picture = callConfig;
        PictureDefaults defaults = provider.pictureDefaults(callConfig);
        if (defaults != null) {
            picture = defaults.applyTo(callConfig);
        }
        EncoderSettings top = EncoderSettings.from(picture);
        long[] sizes = sender.layerSizes();
        boolean resize = sizes[0] != ((long) top.width() << 32 | top.height());
        Config opened = sourceConfig.with(CoreSettings.WIDTH, top.width()).with(CoreSettings.HEIGHT, top.height())
                .with(CoreSettings.FPS, top.frameRate());
        if (!resize) {
            sender.switchSource(provider.open(SourceSettings.from(opened, encoder.inputFormat())));
            sender.requestKeyframes();
            return;
        }
        // Another picture (a screen's legible size and frame rate, or back to the call's): new encoders, opened
        // before anything changes, so a failure leaves the current source and encoders as they are.
        List<EncoderSettings> ladder = SendLayer.ladder(new EncoderSettings(top.width(), top.height(), top.frameRate(),
                sender.ceiling(), top.quality(), top.keyframeInterval(), top.config()), sizes.length);
        List<Encoder> fresh = new ArrayList<>();
        FrameSource next;
        try {
            for (EncoderSettings layer : ladder) {
                fresh.add(encoderProvider.create(layer));
            }
            next = provider.open(SourceSettings.from(opened, encoder.inputFormat()));
        } catch (RuntimeException e) {
            fresh.forEach(Encoder::close);
            throw e;
        }
        SimulcastAllocation allocation = allocation(picture, fresh.size(), sender.ceiling());
        sender.resize(layers(fresh, ladder, allocation), allocation);
        sender.switchSource(next);
        LOG.log(System.Logger.Level.INFO, "{0}: source {1}, sending {2}x{3} at {4} fps", name, providerName,
                String.valueOf(top.width()), String.valueOf(top.height()), String.valueOf(top.frameRate()));
    }

    /** @return why the frame source stopped (device unplugged, file unreadable), or null while it runs */
    public dev.vc.api.SourceException sourceFailure() {
        return sender.sourceFailure();
    }

    /** @return the transport's local address (useful with ephemeral ports) */
    public InetSocketAddress localAddress() {
        return transport.localAddress();
    }

    /** @return true while the capture thread runs (false after the source ended or failed) */
    public boolean capturing() {
        return sender.capturing();
    }

    /** @return cumulative counters and per-stream figures */
    public ParticipantStats stats() {
        return new ParticipantStats(name, transport.ssrc(), sender.captured(), sender.dropped(), sender.encoded(),
                sender.encoderSkipped(), sender.keyframes(), sender.errors(), receiver.renderedFrames(),
                receiver.droppedFrames(), receiver.streamStats(), transport.stats(), transport.rtpStats(),
                sender.skippedForBandwidth(), sender.layerStats());
    }

    /**
     * How long this participant's join took, step by step, from {@link Builder#build()} to its first rendered
     * remote picture (TLS, {@code JOIN_ACCEPTED}, media hello, DTLS-SRTP, first packet, first frame): for
     * measuring joins. Steps not done yet are {@link JoinTimings#NOT_REACHED}. Any thread.
     *
     * @return the steps so far
     */
    public JoinTimings joinTimings() {
        dev.vc.api.MediaMilestones media = transport.milestones();
        return new JoinTimings(preparedNanos - buildNanos, connectedNanos - buildNanos,
                joinedNanos - buildNanos, JoinTimings.since(buildNanos, startedNanos),
                JoinTimings.since(buildNanos, media.boundNanos()), JoinTimings.since(buildNanos, media.keyedNanos()),
                JoinTimings.since(buildNanos, media.firstPacketNanos()),
                JoinTimings.since(buildNanos, receiver.firstRenderedNanos()));
    }

    /** @return capture-to-render latency of all remote streams since the previous call */
    public LatencyStats drainIntervalLatency() {
        return receiver.drainIntervalLatency();
    }

    /**
     * Like {@link #drainIntervalLatency()}, but keeps the whole distribution: adds every capture-to-render
     * sample of all remote streams since the previous drain to {@code into}, then starts a new interval.
     *
     * @param into where the samples go (for example one histogram per measured window)
     */
    public void drainIntervalLatency(LatencyHistogram into) {
        receiver.drainIntervalLatency(into);
    }

    /** Leaves the room and releases every thread, socket and codec. Idempotent. */
    @Override
    public void close() {
        Thread rejoining;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            rejoining = reconnecting;
            state = ConnectionState.DISCONNECTED;
        }
        if (rejoining != null) {
            rejoining.interrupt();
            try {
                rejoining.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sender.close();
        viewSizes.close();
        control.close();
        transport.close();
        receiver.close();
        renderer.close();
    }

    /** Collects the participant's configuration; {@link #build()} joins the room and opens the providers. */
    public static final class Builder {
        private Config config;
        private final List<String[]> overrides = new ArrayList<>();
        private List<InetSocketAddress> relays;
        private InetSocketAddress mediaRelay;
        private Renderer renderer;

        private Builder() {
        }

        /**
         * @param config the base configuration (default {@link Config#load()})
         * @return this builder
         */
        public Builder config(Config config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Sets one configuration key on top of the base configuration, e.g. {@code set("vc.codec", "jpeg")}
         * (the keys: {@link CoreSettings} and each module's settings home).
         *
         * @param key   the key
         * @param value the value
         * @return this builder
         */
        public Builder set(String key, String value) {
            overrides.add(new String[] {key, value});
            return this;
        }

        /**
         * Sets one declared setting on top of the base configuration, checked by its rule, e.g.
         * {@code set(CoreSettings.CODEC, "jpeg")}.
         *
         * @param setting the declaration
         * @param value   the value
         * @param <T>     the value's type
         * @return this builder
         * @throws dev.vc.api.ConfigException if the setting does not accept the value
         */
        public <T> Builder set(Setting<T> setting, T value) {
            return set(setting.key(), String.valueOf(setting.check(value)));
        }

        /**
         * @param name the display name ({@link CoreSettings#NAME}), also used in thread names
         * @return this builder
         */
        public Builder name(String name) {
            return set(CoreSettings.NAME.key(), Objects.requireNonNull(name, "name"));
        }

        /**
         * @param room the room to join ({@link CoreSettings#ROOM}, default {@code lobby})
         * @return this builder
         */
        public Builder room(String room) {
            return set(CoreSettings.ROOM.key(), Objects.requireNonNull(room, "room"));
        }

        /**
         * @param secret the room's secret ({@link CoreSettings#ROOM_SECRET}), if it has one
         * @return this builder
         */
        public Builder secret(String secret) {
            return set(CoreSettings.ROOM_SECRET.key(), Objects.requireNonNull(secret, "secret"));
        }

        /**
         * @param relay the relay's control address (TCP, port 5000 by default)
         * @return this builder
         */
        public Builder relay(InetSocketAddress relay) {
            this.relays = List.of(Objects.requireNonNull(relay, "relay"));
            return this;
        }

        /**
         * Joins through the first of these relays that can be reached (a cluster's relays, any of which places the
         * room and redirects to the one serving it), and after a lost connection rejoins through the one it was on
         * first, then the others; instead of {@link #relay} or {@code vc.relay.hosts}.
         *
         * @param relays the relays' control addresses, in the order to try them
         * @return this builder
         */
        public Builder relays(List<InetSocketAddress> relays) {
            this.relays = List.copyOf(relays);
            if (this.relays.isEmpty()) {
                throw new IllegalArgumentException("no relay given");
            }
            return this;
        }

        /**
         * Sends media (RTP, RTCP and the signed hellos) to this address instead of the relay's control host with
         * the media port of the join answer: for a relay whose media port is reached through a port mapping or
         * a different interface, or a proxy in the path (such as the fault benchmark's impairing link). The
         * relay learns the address it answers to from the hellos, so nothing else changes.
         *
         * @param mediaRelay where media is sent; by default the relay's host and the media port it announces
         * @return this builder
         */
        public Builder mediaRelay(InetSocketAddress mediaRelay) {
            this.mediaRelay = Objects.requireNonNull(mediaRelay, "mediaRelay");
            return this;
        }

        /**
         * Uses this renderer instead of the one {@code vc.renderer} selects (for example a Swing grid the
         * application has placed in its own window). The participant closes it on close.
         *
         * @param renderer the renderer
         * @return this builder
         */
        public Builder renderer(Renderer renderer) {
            this.renderer = Objects.requireNonNull(renderer, "renderer");
            return this;
        }

        /**
         * Joins the room and opens the encoder, source, transport and renderer. The providers (codec, transport,
         * source, renderer) are chosen and the first encoder opened before joining, so an unknown or unavailable
         * provider fails without contacting the relay. On failure everything opened so far is closed again.
         *
         * @return the participant, not yet started
         * @throws dev.vc.api.control.JoinRejectedException if the relay refused the join
         * @throws dev.vc.api.VcException (another typed subclass) if the relay is unreachable or a provider is
         *                                unknown or fails to open
         */
        public Participant build() {
            long buildNanos = System.nanoTime();
            Config merged = config != null ? config : Config.load();
            for (String[] kv : overrides) {
                merged = merged.with(kv[0], kv[1]);
            }
            String hostList = merged.get(CoreSettings.RELAY_HOSTS);
            if (relays == null && hostList == null) {
                throw new NullPointerException("relay address not set (relay(...), relays(...) or vc.relay.hosts)");
            }
            RelayHosts hosts = relays != null ? new RelayHosts(relays) : RelayHosts.parse(hostList);
            String name = merged.get(CoreSettings.NAME);
            String room = merged.get(CoreSettings.ROOM);
            List<AutoCloseable> opened = new ArrayList<>();
            try {
                // The source is chosen first: its content may ask for another picture (a screen's aspect ratio).
                FrameSourceProvider sourceProvider = ProviderRegistry.sources().select(merged);
                EncoderProvider encoderProvider = ProviderRegistry.encoders().select(merged);
                if (!merged.isSet(CoreSettings.BITRATE)) {
                    // Each codec's own default: h264-jcodec at the shared one would skip most frames.
                    merged = merged.with(CoreSettings.BITRATE, encoderProvider.defaultBitrate());
                }
                Config callConfig = merged;
                PictureDefaults picture = sourceProvider.pictureDefaults(merged);
                if (picture != null) {
                    merged = picture.applyTo(merged);
                }
                List<EncoderSettings> ladder = SendLayer.ladder(EncoderSettings.from(merged),
                        merged.get(CoreSettings.SIMULCAST_LAYERS));
                Encoder encoder = encoderProvider.create(ladder.get(0));
                opened.add(encoder);
                RosterNames roster = new RosterNames();
                ConnectionEvents events = new ConnectionEvents(roster);
                TransportProvider transports = ProviderRegistry.transports().select(merged);
                // Every provider is chosen before the join, so a missing one fails here and the relay sees no
                // join followed at once by a leave.
                RendererProvider rendererProvider = renderer != null ? null : ProviderRegistry.renderers().select(merged);
                MediaIdentity identity = mediaIdentity(transports, merged);
                long preparedNanos = System.nanoTime();
                RelayTrust trust = RelayTrust.from(merged);
                ControlMessage.Join join = new ControlMessage.Join(room, name,
                        Objects.requireNonNullElse(merged.get(CoreSettings.ROOM_SECRET), ""), Set.of(encoder.codec()),
                        decodableCodecs(), ladder.stream().map(s -> new ControlMessage.Layer(s.width(), s.height(),
                                s.bitrate())).toList(), identity == null ? "" : identity.fingerprint());
                Duration timeout = Duration.ofMillis(merged.get(CoreSettings.CONNECT_TIMEOUT_MS));
                ControlClient control = hosts.join(null, trust, join, events, timeout, null);
                opened.add(control);
                long joinedNanos = System.nanoTime();
                String relayFingerprint = control.session().mediaFingerprint();
                if (identity != null && relayFingerprint.isEmpty()) {
                    throw new JoinRejectedException(ControlMessage.RejectReason.MEDIA_SECURITY_MISMATCH,
                            "the relay accepted plain RTP media but this client asked for SRTP; set "
                                    + "vc.media.security=insecure to send plain RTP");
                }
                // The relay may grant fewer layers than asked: send as many as it gave SSRCs for.
                List<Integer> layerSsrcs = control.session().layerSsrcs();
                int layers = Math.min(ladder.size(), layerSsrcs.size());
                List<Encoder> encoders = new ArrayList<>(List.of(encoder));
                for (int k = 1; k < layers; k++) {
                    Encoder smaller = encoderProvider.create(ladder.get(k));
                    opened.add(smaller);
                    encoders.add(smaller);
                }
                roster.track(control);
                FrameSource source = sourceProvider.open(SourceSettings.from(merged, encoder.inputFormat()));
                opened.add(source);
                Config transportConfig = merged;
                int layerCount = layers;
                java.util.function.Function<ControlClient, Transport> media = joined -> openTransport(transports,
                        transportConfig, joined.relay(), mediaRelay, joined.session(), layerCount, identity);
                Transport transport = media.apply(control);
                JoinAccepted session = control.session();
                opened.add(transport);
                Renderer chosen = renderer != null ? renderer : rendererProvider.create(merged);
                opened.add(chosen);
                LOG.log(System.Logger.Level.INFO, "{0} joined room {1} as #{2}", name, room, session.participantId());
                Rejoin rejoin = new Rejoin(hosts, trust, join, timeout, ReconnectPolicy.from(merged), media);
                return new Participant(name, merged, callConfig, encoderProvider, control, events, source, encoders,
                        ladder, transport, chosen,
                        roster, rejoin, new long[] {buildNanos, preparedNanos, joinedNanos});
            } catch (RuntimeException e) {
                for (int i = opened.size() - 1; i >= 0; i--) {
                    try {
                        opened.get(i).close();
                    } catch (Exception suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }

        /**
         * Opens a transport bound to a session: the relay's media port (or the configured media address), the SSRCs
         * and key it granted, and for SRTP the DTLS identity and the relay's fingerprint.
         *
         * @throws JoinRejectedException if the relay answered SRTP with plain RTP
         */
        private static Transport openTransport(TransportProvider transports, Config config, InetSocketAddress relay,
                                               InetSocketAddress mediaRelay, JoinAccepted session, int layers,
                                               MediaIdentity identity) {
            String relayFingerprint = session.mediaFingerprint();
            if (identity != null && relayFingerprint.isEmpty()) {
                throw new JoinRejectedException(ControlMessage.RejectReason.MEDIA_SECURITY_MISMATCH,
                        "the relay accepted plain RTP media but this client asked for SRTP; set "
                                + "vc.media.security=insecure to send plain RTP");
            }
            List<Integer> layerSsrcs = session.layerSsrcs();
            TransportSettings settings = TransportSettings.to(mediaRelay != null ? mediaRelay
                            : new InetSocketAddress(relay.getAddress(), session.mediaPort()), config)
                    .withBinding(new MediaBinding(session.participantId(), session.ssrc(), session.sessionKey(),
                            layerSsrcs.subList(0, Math.min(layers, layerSsrcs.size())), identity,
                            identity == null ? null : relayFingerprint));
            return transports.open(settings);
        }

        /** The transport's DTLS identity for SRTP, or null when {@code vc.media.security} is insecure. */
        private static MediaIdentity mediaIdentity(TransportProvider transports, Config config) {
            if (!"srtp".equals(config.get(CoreSettings.MEDIA_SECURITY))) {
                return null;
            }
            MediaIdentity identity = transports.newMediaIdentity();
            if (identity == null) {
                throw new ConfigException("transport '" + transports.name() + "' sends only plain RTP: set "
                        + "vc.media.security=insecure to use it");
            }
            return identity;
        }

        private static Set<VideoCodec> decodableCodecs() {
            Set<VideoCodec> codecs = EnumSet.noneOf(VideoCodec.class);
            for (DecoderProvider p : ProviderRegistry.decoders().available()) {
                codecs.add(p.codec());
            }
            return codecs;
        }
    }
}
