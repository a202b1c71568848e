package dev.vc.transport.udp.internal;

import dev.vc.api.CoreSettings;
import dev.vc.api.Setting;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.jpeg.JpegDepacketizer;

import java.util.List;

/**
 * The settings home of the {@code udp} transport: every key it reads, declared once with its default, the
 * values it accepts and what it does. Nothing else in the module reads a key: {@code ReceiveLimits},
 * {@code PayloadTypes} and the pacer are built from these. The transport also reads
 * {@link CoreSettings#MAX_STREAMS}, declared in {@code vc-api} because the participant pipeline bounds its streams
 * by it too.
 *
 * <pre>{@code
 * int kbps = config.get(UdpSettings.PACING_KBPS);
 * }</pre>
 */
public final class UdpSettings {
    /** Largest frame scan accepted from a remote stream. */
    public static final Setting<Integer> MAX_FRAME_BYTES = Setting.ofInt("vc.udp.max.frame.bytes",
            JpegDepacketizer.DEFAULT_MAX_FRAME_BYTES, 64 * 1024, 16 * 1024 * 1024 - 1,
            "largest frame accepted from a remote stream, in bytes");
    /** Frames of one remote stream assembled at once. */
    public static final Setting<Integer> MAX_PENDING_FRAMES = Setting.ofInt("vc.udp.max.pending.frames", 8, 1, 16,
            "frames of one remote stream assembled at once, so frames can wait for a retransmission");
    /** How long a frame may stay incomplete. */
    public static final Setting<Integer> FRAME_TIMEOUT_MS = Setting.ofInt("vc.udp.frame.timeout.ms", 1000, 10,
            60_000, "how long a frame may stay incomplete before it is discarded, in ms");
    /** How long a complete H.264 frame waits for an older one whose packets were asked for again. */
    public static final Setting<Integer> NACK_WAIT_MS = Setting.ofInt("vc.udp.nack.wait.ms", 150, 0, 10_000,
            "how long a complete H.264 frame waits for an older one being retransmitted, in ms; 0 never waits");
    /**
     * The rate a frame's packets leave at; 0 sends them back to back. The default, 50 Mbit/s, is far above a video
     * stream's average, so only large frames (keyframes, JPEG) are spread out.
     */
    public static final Setting<Integer> PACING_KBPS = Setting.ofInt("vc.udp.pacing.kbps", 50_000, 0, 10_000_000,
            "rate a frame's packets leave at, in kbit/s; 0 turns pacing off");
    /**
     * The uplink estimate's start: the target before the first feedback has moved it, and the base of the
     * initial probes (3x and 6x it).
     */
    public static final Setting<Integer> CC_START_KBPS = Setting.ofInt("vc.udp.cc.start.kbps", 1_000, 10, 1_000_000,
            "uplink bandwidth estimate before the first transport-cc feedback, in kbit/s");
    /** The uplink estimate's floor. */
    public static final Setting<Integer> CC_MIN_KBPS = Setting.ofInt("vc.udp.cc.min.kbps", 30, 10, 1_000_000,
            "lowest uplink bandwidth estimate, in kbit/s");
    /** The uplink estimate's ceiling. */
    public static final Setting<Integer> CC_MAX_KBPS = Setting.ofInt("vc.udp.cc.max.kbps", 20_000, 10, 10_000_000,
            "highest uplink bandwidth estimate, in kbit/s");
    /** Whether the uplink is probed with padding, so its estimate finds capacity the encoders do not use yet. */
    public static final Setting<Boolean> CC_PROBE = Setting.ofBoolean("vc.udp.cc.probe", true,
            "probe the uplink with padding (3x and 6x the start estimate at start, later 2x the estimate while "
                    + "the sender wants more), so the estimate can rise above what the encoders send");
    /** Packets remembered by each hop's congestion control: sent packets awaiting feedback, arrivals to report. */
    public static final Setting<Integer> CC_WINDOW_PACKETS = Setting.ofInt("vc.udp.cc.window.packets", 4096, 64,
            16_384, "packets remembered for transport-cc on each hop, a power of two (sent, and received)");
    /** The dynamic RTP payload type of H.264; sender and receiver must agree. */
    public static final Setting<Integer> H264_PAYLOAD_TYPE = Setting.ofInt("vc.rtp.pt.h264",
            VideoCodec.H264.defaultPayloadType(), 96, 127,
            "RTP payload type of H.264, sent and accepted; sender and receiver must agree");

    /**
     * The SRTP profiles this client offers in its DTLS handshake, in order of preference (the relay picks the first of
     * its own order that the client offers). Both allocate nothing per packet; AES-GCM (an AEAD with a 16-byte tag)
     * costs, in vc's Java GHASH, somewhat more CPU than AES-CM with HMAC-SHA1 (docs/benchmarks.md, "SRTP").
     */
    public static final Setting<String> SRTP_PROFILES = Setting.ofString("vc.srtp.profiles",
            "AEAD_AES_128_GCM,AES128_CM_HMAC_SHA1_80", "SRTP profiles offered for encrypted media, in order of "
                    + "preference: AEAD_AES_128_GCM (AEAD, 16-byte tag), AES128_CM_HMAC_SHA1_80 (what every browser "
                    + "offers); neither allocates per packet");

    /**
     * Which ciphers SRTP runs on in this process (the relay's too), read once from the system properties or
     * {@code vc.properties} when the first SRTP context is made: {@code auto} runs AEAD_AES_128_GCM on OpenSSL's
     * libcrypto when the runtime is Java 22 or later, started with {@code --enable-native-access=dev.vc.transport.udp}
     * (or {@code ALL-UNNAMED} on the class path), and libcrypto 3 loads; vc's Java ciphers otherwise. {@code java}
     * always uses vc's Java ciphers. Both give the same bytes; what was chosen is logged once.
     */
    public static final Setting<String> SRTP_CIPHERS = Setting.ofChoice("vc.srtp.ciphers", "auto",
            List.of("auto", "java"), "ciphers SRTP runs on in this process, read once from system properties or "
                    + "vc.properties: auto uses OpenSSL's AES-GCM (libcrypto 3) for AEAD_AES_128_GCM on Java 22+ "
                    + "started with --enable-native-access=dev.vc.transport.udp, vc's Java ciphers otherwise; java "
                    + "always uses vc's Java ciphers");

    /** Every key declared here, in the order of the data flow (receive bounds, then sending, then the wire). */
    public static final List<Setting<?>> ALL = List.of(MAX_FRAME_BYTES, MAX_PENDING_FRAMES, FRAME_TIMEOUT_MS,
            NACK_WAIT_MS, PACING_KBPS, CC_START_KBPS, CC_MIN_KBPS, CC_MAX_KBPS, CC_PROBE, CC_WINDOW_PACKETS,
            H264_PAYLOAD_TYPE, SRTP_PROFILES, SRTP_CIPHERS);

    private UdpSettings() {
    }
}
