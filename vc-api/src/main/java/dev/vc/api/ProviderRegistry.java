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
 * rather than breaking discovery of the others. When the best available encoder or decoder is not the best installed
 * one (h264 without its native modules), the first such choice logs a warning with the reason and the fix.
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
    private final Setting<String> configKey;
    private final List<P> providers;
    /** Whether choosing the best available provider warns when it passes over a better one ({@link FallbackWarnings}). */
    private final boolean warnsOnFallback;

    private ProviderRegistry(Class<P> type, String kind, Setting<String> configKey) {
        this(type, kind, configKey, false);
    }

    private ProviderRegistry(Class<P> type, String kind, Setting<String> configKey, boolean warnsOnFallback) {
        this.kind = kind;
        this.configKey = configKey;
        this.providers = load(type);
        this.warnsOnFallback = warnsOnFallback;
    }

    /** @return the frame sources, selected by {@link CoreSettings#SOURCE} */
    public static ProviderRegistry<FrameSourceProvider> sources() {
        return new ProviderRegistry<>(FrameSourceProvider.class, "frame source", CoreSettings.SOURCE);
    }

    /** @return the encoders, selected by {@link CoreSettings#CODEC} */
    public static ProviderRegistry<EncoderProvider> encoders() {
        return new ProviderRegistry<>(EncoderProvider.class, "encoder", CoreSettings.CODEC, true);
    }

    /**
     * @return the decoders; {@link #select(Config)} is unrestricted, {@link #decoderFor} picks per codec by
     *         {@link CoreSettings#decoder(VideoCodec)}
     */
    public static ProviderRegistry<DecoderProvider> decoders() {
        return new ProviderRegistry<>(DecoderProvider.class, "decoder", null, true);
    }

    /** @return the transports, selected by {@link CoreSettings#TRANSPORT} */
    public static ProviderRegistry<TransportProvider> transports() {
        return new ProviderRegistry<>(TransportProvider.class, "transport", CoreSettings.TRANSPORT);
    }

    /** @return the renderers, selected by {@link CoreSettings#RENDERER} */
    public static ProviderRegistry<RendererProvider> renderers() {
        return new ProviderRegistry<>(RendererProvider.class, "renderer", CoreSettings.RENDERER);
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
     * Picks the provider the configuration names under this registry's key, else the best available one. The
     * decoder registry has no key of its own: it picks the best available decoder (see {@link #decoderFor}).
     *
     * @param config the configuration
     * @return the chosen provider
     * @throws UnknownProviderException if the configured name is unknown or unavailable, or nothing is available
     */
    public P select(Config config) {
        return configKey == null ? best(p -> true, "") : select(config, configKey, p -> true);
    }

    /**
     * Like {@link #select(Config)}, restricted to the providers that pass {@code filter} and configured by
     * {@code key}; used for example to pick a decoder for one codec.
     *
     * @param config the configuration
     * @param key    the setting that may name a provider
     * @param filter which providers qualify
     * @return the chosen provider
     * @throws UnknownProviderException if the configured name is unknown or unavailable, or nothing qualifies
     */
    public P select(Config config, Setting<String> key, Predicate<P> filter) {
        String name = config.get(key);
        return name != null ? byName(name, filter) : best(filter, " (set " + key.key() + ")");
    }

    private P best(Predicate<P> filter, String hint) {
        P chosen = available().stream().filter(filter).findFirst().orElseThrow(
                () -> new UnknownProviderException("no available " + kind + hint,
                        available().stream().filter(filter).map(Provider::name).toList()));
        if (warnsOnFallback) {
            FallbackWarnings.warnOnce(kind, providers.stream().filter(filter).toList(), chosen);
        }
        return chosen;
    }

    /**
     * Picks a decoder for a codec: the one named by {@link CoreSettings#decoder(VideoCodec)} (e.g.
     * {@code vc.decoder.h264}), else the best available decoder of that codec.
     *
     * @param config the configuration
     * @param codec  the codec of the incoming stream
     * @return the chosen decoder provider
     * @throws UnknownProviderException if no decoder for the codec is available
     */
    public static DecoderProvider decoderFor(Config config, VideoCodec codec) {
        return decoders().select(config, CoreSettings.decoder(codec), p -> p.codec() == codec);
    }
}
