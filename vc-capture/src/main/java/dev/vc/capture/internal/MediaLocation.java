package dev.vc.capture.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the {@code file} source opens: a local file, or a URL FFmpeg reads ({@code rtsp://}, {@code srt://},
 * {@code rtmp://}, {@code udp://}, {@code rtp://}, {@code http://}...; an {@code .sdp} file or URL describes an RTP
 * stream), with the FFmpeg options that make a dead one fail within the source's timeout rather than hang, and
 * whether it is live: a live stream is delivered as it arrives (it is not paced by its timestamps and cannot loop).
 *
 * <pre>{@code
 * MediaLocation camera = MediaLocation.of("rtsp://user:pw@192.0.2.7/stream1", TimeUnit.SECONDS.toNanos(5));
 * camera.live();         // true
 * camera.description();  // "stream rtsp://***@192.0.2.7/stream1": no credentials in messages
 * }</pre>
 *
 * @param target      what FFmpeg opens: the URL, or the file's absolute path
 * @param description what messages call it: {@code file /path} or {@code stream <url>}, any user name and password
 *                    in the URL replaced by {@code ***}
 * @param url         whether it is a URL (no file checks)
 * @param live        whether it is a live stream: delivered as it arrives, never looped
 * @param options     FFmpeg options for opening it
 */
public record MediaLocation(String target, String description, boolean url, boolean live, Map<String, String> options) {
    /** Schemes of live streams. */
    private static final Set<String> LIVE = Set.of("rtsp", "rtsps", "srt", "rtmp", "rtmps", "rtmpt", "rtmpe", "udp",
            "rtp", "tcp");
    private static final Pattern URL = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*)://(?:([^/@]*)@)?(.*)");

    /** Copies the options. */
    public MediaLocation {
        options = Map.copyOf(options);
    }

    /**
     * @param value        the {@code vc.source.file} value: a path, or a URL ({@code scheme://...})
     * @param timeoutNanos the source's timeout, which the network options carry as well
     * @return the location; a path is made absolute
     */
    public static MediaLocation of(String value, long timeoutNanos) {
        Matcher m = URL.matcher(value);
        boolean sdp = value.toLowerCase(Locale.ROOT).endsWith(".sdp");
        Map<String, String> options = new LinkedHashMap<>();
        if (sdp) {
            // An SDP file names the RTP stream's address and payload formats; FFmpeg then reads RTP over UDP.
            options.put("protocol_whitelist", "file,http,https,tcp,tls,udp,rtp,crypto,data");
        }
        if (!m.matches() || m.group(1).equalsIgnoreCase("file")) {
            String path = java.nio.file.Path.of(m.matches() ? value.substring("file://".length()) : value)
                    .toAbsolutePath().normalize().toString();
            if (sdp) {
                options.put("fflags", "nobuffer");
            }
            return new MediaLocation(path, (sdp ? "stream " : "file ") + path, false, sdp, options);
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String description = "stream " + m.group(1) + "://" + (m.group(2) == null ? "" : "***@") + m.group(3);
        boolean live = LIVE.contains(scheme) || sdp;
        long micros = TimeUnit.NANOSECONDS.toMicros(timeoutNanos);
        options.put("rw_timeout", Long.toString(micros));       // every avio protocol: a read that gets nothing
        switch (scheme) {
            case "rtsp", "rtsps", "udp", "tcp" -> options.put("timeout", Long.toString(micros));  // socket I/O, µs
            case "srt" -> options.put("connect_timeout", Long.toString(TimeUnit.NANOSECONDS.toMillis(timeoutNanos)));
            default -> {
                // rtmp's "timeout" would make it listen instead: rw_timeout alone
            }
        }
        if (scheme.equals("udp") || scheme.equals("rtp")) {
            options.put("overrun_nonfatal", "1");  // a burst beyond the receive buffer loses packets, not the stream
        }
        if (live) {
            options.put("fflags", "nobuffer");
        }
        return new MediaLocation(value, description, true, live, options);
    }
}
