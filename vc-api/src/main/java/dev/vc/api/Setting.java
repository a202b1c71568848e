package dev.vc.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One configuration key, declared once: its name, its type, its default, the values it accepts and one line
 * saying what it does. Each module declares its keys in one class, its settings home, and reads them with
 * {@link Config#get(Setting)}; {@code docs/configuration.md} is checked against these declarations.
 *
 * <p>One parsing rule per type: integers are decimal and within the declared range; booleans are
 * {@code true} or {@code false} in any case; choices are one of the declared words, in any case; text is any
 * non-blank text. A value that breaks the rule fails with a {@link ConfigException} that names the key and the
 * accepted forms. Blank values count as unset. A value given in code (a builder's setter, a command-line flag)
 * is checked by the same rule with {@link #check}.
 *
 * <pre>{@code
 * public static final Setting<Integer> MAX_FPS = Setting.ofInt("vc.ui.max.fps", 30, 1, 1000,
 *         "most repaints per second");                    // in the module's settings home
 * int fps = config.get(MAX_FPS);                          // 30 when unset
 * this.maxFps = MAX_FPS.check(fps);                      // a builder's setter
 * }</pre>
 *
 * @param <T> the value's type
 */
public final class Setting<T> {
    /** Turns a trimmed, non-blank value into {@code T}, or answers null when the value is not accepted. */
    @FunctionalInterface
    private interface Parser<T> {
        T parse(String raw);
    }

    private final String key;
    private final Class<T> type;
    private final T defaultValue;
    private final String accepted;
    private final String doc;
    private final Parser<T> parser;

    private Setting(String key, Class<T> type, T defaultValue, String accepted, String doc, Parser<T> parser) {
        this.key = requireKey(key);
        this.type = type;
        this.defaultValue = defaultValue;
        this.accepted = accepted;
        this.doc = Objects.requireNonNull(doc, "doc");
        this.parser = parser;
    }

    private static String requireKey(String key) {
        Objects.requireNonNull(key, "key");
        if (!key.startsWith("vc.") || key.endsWith(".")) {
            throw new IllegalArgumentException("a setting's key starts with 'vc.' and names one key: " + key);
        }
        return key;
    }

    /**
     * @param key          the key, such as {@code vc.fps}
     * @param defaultValue the value when the key is unset; within the range
     * @param min          the smallest value accepted
     * @param max          the largest value accepted
     * @param doc          one line: what the key does
     * @return the declaration
     */
    public static Setting<Integer> ofInt(String key, int defaultValue, int min, int max, String doc) {
        checkRange(key, defaultValue, min, max);
        return new Setting<>(key, Integer.class, defaultValue, integers(min, max, Integer.MIN_VALUE, Integer.MAX_VALUE),
                doc, raw -> {
                    Long value = parseLong(raw, min, max);
                    return value == null ? null : value.intValue();
                });
    }

    /**
     * @param key          the key
     * @param defaultValue the value when the key is unset; within the range
     * @param min          the smallest value accepted
     * @param max          the largest value accepted
     * @param doc          one line: what the key does
     * @return the declaration
     */
    public static Setting<Long> ofLong(String key, long defaultValue, long min, long max, String doc) {
        checkRange(key, defaultValue, min, max);
        return new Setting<>(key, Long.class, defaultValue, integers(min, max, Long.MIN_VALUE, Long.MAX_VALUE), doc,
                raw -> parseLong(raw, min, max));
    }

    /**
     * @param key          the key
     * @param defaultValue the value when the key is unset
     * @param doc          one line: what the key does
     * @return the declaration; accepts {@code true} and {@code false} in any case
     */
    public static Setting<Boolean> ofBoolean(String key, boolean defaultValue, String doc) {
        return new Setting<>(key, Boolean.class, defaultValue, "true or false", doc, Setting::parseBoolean);
    }

    /**
     * @param key          the key
     * @param defaultValue the value when the key is unset; null for none
     * @param doc          one line: what the key does
     * @return the declaration; accepts any non-blank text, trimmed
     */
    public static Setting<String> ofString(String key, String defaultValue, String doc) {
        return new Setting<>(key, String.class, defaultValue, "any text", doc, raw -> raw);
    }

    /**
     * @param key          the key
     * @param defaultValue the value when the key is unset, one of the choices; null for none
     * @param choices      the words accepted, lower case
     * @param doc          one line: what the key does
     * @return the declaration; a value is compared in lower case
     */
    public static Setting<String> ofChoice(String key, String defaultValue, List<String> choices, String doc) {
        List<String> words = List.copyOf(choices);
        if (words.isEmpty() || (defaultValue != null && !words.contains(defaultValue))) {
            throw new IllegalArgumentException(key + ": the default must be one of " + words);
        }
        String accepted = words.size() == 2 ? words.get(0) + " or " + words.get(1)
                : "one of " + String.join(", ", words);
        return new Setting<>(key, String.class, defaultValue, accepted, doc, raw -> {
            String word = raw.toLowerCase(Locale.ROOT);
            return words.contains(word) ? word : null;
        });
    }

    /** The one rule for integers: decimal, within the range; null otherwise. */
    private static Long parseLong(String raw, long min, long max) {
        try {
            long value = Long.parseLong(raw);
            return value >= min && value <= max ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Words the accepted integers: a range, a lower bound alone, or none when the type's whole range is. */
    private static String integers(long min, long max, long typeMin, long typeMax) {
        if (max != typeMax) {
            return "an integer in " + min + ".." + max;
        }
        return min == typeMin ? "an integer" : "an integer of at least " + min;
    }

    private static void checkRange(String key, long defaultValue, long min, long max) {
        if (min > max || defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException(key + ": default " + defaultValue + " is outside " + min + ".." + max);
        }
    }

    /**
     * The one rule for booleans, shared by {@link Config#getBoolean}.
     *
     * @param raw a trimmed value
     * @return its value, or null if it is neither {@code true} nor {@code false}
     */
    static Boolean parseBoolean(String raw) {
        if (raw.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        return raw.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }

    /**
     * Parses a value by this setting's rule.
     *
     * @param raw a value as configured, trimmed and not blank
     * @return the typed value
     * @throws ConfigException if the value is not accepted; the message names the key and the accepted forms
     */
    public T parse(String raw) {
        T value = parser.parse(raw.trim());
        if (value == null) {
            throw new ConfigException(key + " must be " + accepted + ", got '" + raw + "'");
        }
        return value;
    }

    /**
     * Checks a value given in code (a builder's setter, a command-line flag) by the same rule as a configured one.
     *
     * @param value the value
     * @return the value as this setting reads it (a choice in lower case)
     * @throws ConfigException if the value is not accepted; the message names the key and the accepted forms
     */
    public T check(T value) {
        return parse(String.valueOf(Objects.requireNonNull(value, key)));
    }

    /** @return the key, such as {@code vc.fps} */
    public String key() {
        return key;
    }

    /** @return the value's type: {@code Integer}, {@code Long}, {@code Boolean} or {@code String} */
    public Class<T> type() {
        return type;
    }

    /** @return the value when the key is unset; null when the setting has no default */
    public T defaultValue() {
        return defaultValue;
    }

    /** @return the accepted forms, for people: {@code an integer in 1..240}, {@code true or false} */
    public String accepted() {
        return accepted;
    }

    /** @return one line: what the key does */
    public String doc() {
        return doc;
    }

    @Override
    public String toString() {
        return key + " (" + accepted + ", default " + defaultValue + ")";
    }
}
