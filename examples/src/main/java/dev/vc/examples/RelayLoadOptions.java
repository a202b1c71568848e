package dev.vc.examples;

import dev.vc.api.ConfigException;

import java.net.InetSocketAddress;

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
 */
public record RelayLoadOptions(int rooms, int participants, double pps, int packetBytes, int seconds, int warmup,
                               int senders, int receivers, InetSocketAddress control, boolean ceiling,
                               boolean alloc, int receiveBuffer, int ceilingReceiveBuffer,
                               boolean sharedMediaSocket) {
    /** Default per-participant rate: 600 kbit/s in 1200-byte packets. */
    public static final double DEFAULT_PPS = 62.5;
    /** Default packet size, the vc MTU. */
    public static final int DEFAULT_PACKET_BYTES = 1200;
    /** Most participants in one run. */
    public static final int MAX_TOTAL_PARTICIPANTS = 2000;

    /** Validates the ranges. */
    public RelayLoadOptions {
        check("--rooms", rooms, 1, 100);
        check("--participants", participants, 2, 50);
        if (!(pps >= 1 && pps <= 10_000)) {
            throw new ConfigException("--pps must be in 1..10000, got " + pps);
        }
        check("--packet-bytes", packetBytes, 64, 1500);
        check("--seconds", seconds, 1, 600);
        check("--warmup", warmup, 0, 60);
        check("--senders", senders, 1, 16);
        check("--receivers", receivers, 1, 16);
        check("--rcvbuf", receiveBuffer, 64 * 1024, 64 << 20);
        if (ceilingReceiveBuffer != 0) {
            check("--ceiling-rcvbuf", ceilingReceiveBuffer, 64 * 1024, 64 << 20);
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
     *         1 sender and 1 receiver thread, an in-process relay
     * @throws ConfigException on an unknown flag or a bad value
     */
    public static RelayLoadOptions parse(String... args) {
        int rooms = 1;
        int participants = 10;
        double pps = DEFAULT_PPS;
        int packetBytes = DEFAULT_PACKET_BYTES;
        int seconds = 10;
        int warmup = 3;
        int senders = 1;
        int receivers = 1;
        InetSocketAddress control = null;
        boolean ceiling = false;
        boolean alloc = false;
        int receiveBuffer = 1 << 20;
        int ceilingReceiveBuffer = 0;
        boolean sharedMediaSocket = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--ceiling" -> ceiling = true;
                case "--alloc" -> alloc = true;
                case "--shared-media-socket" -> sharedMediaSocket = true;
                case "--help", "-h" -> throw new ConfigException(usage());
                default -> {
                    if (i + 1 >= args.length) {
                        throw new ConfigException("missing value after " + flag + "\n" + usage());
                    }
                    String value = args[++i];
                    switch (flag) {
                        case "--rooms" -> rooms = parseInt(flag, value);
                        case "--participants" -> participants = parseInt(flag, value);
                        case "--pps" -> pps = parseDouble(flag, value);
                        case "--packet-bytes" -> packetBytes = parseInt(flag, value);
                        case "--seconds" -> seconds = parseInt(flag, value);
                        case "--warmup" -> warmup = parseInt(flag, value);
                        case "--senders" -> senders = parseInt(flag, value);
                        case "--receivers" -> receivers = parseInt(flag, value);
                        case "--rcvbuf" -> receiveBuffer = parseInt(flag, value);
                        case "--ceiling-rcvbuf" -> ceilingReceiveBuffer = parseInt(flag, value);
                        case "--control" -> control = parseAddress(flag, value);
                        default -> throw new ConfigException("unknown option " + flag + "\n" + usage());
                    }
                }
            }
        }
        return new RelayLoadOptions(rooms, participants, pps, packetBytes, seconds, warmup, senders, receivers,
                control, ceiling, alloc, receiveBuffer, ceilingReceiveBuffer, sharedMediaSocket);
    }

    private static void check(String flag, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(flag + " must be in " + min + ".." + max + ", got " + value);
        }
    }

    private static int parseInt(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(flag + " needs a whole number, got '" + value + "'", e);
        }
    }

    private static double parseDouble(String flag, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(flag + " needs a number, got '" + value + "'", e);
        }
    }

    private static InetSocketAddress parseAddress(String flag, String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new ConfigException(flag + " needs host:port, got '" + value + "'");
        }
        int port = parseInt(flag, value.substring(colon + 1));
        check(flag + " port", port, 1, 65_535);
        return new InetSocketAddress(value.substring(0, colon), port);
    }

    /** @return the usage text */
    public static String usage() {
        return """
                usage: RelayLoad [--rooms R] [--participants P] [--pps N] [--packet-bytes B] [--seconds S]
                                 [--warmup S] [--senders T] [--receivers T] [--rcvbuf BYTES]
                                 [--control HOST:PORT | --ceiling [--ceiling-rcvbuf BYTES]] [--alloc]
                                 [--shared-media-socket]
                  defaults: 1 room of 10, 62.5 packets/s each (600 kbit/s of 1200-byte packets), 10 s after 3 s
                  of warm-up, 1 sender and 1 receiver thread, a relay started in this process on 127.0.0.1""";
    }
}
