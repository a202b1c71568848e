package dev.vc.api;

import java.util.List;

/**
 * The settings home of {@code vc-api}: every key the registries, the settings records and the participant
 * pipeline read, declared once with its default, the values it accepts and what it does. Other modules read
 * the keys they share with the participant from here ({@link #MAX_STREAMS}, {@link #STALE_TIMEOUT_MS},
 * {@link #MTU}) and declare their own in their settings home. {@code docs/configuration.md} lists them, checked
 * by a test.
 *
 * <pre>{@code
 * int streams = config.get(CoreSettings.MAX_STREAMS);
 * Participant.builder().set(CoreSettings.CODEC.key(), "jpeg");
 * }</pre>
 */
public final class CoreSettings {
    /** Frame source provider; unset: the best available. */
    public static final Setting<String> SOURCE = Setting.ofString("vc.source", null,
            "frame source provider: synthetic, camera, file, screen, none (send nothing, only watch)");
    /** Encoder provider; unset: the best available. */
    public static final Setting<String> CODEC = Setting.ofString("vc.codec", null,
            "encoder provider: jpeg, h264 (FFmpeg natives), h264-jcodec (pure Java)");
    /** Decoder provider of JPEG streams; unset: the best available. */
    public static final Setting<String> DECODER_JPEG = Setting.ofString("vc.decoder.jpeg", null,
            "decoder provider of JPEG streams");
    /** Decoder provider of H.264 streams; unset: the best available. */
    public static final Setting<String> DECODER_H264 = Setting.ofString("vc.decoder.h264", null,
            "decoder provider of H.264 streams: h264, h264-jcodec");
    /** The pixel format decoders deliver where they can convert natively. */
    public static final Setting<String> DECODER_OUTPUT = Setting.ofChoice("vc.decoder.output", "i420",
            List.of("i420", "bgr24", "bgrx32"), "what decoders that convert natively deliver: bgr24 or bgrx32 make the "
                    + "h264 decoder convert with swscale; bgrx32 is what the Swing grid paints without any conversion");
    /** Transport provider; unset: the best available. */
    public static final Setting<String> TRANSPORT = Setting.ofString("vc.transport", null, "transport provider: udp");
    /** Renderer provider; unset: the best available. */
    public static final Setting<String> RENDERER = Setting.ofString("vc.renderer", null,
            "renderer provider: swing, headless");

    /** Capture and encode width. */
    public static final Setting<Integer> WIDTH = Setting.ofInt("vc.width", 640, 16, 8192,
            "capture and encode width in pixels (even)");
    /** Capture and encode height. */
    public static final Setting<Integer> HEIGHT = Setting.ofInt("vc.height", 480, 16, 8192,
            "capture and encode height in pixels (even)");
    /** Capture frame rate. */
    public static final Setting<Integer> FPS = Setting.ofInt("vc.fps", 30, 1, 240,
            "capture frame rate (a camera reports what it delivers; a file keeps its own rate)");
    /** Target bit rate of rate-controlled codecs. */
    public static final Setting<Integer> BITRATE = Setting.ofInt("vc.bitrate", 600_000, 10_000, 100_000_000,
            "target bit/s of rate-controlled codecs");
    /** Whether the sender follows its uplink's bandwidth estimate. */
    public static final Setting<Boolean> ADAPTIVE_BITRATE = Setting.ofBoolean("vc.bitrate.adaptive", true,
            "follow the uplink's bandwidth estimate: encoder bitrate up to vc.bitrate, fewer frames below the floor");
    /** Below this estimate the sender lowers its frame rate. */
    public static final Setting<Integer> BITRATE_FLOOR = Setting.ofInt("vc.bitrate.floor", 400_000, 10_000,
            100_000_000, "uplink estimate in bit/s below which frames are skipped in proportion (down to 1 in 4)");
    /** JPEG quality. */
    public static final Setting<Integer> QUALITY = Setting.ofInt("vc.quality", 60, 1, 100,
            "JPEG quality (the original system's Q60)");
    /**
     * Frames between keyframes: 60, two seconds at the default frame rate, the longest a receiver that cannot ask
     * for a keyframe (a recorder, an RTP forward to ffplay or VLC) waits for a picture.
     */
    public static final Setting<Integer> KEYFRAME_INTERVAL = Setting.ofInt("vc.keyframe.interval", 60, 1, 100_000,
            "frames between keyframes of inter-frame codecs (60: 2 s at 30 fps, the longest a receiver that "
                    + "cannot send PLI waits for a picture)");
    /** Simulcast layers sent. */
    public static final Setting<Integer> SIMULCAST_LAYERS = Setting.ofInt("vc.simulcast.layers", 2, 1, 3,
            "simulcast layers sent, each half the width and height of the one before (1: no simulcast)");
    /** Capture-to-send ring slots; the participant also requires a power of two. */
    public static final Setting<Integer> RING_SIZE = Setting.ofInt("vc.ring.size", 2, 1, 1024,
            "capture-to-send ring slots, a power of two; a full ring drops (and counts) frames");

    /** Display name. */
    public static final Setting<String> NAME = Setting.ofString("vc.name", "participant", "display name");
    /** Room to join. */
    public static final Setting<String> ROOM = Setting.ofString("vc.room", "lobby", "room to join");
    /** The room's secret; unset: none. */
    public static final Setting<String> ROOM_SECRET = Setting.ofString("vc.room.secret", null,
            "the room's secret, if it has one");
    /** Bound on joining. */
    public static final Setting<Integer> CONNECT_TIMEOUT_MS = Setting.ofInt("vc.connect.timeout.ms", 5_000, 100,
            120_000, "bound on reaching the relay and getting the join answer, in ms");
    /** Reconnection attempts after the control connection to the relay is lost; 0: none. */
    public static final Setting<Integer> RECONNECT_ATTEMPTS = Setting.ofInt("vc.reconnect.attempts", 30, 0,
            1_000_000, "attempts to reconnect after the connection to the relay is lost, before giving up (0: "
                    + "give up at once)");
    /** The first reconnection attempt's delay; each further one doubles it, up to the maximum. */
    public static final Setting<Integer> RECONNECT_BACKOFF_MS = Setting.ofInt("vc.reconnect.backoff.ms", 500, 10,
            60_000, "delay before the first reconnection attempt, in ms; doubled for each further one (with jitter: "
                    + "a random half of it)");
    /** The longest delay between reconnection attempts. */
    public static final Setting<Integer> RECONNECT_MAX_BACKOFF_MS = Setting.ofInt("vc.reconnect.max.backoff.ms",
            10_000, 10, 600_000, "longest delay between reconnection attempts, in ms");
    /** The relays to join through, tried in order (a cluster's relays). */
    public static final Setting<String> RELAY_HOSTS = Setting.ofString("vc.relay.hosts", null,
            "the relays to join through, host:port separated by commas, tried in order when one cannot be reached "
                    + "(a cluster's relays, any of which redirects to the room's relay); after a lost connection the "
                    + "relay last joined is tried first; unset: the address the application gives");
    /** SHA-256 fingerprint of the relay's certificate, pinned. */
    public static final Setting<String> RELAY_FINGERPRINT = Setting.ofString("vc.relay.fingerprint", null,
            "SHA-256 fingerprint of the relay's TLS certificate (AB:CD:..., as the relay prints it); pinned, it "
                    + "replaces the CA and host name checks");
    /** PEM file of the CAs the relay's certificate must chain to. */
    public static final Setting<String> RELAY_CA = Setting.ofString("vc.relay.ca", null,
            "PEM file of the CA certificates the relay's TLS certificate must chain to (host name checked); "
                    + "unset: the system trust store");
    /** Plain TCP to the relay's control port. */
    public static final Setting<Boolean> RELAY_INSECURE = Setting.ofBoolean("vc.relay.insecure", false,
            "plain TCP without TLS, to a relay started with vc.relay.control.insecure=true: the room secret and the "
                    + "session key travel in clear");
    /** Encrypted media (SRTP keyed by DTLS) or plain RTP. */
    public static final Setting<String> MEDIA_SECURITY = Setting.ofChoice("vc.media.security", "srtp",
            List.of("srtp", "insecure"), "srtp: media encrypted and authenticated on every hop (DTLS-SRTP); insecure: "
                    + "plain RTP, only to a relay started with vc.relay.media.security=insecure (and plain RTP peers)");
    /** Whether the participant renders its own video. */
    public static final Setting<Boolean> SELF_VIEW = Setting.ofBoolean("vc.self.view", false,
            "show the participant's own video in its renderer, labelled \"(you)\"");
    /** Silence after which a remote stream is ended (and a Swing tile greyed). */
    public static final Setting<Integer> STALE_TIMEOUT_MS = Setting.ofInt("vc.stale.timeout.ms", 3_000, 100, 600_000,
            "a remote stream silent this long is ended, in ms (the original system's 3 s)");
    /** Remote streams a participant tracks at once; the transport and the receive pipeline both bound by it. */
    public static final Setting<Integer> MAX_STREAMS = Setting.ofInt("vc.max.streams", 64, 1, 1024,
            "remote streams tracked at once; the least recently active is evicted");
    /** Largest UDP payload sent, in bytes. */
    public static final Setting<Integer> MTU = Setting.ofInt("vc.mtu", 1200, TransportSettings.MIN_MTU,
            TransportSettings.MAX_MTU, "largest UDP payload sent, in bytes; packets are never IP-fragmented");
    /** The properties file {@link Config#load()} reads; a system property only. */
    public static final Setting<String> CONFIG_FILE = Setting.ofString("vc.config", null,
            "the properties file to read (system property only); unset: ./vc.properties if it exists");

    /** Every key declared here, in the order docs/configuration.md lists them. */
    public static final List<Setting<?>> ALL = List.of(SOURCE, CODEC, DECODER_JPEG, DECODER_H264, DECODER_OUTPUT,
            TRANSPORT, RENDERER,
            WIDTH, HEIGHT, FPS, BITRATE, ADAPTIVE_BITRATE, BITRATE_FLOOR, QUALITY, KEYFRAME_INTERVAL,
            SIMULCAST_LAYERS, RING_SIZE,
            NAME, ROOM, ROOM_SECRET, CONNECT_TIMEOUT_MS, RECONNECT_ATTEMPTS, RECONNECT_BACKOFF_MS,
            RECONNECT_MAX_BACKOFF_MS, RELAY_HOSTS, RELAY_FINGERPRINT, RELAY_CA, RELAY_INSECURE, MEDIA_SECURITY, SELF_VIEW, STALE_TIMEOUT_MS, MAX_STREAMS, MTU, CONFIG_FILE);

    private CoreSettings() {
    }

    /**
     * @param codec a codec
     * @return the key naming the decoder provider of that codec's streams
     */
    public static Setting<String> decoder(VideoCodec codec) {
        return switch (codec) {
            case JPEG -> DECODER_JPEG;
            case H264 -> DECODER_H264;
        };
    }
}
