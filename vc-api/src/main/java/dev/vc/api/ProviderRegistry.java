package dev.vc.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Predicate;

/**
 * Lists the installed providers of one SPI and picks one by name or by configuration.
 *
 * <p>Providers are found with {@link ServiceLoader}: {@code provides} clauses on the module path, or
 * {@code META-INF/services} files on the class path. A provider that fails to load is skipped (and logged)
 * rather than breaking discovery of the others.
 *
 * <pre>{@code
 * EncoderProvider jpeg = ProviderRegistry.encoders().byName("jpeg");
 * EncoderProvider chosen = ProviderRegistry.encoders().select(Config.load());   // vc.codec, or the best available
 * }</pre>
 *
 * @param <P> the provider type
 */
public final class ProviderRegistry<P extends Provider> {
    private static final System.Logger LOG = System.getLogger(ProviderRegistry.class.getName());

    private final String kind;
    private final String configKey;
    private final List<P> providers;

    private ProviderRegistry(Class<P> type, String kind, String configKey) {
        this.kind = kind;
        this.configKey = configKey;
        this.providers = load(type);
    }

    /** @return the frame sources, selected by {@code vc.source} */
    public static ProviderRegistry<FrameSourceProvider> sources() {
        return new ProviderRegistry<>(FrameSourceProvider.class, "frame source", "vc.source");
    }

    /** @return the encoders, selected by {@code vc.codec} */
    public static ProviderRegistry<EncoderProvider> encoders() {
        return new ProviderRegistry<>(EncoderProvider.class, "encoder", "vc.codec");
    }

    /** @return the decoders, selected per codec by {@code vc.decoder.jpeg} / {@code vc.decoder.h264} */
    public static ProviderRegistry<DecoderProvider> decoders() {
        return new ProviderRegistry<>(DecoderProvider.class, "decoder", "vc.decoder");
    }

    /** @return the transports, selected by {@code vc.transport} */
    public static ProviderRegistry<TransportProvider> transports() {
        return new ProviderRegistry<>(TransportProvider.class, "transport", "vc.transport");
    }

    /** @return the renderers, selected by {@code vc.renderer} */
    public static ProviderRegistry<RendererProvider> renderers() {
        return new ProviderRegistry<>(RendererProvider.class, "renderer", "vc.renderer");
    }

    private static <P extends Provider> List<P> load(Class<P> type) {
        List<P> found = new ArrayList<>();
        var iterator = ServiceLoader.load(type).iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                found.add(iterator.next());
            } catch (ServiceConfigurationError e) {
                LOG.log(System.Logger.Level.WARNING, "skipping a " + type.getSimpleName() + " that failed to load", e);
            }
        }
        found.sort(Comparator.comparingInt((P p) -> -p.priority()).thenComparing(Provider::name));
        return List.copyOf(found);
    }

    /** @return every installed provider, available or not, best first */
    public List<P> all() {
        return providers;
    }

    /** @return the providers that can run on this machine, best first */
    public List<P> available() {
        return providers.stream().filter(p -> p.availability().available()).toList();
    }

    /** @return the names of the available providers, best first */
    public List<String> availableNames() {
        return available().stream().map(Provider::name).toList();
    }

    /**
     * @param name a provider name
     * @return that provider
     * @throws UnknownProviderException if none has that name or it cannot run here; the message lists the
     *                                  available names
     */
    public P byName(String name) {
        return byName(name, p -> true);
    }

    private P byName(String name, Predicate<P> filter) {
        List<String> names = available().stream().filter(filter).map(Provider::name).toList();
        Optional<P> match = providers.stream().filter(filter).filter(p -> p.name().equals(name)).findFirst();
        if (match.isEmpty()) {
            throw new UnknownProviderException("no " + kind + " named '" + name + "'", names);
        }
        Availability availability = match.get().availability();
        if (!availability.available()) {
            throw new UnknownProviderException(kind + " '" + name + "' cannot run here: " + availability.reason(), names);
        }
        return match.get();
    }

    /**
     * Picks the provider the configuration names under this registry's key, else the best available one.
     *
     * @param config the configuration
     * @return the chosen provider
     * @throws UnknownProviderException if the configured name is unknown or unavailable, or nothing is available
     */
    public P select(Config config) {
        return select(config, configKey, p -> true);
    }

    /**
     * Like {@link #select(Config)}, restricted to the providers that pass {@code filter} and configured by
     * {@code key}; used for example to pick a decoder for one codec.
     *
     * @param config the configuration
     * @param key    the configuration key that may name a provider
     * @param filter which providers qualify
     * @return the chosen provider
     * @throws UnknownProviderException if the configured name is unknown or unavailable, or nothing qualifies
     */
    public P select(Config config, String key, Predicate<P> filter) {
        Optional<String> name = config.get(key);
        if (name.isPresent()) {
            return byName(name.get(), filter);
        }
        return available().stream().filter(filter).findFirst().orElseThrow(
                () -> new UnknownProviderException("no available " + kind + " (set " + key + ")",
                        available().stream().filter(filter).map(Provider::name).toList()));
    }

    /**
     * Picks a decoder for a codec: the one named by {@code vc.decoder.<codec>} (e.g. {@code vc.decoder.h264}),
     * else the best available decoder of that codec.
     *
     * @param config the configuration
     * @param codec  the codec of the incoming stream
     * @return the chosen decoder provider
     * @throws UnknownProviderException if no decoder for the codec is available
     */
    public static DecoderProvider decoderFor(Config config, VideoCodec codec) {
        return decoders().select(config, "vc.decoder." + codec.name().toLowerCase(java.util.Locale.ROOT),
                p -> p.codec() == codec);
    }
}
