package dev.vc.api.session;

import dev.vc.api.Config;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.FrameSource;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.Renderer;
import dev.vc.api.SourceSettings;
import dev.vc.api.Transport;
import dev.vc.api.TransportSettings;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One conference participant: captures, encodes and sends its own stream, and receives, decodes and
 * renders everyone else's. Every part is a provider chosen by configuration.
 *
 * <pre>{@code
 * try (Participant alice = Participant.builder()
 *         .name("alice")
 *         .relay(new InetSocketAddress("relay.example", 5001))
 *         .set("vc.codec", "jpeg")          // or -Dvc.codec=jpeg, or vc.properties
 *         .build()) {
 *     alice.start();
 *     ...
 *     System.out.println(alice.stats());
 * }
 * }</pre>
 *
 * <p>Threads: one capture thread, one send thread, the transport's receive thread (which also decodes) and
 * one timer thread for stale-stream expiry; none per remote participant.
 */
public final class Participant implements AutoCloseable {
    private final String name;
    private final Encoder encoder;
    private final Transport transport;
    private final Renderer renderer;
    private final SendPipeline sender;
    private final ReceivePipeline receiver;
    private final ScheduledExecutorService timer;
    private boolean started;
    private boolean closed;

    private Participant(Builder b, FrameSource source, Encoder encoder, Transport transport, Renderer renderer) {
        Config config = b.config;
        this.name = b.name;
        this.encoder = encoder;
        this.transport = transport;
        this.renderer = renderer;
        this.sender = new SendPipeline(name, source, encoder, transport, config.getInt("vc.ring.size", 4, 1, 1024));
        long staleMillis = config.getInt("vc.stale.timeout.ms", 3_000, 100, 600_000);
        this.receiver = new ReceivePipeline(config, renderer, config.getInt("vc.max.streams", 64, 1, 1024),
                TimeUnit.MILLISECONDS.toNanos(staleMillis));
        receiver.onKeyframeRequest(encoder::requestKeyframe);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vc-timer-" + name);
            t.setDaemon(true);
            return t;
        });
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
        transport.start(receiver);
        sender.start();
        timer.scheduleWithFixedDelay(receiver::expireStale, 250, 250, TimeUnit.MILLISECONDS);
    }

    /** @return the display name */
    public String name() {
        return name;
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
                sender.errors(), receiver.renderedFrames(), receiver.droppedFrames(), receiver.streamStats(),
                transport.stats());
    }

    /** @return capture-to-render latency of all remote streams since the previous call */
    public LatencyStats drainIntervalLatency() {
        return receiver.drainIntervalLatency();
    }

    /** Stops every thread and releases source, encoder, transport, decoders and renderer. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        timer.shutdownNow();
        sender.close();
        transport.close();
        receiver.close();
        encoder.close();
        renderer.close();
    }

    /** Collects the participant's configuration; {@link #build()} opens the providers. */
    public static final class Builder {
        private Config config;
        private final List<String[]> overrides = new ArrayList<>();
        private String name = "participant";
        private InetSocketAddress relay;
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
         * Sets one configuration key on top of the base configuration, e.g. {@code set("vc.codec", "jpeg")}.
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
         * @param name the display name, also used in thread names
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * @param relay the relay's media address
         * @return this builder
         */
        public Builder relay(InetSocketAddress relay) {
            this.relay = Objects.requireNonNull(relay, "relay");
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
         * Selects and opens the encoder, source, transport and renderer. On failure everything opened so far
         * is closed again.
         *
         * @return the participant, not yet started
         * @throws dev.vc.api.VcException (a typed subclass) if a provider is unknown or fails to open
         */
        public Participant build() {
            Objects.requireNonNull(relay, "relay address not set");
            Config merged = config != null ? config : Config.load();
            for (String[] kv : overrides) {
                merged = merged.with(kv[0], kv[1]);
            }
            this.config = merged;
            List<AutoCloseable> opened = new ArrayList<>();
            try {
                Encoder encoder = ProviderRegistry.encoders().select(merged).create(EncoderSettings.from(merged));
                opened.add(encoder);
                FrameSource source = ProviderRegistry.sources().select(merged)
                        .open(SourceSettings.from(merged, encoder.inputFormat()));
                opened.add(source);
                Transport transport = ProviderRegistry.transports().select(merged)
                        .open(TransportSettings.to(relay, merged));
                opened.add(transport);
                Renderer chosen = renderer != null ? renderer : ProviderRegistry.renderers().select(merged).create(merged);
                return new Participant(this, source, encoder, transport, chosen);
            } catch (RuntimeException e) {
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
    }
}
