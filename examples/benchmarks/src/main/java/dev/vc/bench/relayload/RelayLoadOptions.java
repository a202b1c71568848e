package dev.vc.bench.relayload;

import dev.vc.api.ConfigException;
import dev.vc.bench.MediaMode;
import dev.vc.examples.client.cli.Flags;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * {@link RelayLoad}'s command line. Every value is bounded, so a run is bounded in sockets, threads and time.
 *
 * @param rooms        rooms to fill, 1..100
 * @param participants participants per room, 2..50
 * @param pps          packets per second each participant sends, 1..10000 (62.5 = 600 kbit/s of 1200-byte
 *                     packets)
 * @param packetBytes  size of every RTP packet (UDP payload), 64..1500
 * @param seconds      measured window, 1..600
 * @param warmup       seconds of traffic before the window opens, 0..60
 * @param senders      sender threads (participants are spread over them), 1..16
 * @param receivers    receiver threads (each drains its share of the sockets with one selector), 1..16
 * @param control      control address of an external relay, or null to start one in this process
 * @param ceiling      replace the relay with {@link UdpEchoCeiling}, the raw forwarding ceiling
 * @param alloc        sample the bytes the forwarding thread allocates over the window
 * @param receiveBuffer SO_RCVBUF asked for each participant socket, bytes (the kernel caps it at rmem_max)
 * @param ceilingReceiveBuffer SO_RCVBUF of the ceiling's socket, bytes, or 0 for the system default (the relay's
 *                     socket has the default): shows how much of the loss a larger buffer would absorb
 * @param sharedMediaSocket run the in-process relay with its one shared media socket instead of a connected
 *                     socket per participant ({@code RelaySettings.socketPerParticipant(false)})
 * @param media        the media modes to run, back to back in this order, each against a relay of its own set up
 *                     for it (plain RTP, or SRTP with one profile, every participant keyed by its own DTLS
 *                     handshake); more than one only with the in-process relay
 * @param rounds       how many times the list of modes is run, every second time in reverse (plain, srtp, srtp,
 *                     plain, ... so that a change in the machine's load hits every mode alike), 1..10
 * @param interleave   set every mode up at once and let them send in turn, a second each (plain, srtp, srtp, plain,
 *                     ...), {@code seconds} measured seconds per mode: the modes are measured under the same machine
 *                     load; two or more modes, one round
 * @param busyPoll     the receiver threads poll their sockets without sleeping ({@code selectNow} in a loop), so the
 *                     relay's sends never have to wake a thread of the load generator on the same machine: a real
 *                     relay's receivers are on other hosts, and on a small virtual machine each such wake-up adds
 *                     microseconds, varying from run to run, to the relay thread's system time; costs the load
 *                     generator a core per receiver thread
 */
public record RelayLoadOptions(int rooms, int participants, double pps, int packetBytes, int seconds, int warmup,
                               int senders, int receivers, InetSocketAddress control, boolean ceiling,
                               boolean alloc, int receiveBuffer, int ceilingReceiveBuffer,
                               boolean sharedMediaSocket, List<MediaMode> media, int rounds, boolean interleave,
                               boolean busyPoll) {
    /** Default per-participant rate: 600 kbit/s in 1200-byte packets. */
    public static final double DEFAULT_PPS = 62.5;
    /** Default packet size, the vc MTU. */
    public static final int DEFAULT_PACKET_BYTES = 1200;
    /** What {@code --compare-srtp} runs: plain RTP, then SRTP with each profile. */
    public static final List<MediaMode> COMPARE_SRTP = List.of(MediaMode.PLAIN, MediaMode.SRTP_GCM,
            MediaMode.SRTP_CM);
    /** Most participants in one run. */
    public static final int MAX_TOTAL_PARTICIPANTS = 2000;

    /** Validates the ranges. */
    public RelayLoadOptions {
        media = List.copyOf(media);
        if (media.isEmpty()) {
            throw new ConfigException("--media needs at least one mode");
        }
        Flags.check("--rounds", rounds, 1, 10);
        if (ceiling && !media.equals(List.of(MediaMode.PLAIN))) {
            throw new ConfigException("--ceiling forwards plain datagrams: it runs only with --media plain");
        }
        if (interleave && (media.size() < 2 || rounds > 1)) {
            throw new ConfigException("--interleave alternates the --media modes second by second in one round: it "
                    + "takes two or more modes and no --rounds");
        }
        if (control != null && media.size() * rounds > 1) {
            throw new ConfigException("an external relay has one media mode: --control takes one --media and "
                    + "one round");
        }
        Flags.check("--rooms", rooms, 1, 100);
        Flags.check("--participants", participants, 2, 50);
        if (!(pps >= 1 && pps <= 10_000)) {
            throw new ConfigException("--pps must be in 1..10000, got " + pps);
        }
        Flags.check("--packet-bytes", packetBytes, 64, 1500);
        Flags.check("--seconds", seconds, 1, 600);
        Flags.check("--warmup", warmup, 0, 60);
        Flags.check("--senders", senders, 1, 16);
        Flags.check("--receivers", receivers, 1, 16);
        Flags.check("--rcvbuf", receiveBuffer, 64 * 1024, 64 << 20);
        if (ceilingReceiveBuffer != 0) {
            Flags.check("--ceiling-rcvbuf", ceilingReceiveBuffer, 64 * 1024, 64 << 20);
        }
        if (rooms * participants > MAX_TOTAL_PARTICIPANTS) {
            throw new ConfigException("--rooms x --participants must be at most " + MAX_TOTAL_PARTICIPANTS + ", got "
                    + rooms * participants);
        }
        if (ceiling && control != null) {
            throw new ConfigException("--ceiling runs its own forwarder: it cannot be combined with --control");
        }
        if (alloc && control != null) {
            throw new ConfigException("--alloc samples threads of this process: it cannot be combined with --control");
        }
    }

    /** @return participants in all rooms */
    public int totalParticipants() {
        return rooms * participants;
    }

    /** @return the offered load the options ask for, packets per second into the relay */
    public double nominalOfferedPps() {
        return totalParticipants() * pps;
    }

    /** @return bits per second each participant sends */
    public double bitsPerSecondEach() {
        return pps * packetBytes * 8;
    }

    /**
     * @param args the command line
     * @return the options; defaults: 1 room of 10, 62.5 packets/s of 1200 bytes, 10 s after 3 s of warm-up,
     *         1 sender and 1 receiver thread, an in-process relay, plain RTP, one round
     * @throws ConfigException on an unknown flag or a bad value
     */
    public static RelayLoadOptions parse(String... args) {
        Flags flags = Flags.parse(args, usage(), List.of("--ceiling", "--alloc", "--shared-media-socket",
                        "--compare-srtp", "--interleave", "--busy-poll"),
                List.of("--rooms", "--participants", "--pps", "--packet-bytes", "--seconds", "--warmup", "--senders",
                        "--receivers", "--rcvbuf", "--ceiling-rcvbuf", "--control", "--media", "--rounds"));
        if (flags.has("--compare-srtp") && flags.string("--media", null) != null) {
            throw new ConfigException("--compare-srtp is --media plain,srtp-gcm,srtp-cm: give one of them");
        }
        List<MediaMode> media = flags.has("--compare-srtp") ? COMPARE_SRTP
                : flags.list("--media", MediaMode::parse, List.of(MediaMode.PLAIN));
        InetSocketAddress control = flags.address("--control", null);
        return new RelayLoadOptions(flags.integer("--rooms", 1), flags.integer("--participants", 10),
                flags.decimal("--pps", DEFAULT_PPS), flags.integer("--packet-bytes", DEFAULT_PACKET_BYTES),
                flags.integer("--seconds", 10), flags.integer("--warmup", 3), flags.integer("--senders", 1),
                flags.integer("--receivers", 1),
                control == null ? null : new InetSocketAddress(control.getHostString(), control.getPort()),
                flags.has("--ceiling"), flags.has("--alloc"), flags.integer("--rcvbuf", 1 << 20),
                flags.integer("--ceiling-rcvbuf", 0), flags.has("--shared-media-socket"), media,
                flags.integer("--rounds", 1), flags.has("--interleave"), flags.has("--busy-poll"));
    }

    /** @return the usage text */
    public static String usage() {
        return """
                usage: RelayLoad [--rooms R] [--participants P] [--pps N] [--packet-bytes B] [--seconds S]
                                 [--warmup S] [--senders T] [--receivers T] [--rcvbuf BYTES]
                                 [--control HOST:PORT | --ceiling [--ceiling-rcvbuf BYTES]] [--alloc]
                                 [--shared-media-socket] [--media plain,srtp-gcm,srtp-cm | --compare-srtp]
                                 [--rounds N | --interleave] [--busy-poll]
                  defaults: 1 room of 10, 62.5 packets/s each (600 kbit/s of 1200-byte packets), 10 s after 3 s
                  of warm-up, 1 sender and 1 receiver thread, a relay started in this process on 127.0.0.1,
                  plain RTP (--media), one round; --compare-srtp runs plain, srtp-gcm and srtp-cm back to back
                  and prints the SRTP/plain capacity ratios; --interleave sets up every mode at once and lets
                  them send in turn, a second each, --seconds measured seconds per mode; --busy-poll keeps the
                  receiver threads polling, so the relay's sends wake no thread on this machine""";
    }
}
