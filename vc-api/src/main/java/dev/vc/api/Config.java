package dev.vc.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * vc's configuration: string keys such as {@code vc.codec} or {@code vc.width}, read from three layers.
 *
 * <ol>
 *   <li>values set in code with {@link #with(String, String)} (highest),</li>
 *   <li>JVM system properties ({@code -Dvc.codec=jpeg}),</li>
 *   <li>a {@code vc.properties} file: the path in system property {@code vc.config}, else
 *       {@code ./vc.properties} if it exists (lowest).</li>
 * </ol>
 *
 * <p>Only keys starting with {@code vc.} are taken from system properties and files. Instances are
 * immutable. See {@code docs/configuration.md} for every key.
 *
 * <pre>{@code
 * Config config = Config.load().with(CoreSettings.CODEC.key(), "jpeg");
 * int fps = config.get(CoreSettings.FPS);   // each module declares its keys once, in its settings home
 * }</pre>
 */
public final class Config {
    /** System property naming the properties file to read: {@link CoreSettings#CONFIG_FILE}'s key. */
    public static final String FILE_PROPERTY = CoreSettings.CONFIG_FILE.key();

    private static final String PREFIX = "vc.";

    private final Map<String, String> values;

    private Config(Map<String, String> values) {
        this.values = values;
    }

    /** @return a configuration with no values: every lookup gets its default */
    public static Config empty() {
        return new Config(Map.of());
    }

    /**
     * @param values keys and values, used as given
     * @return a configuration holding exactly these values
     */
    public static Config of(Map<String, String> values) {
        return new Config(Map.copyOf(values));
    }

    /**
     * Reads the properties file (if any) and the system properties.
     *
     * @return the merged configuration
     * @throws ConfigException if {@code vc.config} names a file that cannot be read
     */
    public static Config load() {
        Map<String, String> merged = new TreeMap<>();
        String explicit = System.getProperty(FILE_PROPERTY);
        Path file = explicit != null ? Path.of(explicit) : Path.of("vc.properties");
        if (explicit != null || Files.isRegularFile(file)) {
            readFile(file, merged);
        }
        System.getProperties().forEach((k, v) -> {
            String key = k.toString();
            if (key.startsWith(PREFIX) && !key.equals(FILE_PROPERTY)) {
                merged.put(key, v.toString());
            }
        });
        return new Config(Map.copyOf(merged));
    }

    private static void readFile(Path file, Map<String, String> into) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read configuration file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        properties.forEach((k, v) -> {
            if (k.toString().startsWith(PREFIX)) {
                into.put(k.toString(), v.toString().trim());
            }
        });
    }

    /**
     * @param key   a key such as {@code vc.codec}
     * @param value its value; {@code null} removes the key
     * @return a new configuration with this value on top
     */
    public Config with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new Config(Map.copyOf(copy));
    }

    /**
     * Sets a declared setting, checked by its rule first.
     *
     * <pre>{@code
     * Config config = Config.load().with(CoreSettings.CODEC, "h264").with(CoreSettings.FPS, 15);
     * }</pre>
     *
     * @param setting the declaration
     * @param value   its value; {@code null} removes the key
     * @param <T>     the value's type
     * @return a new configuration with this value on top
     * @throws ConfigException if the setting does not accept the value
     */
    public <T> Config with(Setting<T> setting, T value) {
        return with(setting.key(), value == null ? null : String.valueOf(setting.check(value)));
    }

    /**
     * @param setting a declaration
     * @return true if its key has a value here (not blank), false if reading it gives the default
     */
    public boolean isSet(Setting<?> setting) {
        return get(setting.key()).isPresent();
    }

    /**
     * @param key a key
     * @return its value, if set and not blank
     */
    public Optional<String> get(String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /**
     * @param key          a key
     * @param defaultValue what to return when the key is not set
     * @return the value or the default
     */
    public String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    /**
     * Reads a declared setting by its type's one parsing rule.
     *
     * @param setting the declaration
     * @param <T>     the value's type
     * @return the configured value, or the setting's default (null if it has none) when the key is unset
     * @throws ConfigException if the value is not accepted; the message names the key and the accepted forms
     */
    public <T> T get(Setting<T> setting) {
        Optional<String> raw = get(setting.key());
        return raw.isEmpty() ? setting.defaultValue() : setting.parse(raw.get());
    }

    /**
     * Reads an integer within bounds, by the same rule as {@link Setting#ofInt}.
     *
     * @param key          a key
     * @param defaultValue what to return when the key is not set
     * @param min          smallest allowed value
     * @param max          largest allowed value
     * @return the value or the default
     * @throws ConfigException if the value is not an integer or out of range
     */
    public int getInt(String key, int defaultValue, int min, int max) {
        Optional<String> raw = get(key);
        return raw.isEmpty() ? defaultValue : Setting.ofInt(key, min, min, max, key).parse(raw.get());
    }

    /**
     * Reads a boolean, by the same rule as {@link Setting#ofBoolean}: {@code true} or {@code false} in any case.
     *
     * @param key          a key
     * @param defaultValue what to return when the key is not set
     * @return the value or the default
     * @throws ConfigException if the value is neither {@code true} nor {@code false}
     */
    public boolean getBoolean(String key, boolean defaultValue) {
        Optional<String> raw = get(key);
        return raw.isEmpty() ? defaultValue : Setting.ofBoolean(key, defaultValue, key).parse(raw.get());
    }

    /** @return every key and value, sorted by key */
    public Map<String, String> asMap() {
        return new TreeMap<>(values);
    }

    @Override
    public String toString() {
        return "Config" + asMap();
    }
}
