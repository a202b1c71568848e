package dev.vc.relay;

import dev.vc.api.ConfigException;
import dev.vc.api.VideoCodec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An ingress: a UDP port the relay opens for one room, where a plain RTP sender (GStreamer, ffmpeg, a camera) sends
 * H.264 (RFC 6184) or JPEG (RFC 2435) without joining; its stream appears in the room as a participant named
 * {@code name} (see {@link RelayServer#openIngress}). Parsed from the command line's form:
 *
 * <pre>{@code
 * IngressSpec spec = IngressSpec.parse("room=lobby,name=camera 1,port=5004,codec=h264,source=192.0.2.7");
 * }</pre>
 *
 * @param room   the room its participant joins (1..255 UTF-8 bytes)
 * @param name   its participant's display name (1..255 UTF-8 bytes)
 * @param port   the UDP port it listens on, on the relay's host; 0 for an ephemeral one
 * @param codec  what the sender sends: payload type 96 for H.264, 26 for JPEG, as vc's clients expect
 * @param source the only address allowed to send, or null: the first sender's address is taken
 * @param ssrc   the only SSRC taken (0..2^32-1), or {@link #ANY_SSRC}: the first packet's SSRC is taken
 */
public record IngressSpec(String room, String name, int port, VideoCodec codec, InetAddress source, long ssrc) {
    /** {@link #ssrc()} when the first packet's SSRC is taken. */
    public static final long ANY_SSRC = -1;

    /** Checks the fields. */
    public IngressSpec {
        checkName("room", room);
        checkName("name", name);
        if (port < 0 || port > 65_535) {
            throw new ConfigException("ingress port " + port + " is not 0..65535");
        }
        Objects.requireNonNull(codec, "codec");
        if (ssrc < ANY_SSRC || ssrc > 0xFFFF_FFFFL) {
            throw new ConfigException("ingress ssrc " + ssrc + " is not 0..4294967295");
        }
    }

    /**
     * An ingress taking any sender and SSRC.
     *
     * @return the spec
     */
    public static IngressSpec of(String room, String name, int port, VideoCodec codec) {
        return new IngressSpec(room, name, port, codec, null, ANY_SSRC);
    }

    /**
     * Parses {@code room=R,name=N,port=P,codec=h264|jpeg[,source=ADDRESS][,ssrc=N]} (keys in any order; a name may
     * hold spaces but no comma).
     *
     * @param text the spec
     * @return the spec
     * @throws ConfigException naming what is wrong and the accepted form
     */
    public static IngressSpec parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("ingress '" + text + "': '" + part + "' is not key=value; " + FORM);
            }
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            if (!KEYS.contains(key)) {
                throw new ConfigException("ingress '" + text + "': unknown key '" + key + "'; " + FORM);
            }
            if (fields.put(key, part.substring(eq + 1).trim()) != null) {
                throw new ConfigException("ingress '" + text + "': '" + key + "' given twice");
            }
        }
        for (String key : new String[] {"room", "name", "port", "codec"}) {
            if (!fields.containsKey(key)) {
                throw new ConfigException("ingress '" + text + "' has no " + key + "; " + FORM);
            }
        }
        long port = number(text, "port", fields.get("port"));
        if (port < 0 || port > 65_535) {
            throw new ConfigException("ingress '" + text + "': port " + port + " is not 0..65535");
        }
        return new IngressSpec(fields.get("room"), fields.get("name"), (int) port,
                codec(text, fields.get("codec")), address(text, fields.get("source")),
                fields.containsKey("ssrc") ? number(text, "ssrc", fields.get("ssrc")) : ANY_SSRC);
    }

    /** @return the form {@link #parse} reads */
    @Override
    public String toString() {
        return "room=" + room + ",name=" + name + ",port=" + port + ",codec=" + codec.name().toLowerCase(Locale.ROOT)
                + (source == null ? "" : ",source=" + source.getHostAddress()) + (ssrc == ANY_SSRC ? "" : ",ssrc=" + ssrc);
    }

    private static final String FORM = "expected room=R,name=N,port=P,codec=h264|jpeg[,source=ADDRESS][,ssrc=N]";
    private static final java.util.Set<String> KEYS = java.util.Set.of("room", "name", "port", "codec", "source",
            "ssrc");

    private static void checkName(String what, String value) {
        int bytes = value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < 1 || bytes > 255) {
            throw new ConfigException("ingress " + what + " must be 1..255 UTF-8 bytes, got " + bytes);
        }
    }

    private static long number(String text, String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ConfigException("ingress '" + text + "': " + key + " '" + value + "' is not a number");
        }
    }

    private static VideoCodec codec(String text, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "h264", "h.264" -> VideoCodec.H264;
            case "jpeg", "mjpeg" -> VideoCodec.JPEG;
            default -> throw new ConfigException("ingress '" + text + "': codec '" + value + "' is not h264 or jpeg");
        };
    }

    /** A numeric address only: a host name would be looked up here, with its delays and failures. */
    private static InetAddress address(String text, String value) {
        if (value == null) {
            return null;
        }
        if (!value.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            throw new ConfigException("ingress '" + text + "': source '" + value + "' is not a numeric address");
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw new ConfigException("ingress '" + text + "': source '" + value + "' is not an address", e);
        }
    }
}
