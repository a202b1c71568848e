package dev.vc.api.control;

/**
 * Makes a display name fit to show a person: control and formatting characters (line breaks, bidirectional
 * overrides, zero-width characters) removed, runs of white space made one space, trimmed, and cut to
 * {@link #MAX_CHARS} characters (never inside a surrogate pair). The relay cleans every joining name this way,
 * and a client cleans what it shows again, so a name can neither spoof another line nor flood a list.
 */
public final class DisplayNames {
    /** The longest name kept, in characters. */
    public static final int MAX_CHARS = 64;
    /** What an empty name (or one of nothing but removed characters) becomes. */
    public static final String UNNAMED = "guest";

    private DisplayNames() {
    }

    /**
     * @param name a name as a participant sent it
     * @return the name to show: never empty, at most {@link #MAX_CHARS} characters
     */
    public static String clean(String name) {
        StringBuilder out = new StringBuilder(Math.min(name.length(), MAX_CHARS + 1));
        boolean space = false;
        for (int i = 0; i < name.length() && out.length() < MAX_CHARS; ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = out.length() > 0;
                continue;
            }
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                    || type == Character.SURROGATE || type == Character.UNASSIGNED) {
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            if (out.length() + Character.charCount(cp) > MAX_CHARS) {
                break;
            }
            out.appendCodePoint(cp);
        }
        String cleaned = out.toString().strip();
        return cleaned.isEmpty() ? UNNAMED : cleaned;
    }
}
