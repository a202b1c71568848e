package dev.vc.api;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Says once per process, as a warning, when a choice by priority passed over a better installed provider that cannot
 * run here (the {@code h264} codec without its native modules on the module path, say): an application would
 * otherwise run on the fallback, {@code jpeg} at several times the bandwidth, without a word. The warning carries the
 * passed-over provider's reason, which names what is missing and how to add it.
 */
final class FallbackWarnings {
    private static final System.Logger LOG = System.getLogger(FallbackWarnings.class.getName());
    private static final Set<String> SAID = ConcurrentHashMap.newKeySet();

    private FallbackWarnings() {
    }

    /**
     * @param kind      what the providers are, such as {@code encoder}
     * @param installed every installed provider that could have been chosen, available or not
     * @param chosen    the provider chosen: the best available one
     * @return the warning, or null if no installed provider ranks above the chosen one
     */
    static String message(String kind, List<? extends Provider> installed, Provider chosen) {
        return installed.stream()
                .filter(p -> p.priority() > chosen.priority() && !p.availability().available())
                .findFirst()
                .map(p -> kind + " '" + p.name() + "' cannot run here, using '" + chosen.name() + "' instead: "
                        + p.availability().reason())
                .orElse(null);
    }

    /**
     * Logs {@link #message} as a warning the first time it is due for this kind and passed-over provider.
     *
     * @return true if it logged now
     */
    static boolean warnOnce(String kind, List<? extends Provider> installed, Provider chosen) {
        String message = message(kind, installed, chosen);
        if (message == null || !SAID.add(kind + '\n' + message)) {
            return false;
        }
        LOG.log(System.Logger.Level.WARNING, message);
        return true;
    }
}
