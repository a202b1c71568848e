package dev.vc.relay.cli;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.Setting;
import dev.vc.relay.RelaySettings;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.util.List;
import java.util.Locale;

/**
 * The relay's flags, each naming the {@link RelaySettings} key it sets: picocli builds the options from this
 * table (as the command's model transformer), and a given flag becomes that key's value on top of the
 * configuration, so a flag is parsed and checked exactly as its key. {@code --room-secret} and {@code --duration}
 * are plain options of {@link RelayMain}.
 */
public final class RelayFlags implements IModelTransformer {
    /**
     * One flag.
     *
     * @param name    the flag, such as {@code --media-port}
     * @param setting the key it sets
     * @param value   for a switch, the value it sets; null for a flag that takes one
     */
    record Flag(String name, Setting<?> setting, String value) {
        /** @return the option picocli parses, typed as the setting so {@code --max-rooms many} is a usage error */
        OptionSpec option() {
            String where = " (" + setting.key() + ", default " + setting.defaultValue() + ")";
            OptionSpec.Builder option = OptionSpec.builder(name);
            if (value != null) {
                return option.type(boolean.class)
                        .description("Sets " + setting.key() + " to " + value + ": " + setting.doc() + ".").build();
            }
            return option.type(setting.type()).paramLabel("<" + setting.type().getSimpleName().toLowerCase(Locale.ROOT)
                    + ">").description(capitalised(setting.doc()) + where + ".").build();
        }

        private static String capitalised(String doc) {
            return Character.toUpperCase(doc.charAt(0)) + doc.substring(1);
        }
    }

    /** Every flag that sets one key, in the order of {@code --help} and docs/relay.md. */
    static final List<Flag> FLAGS = List.of(
            new Flag("--host", RelaySettings.HOST, null),
            new Flag("--control-port", RelaySettings.CONTROL_PORT, null),
            new Flag("--media-port", RelaySettings.MEDIA_PORT, null),
            new Flag("--metrics-port", RelaySettings.METRICS_PORT, null),
            new Flag("--max-participants", RelaySettings.MAX_PARTICIPANTS, null),
            new Flag("--max-rooms", RelaySettings.MAX_ROOMS, null),
            new Flag("--no-ad-hoc-rooms", RelaySettings.AD_HOC_ROOMS, "false"),
            new Flag("--stale-timeout-ms", RelaySettings.STALE_TIMEOUT_MS, null),
            new Flag("--keepalive-ms", RelaySettings.KEEPALIVE_MS, null),
            new Flag("--max-bitrate", RelaySettings.MAX_BITRATE, null),
            new Flag("--join-attempts-per-minute", RelaySettings.JOIN_ATTEMPTS_PER_MINUTE, null),
            new Flag("--receive-buffer-bytes", RelaySettings.RECEIVE_BUFFER_BYTES, null),
            new Flag("--shared-media-socket", RelaySettings.SOCKET_PER_PARTICIPANT, "false"));

    /** Picocli creates the transformer; nothing to set up. */
    public RelayFlags() {
    }

    /** Adds an option per flag to the command, ahead of its declared options. */
    @Override
    public CommandSpec transform(CommandSpec command) {
        List<OptionSpec> declared = List.copyOf(command.options());
        declared.forEach(command::remove);
        FLAGS.forEach(flag -> command.addOption(flag.option()));
        declared.forEach(command::addOption);
        return command;
    }

    /**
     * @param parsed what picocli parsed
     * @param config the configuration
     * @return the configuration with each given flag's value as its key's
     * @throws ConfigException if a flag's value is not accepted; the message names the flag, the key and the
     *                         accepted forms
     */
    static Config apply(ParseResult parsed, Config config) {
        Config result = config;
        for (Flag flag : FLAGS) {
            if (parsed.hasMatchedOption(flag.name())) {
                Object given = parsed.matchedOption(flag.name()).getValue();
                String value = flag.value() != null ? flag.value() : given.toString();
                try {
                    flag.setting().parse(value);
                } catch (ConfigException e) {
                    throw new ConfigException(flag.name() + ": " + e.getMessage(), e);
                }
                result = result.with(flag.setting().key(), value);
            }
        }
        return result;
    }
}
