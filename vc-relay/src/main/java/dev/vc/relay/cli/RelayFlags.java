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
 * are plain options of {@link RelayMain}. A new relay setting gets its flag with one line in {@link #FLAGS}:
 *
 * <pre>{@code
 * Flag.taking("--max-rooms", RelaySettings.MAX_ROOMS),          // --max-rooms 3 sets vc.relay.max.rooms=3
 * Flag.switching("--no-ad-hoc-rooms", RelaySettings.AD_HOC_ROOMS, false),
 * }</pre>
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
        /** A flag taking a value, typed as its setting so that {@code --max-rooms many} is a usage error. */
        static Flag taking(String name, Setting<?> setting) {
            return new Flag(name, setting, null);
        }

        /** A switch: given, it sets its setting to {@code value}. */
        static Flag switching(String name, Setting<Boolean> setting, boolean value) {
            return new Flag(name, setting, Boolean.toString(value));
        }

        /** @return the option picocli parses */
        OptionSpec option() {
            OptionSpec.Builder option = OptionSpec.builder(name);
            if (value != null) {
                return option.type(boolean.class)
                        .description("Sets " + setting.key() + " to " + value + ": " + setting.doc() + ".").build();
            }
            String label = "<" + setting.type().getSimpleName().toLowerCase(Locale.ROOT) + ">";
            String doc = Character.toUpperCase(setting.doc().charAt(0)) + setting.doc().substring(1);
            // A key without a default says nothing more: its doc tells what happens when it is unset.
            String origin = setting.defaultValue() == null ? setting.key()
                    : setting.key() + ", default " + setting.defaultValue();
            return option.type(setting.type()).paramLabel(label).description(doc + " (" + origin + ").").build();
        }
    }

    /** Every flag that sets one key, in the order of {@code --help} and docs/relay.md. */
    static final List<Flag> FLAGS = List.of(
            Flag.taking("--host", RelaySettings.HOST),
            Flag.taking("--control-port", RelaySettings.CONTROL_PORT),
            Flag.taking("--media-port", RelaySettings.MEDIA_PORT),
            Flag.taking("--metrics-host", RelaySettings.METRICS_HOST),
            Flag.taking("--metrics-port", RelaySettings.METRICS_PORT),
            Flag.taking("--max-participants", RelaySettings.MAX_PARTICIPANTS),
            Flag.taking("--max-rooms", RelaySettings.MAX_ROOMS),
            Flag.switching("--no-ad-hoc-rooms", RelaySettings.AD_HOC_ROOMS, false),
            Flag.taking("--stale-timeout-ms", RelaySettings.STALE_TIMEOUT_MS),
            Flag.taking("--keepalive-ms", RelaySettings.KEEPALIVE_MS),
            Flag.taking("--max-bitrate", RelaySettings.MAX_BITRATE),
            Flag.taking("--join-attempts-per-minute", RelaySettings.JOIN_ATTEMPTS_PER_MINUTE),
            Flag.taking("--receive-buffer-bytes", RelaySettings.RECEIVE_BUFFER_BYTES),
            Flag.switching("--shared-media-socket", RelaySettings.SOCKET_PER_PARTICIPANT, false),
            Flag.taking("--max-control-message-bytes", RelaySettings.MAX_CONTROL_MESSAGE_BYTES),
            Flag.taking("--max-connections", RelaySettings.MAX_CONNECTIONS),
            Flag.taking("--max-connections-per-address", RelaySettings.MAX_CONNECTIONS_PER_ADDRESS),
            Flag.taking("--join-timeout-ms", RelaySettings.JOIN_TIMEOUT_MS),
            Flag.taking("--resume-grace-ms", RelaySettings.RESUME_GRACE_MS),
            Flag.taking("--cc-window-packets", RelaySettings.CC_WINDOW_PACKETS),
            Flag.taking("--cc-feedback-per-second", RelaySettings.CC_FEEDBACK_PER_SECOND),
            Flag.taking("--pacing-percent", RelaySettings.PACING_PERCENT),
            Flag.taking("--retransmit-share-percent", RelaySettings.RETRANSMIT_SHARE_PERCENT),
            Flag.taking("--retransmit-floor-bps", RelaySettings.RETRANSMIT_FLOOR_BPS),
            Flag.switching("--control-insecure", RelaySettings.CONTROL_INSECURE, true),
            Flag.taking("--media-security", RelaySettings.MEDIA_SECURITY),
            Flag.taking("--srtp-profiles", RelaySettings.SRTP_PROFILES),
            Flag.taking("--tls-keystore", RelaySettings.TLS_KEYSTORE),
            Flag.taking("--tls-certificate", RelaySettings.TLS_CERTIFICATE),
            Flag.taking("--tls-key", RelaySettings.TLS_KEY),
            Flag.taking("--state-dir", RelaySettings.STATE_DIR),
            Flag.taking("--tls-handshake-timeout-ms", RelaySettings.TLS_HANDSHAKE_TIMEOUT_MS),
            Flag.taking("--max-ingresses", RelaySettings.MAX_INGRESSES),
            Flag.taking("--operator-port", RelaySettings.OPERATOR_PORT),
            Flag.taking("--operator-host", RelaySettings.OPERATOR_HOST),
            Flag.taking("--egress-max-forwards", RelaySettings.EGRESS_MAX_FORWARDS),
            Flag.taking("--cluster-redis", RelaySettings.CLUSTER_REDIS));

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
                String value = flag.value() != null ? flag.value()
                        : parsed.matchedOption(flag.name()).getValue().toString();
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
