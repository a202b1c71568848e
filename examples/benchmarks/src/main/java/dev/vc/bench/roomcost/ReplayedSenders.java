package dev.vc.bench.roomcost;

import dev.vc.api.MediaClock;
import dev.vc.api.VcException;
import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.api.control.ControlMessage.Layer;
import dev.vc.api.control.RelayTrust;
import dev.vc.bench.RelayJoin;
import dev.vc.bench.relayload.RelayLoad;
import dev.vc.transport.udp.h264.H264Packetizer;
import dev.vc.transport.udp.jpeg.JpegPacketizer;
import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.PacketSink;
import dev.vc.transport.udp.rtcp.RtcpHandler;
import dev.vc.transport.udp.rtcp.RtcpReader;
import dev.vc.transport.udp.rtp.RtpPacketWriter;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Participants that send recorded video instead of a camera: each joins the relay's room like a real participant
 * ({@link RelayJoin}: control join, its own UDP socket proved with a signed hello) and sends its
 * {@link Recording} at a fixed frame rate as RTP with its assigned SSRC, continuous sequence numbers, and the RTP
 * timestamp and abs-capture-time of the moment of sending, so a receiver's capture-to-render latency is
 * meaningful. Frames are packetized when sent, by the transport's own packetizers ({@link H264Packetizer},
 * {@link JpegPacketizer}).
 *
 * <p>A recording plays in a loop from its first frame, a keyframe, so every loop decodes on its own. A PLI that
 * names a sender's layer (the relay's when someone joins or it switches a receiver to that layer, a receiver's
 * when it lost the reference chain) makes that layer's next frame the recording's first unless the next one is a
 * keyframe anyway (JPEG), as an encoder answers with an IDR; so does a layer the relay wants again after a pause.
 * A sender with several layers (a simulcast sender) sends only those the relay wants. NACKs are counted, not
 * answered.
 *
 * <p>Two threads whatever the number of senders: {@value #SEND_THREAD} paces everyone (phases spread evenly over
 * one frame interval; a sender a whole interval late restarts its schedule rather than sending two frames back to
 * back), and
 * {@value #RECEIVE_THREAD} drains every socket through one selector, reading the feedback. Each sender's
 * {@link ControlClient} has its own thread ({@code vc-control-<name>}), as in {@link RelayLoad}.
 *
 * <pre>{@code
 * try (ReplayedSenders replay = ReplayedSenders.join(relayControl, relay.clientTrust(), "room", recordings, 30, 1200)) {
 *     replay.start();
 *     replay.awaitFirstFrames(Duration.ofSeconds(5));
 *     ...
 * }
 * }</pre>
 */
final class ReplayedSenders implements AutoCloseable {
    /** Prefix of every thread this class starts (the control clients' are {@code vc-control-replay-<i>}). */
    static final String THREAD_PREFIX = "vc-replay-";
    /** Display-name prefix of the senders: {@code replay-1}, {@code replay-2}, ... */
    static final String NAME_PREFIX = "replay-";
    private static final String SEND_THREAD = THREAD_PREFIX + "send";
    private static final String RECEIVE_THREAD = THREAD_PREFIX + "recv";
    private static final int SOCKET_BUFFER = 1 << 20;
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);
    private static final long SELECT_MILLIS = 100;
    private static final long JOIN_THREAD_MILLIS = 2_000;

    /**
     * One replayed participant, with one {@link Recording} per simulcast layer (largest first), each sent with its
     * layer's SSRC. Schedule, positions and {@link #sentMask}: send thread; {@link #keyframeWanted}: any thread.
     */
    private static final class Sender {
        final String name;
        final DatagramChannel channel;
        final ControlClient control;
        final RtpPacketWriter[] rtp;
        final Recording[] layers;
        final int[] next;
        /** Layers sent at the previous frame: a layer that comes back starts at its keyframe. */
        int sentMask;
        long nextDueNanos;
        /** Bit k: layer k's next frame must be a keyframe (a PLI named its SSRC). */
        final AtomicInteger keyframeWanted = new AtomicInteger();
        volatile long framesSent;

        Sender(String name, DatagramChannel channel, ControlClient control, List<Recording> layers,
               SecureRandom random) {
            this.name = name;
            this.channel = channel;
            this.control = control;
            this.layers = layers.toArray(new Recording[0]);
            this.next = new int[this.layers.length];
            this.rtp = new RtpPacketWriter[this.layers.length];
            List<Integer> ssrcs = control.session().layerSsrcs();
            int timestampOffset = random.nextInt();  // one clock for every layer, as a real sender's
            for (int k = 0; k < rtp.length; k++) {
                rtp[k] = new RtpPacketWriter(ssrcs.get(k), this.layers[k].codec().defaultPayloadType(),
                        random.nextInt(1 << 16), timestampOffset);
            }
        }

        /** @return the layer whose SSRC this is, or -1 */
        int layerOf(int ssrc) {
            for (int k = 0; k < rtp.length; k++) {
                if (rtp[k].ssrc() == ssrc) {
                    return k;
                }
            }
            return -1;
        }
    }

    private final List<Sender> senders;
    private final long intervalNanos;
    private final Selector selector;
    private final H264Packetizer h264;
    private final JpegPacketizer jpeg;
    private final PacketSink sink = this::write;
    private final Thread sendThread;
    private final Thread receiveThread;
    private volatile boolean stopped;
    private boolean closed;

    // Send thread's state and counters.
    private DatagramChannel target;
    private ByteBuffer view = ByteBuffer.allocate(0);
    private volatile long sendFailures;
    private volatile long lateRestarts;
    private volatile long plisAnswered;
    private final AtomicLongArray layerFramesSent = new AtomicLongArray(ControlMessage.MAX_LAYERS);

    // Receive thread's state and counters.
    private final ByteBuffer incoming = ByteBuffer.allocate(2048);
    private final Feedback feedback = new Feedback();
    private final Consumer<SelectionKey> drainer = this::drain;
    private volatile long nacksReceived;
    private volatile long malformed;

    private ReplayedSenders(List<Sender> senders, double fps, int mtu, Selector selector) {
        this.senders = senders;
        this.intervalNanos = Math.round(1e9 / fps);
        this.selector = selector;
        this.h264 = new H264Packetizer(mtu);
        this.jpeg = new JpegPacketizer(mtu);
        this.sendThread = new Thread(this::sendLoop, SEND_THREAD);
        this.receiveThread = new Thread(this::receiveLoop, RECEIVE_THREAD);
        sendThread.setDaemon(true);
        receiveThread.setDaemon(true);
    }

    /**
     * Joins one participant per list of layers, named {@code replay-1}, {@code replay-2}, ... A participant with
     * one recording joins as a single-stream sender; with more, its join names each recording's size and bitrate
     * as a simulcast layer (largest first), and it sends each layer with the SSRC the relay gave it, as far as the
     * relay wants it ({@code LAYERS_WANTED}). On failure every one that joined leaves again.
     *
     * @param control    the relay's control address
     * @param trust      how the relay is verified (its fingerprint pinned)
     * @param room       the room to join
     * @param recordings what each participant sends: per participant its layers, largest first
     * @param fps        frames per second each sends, 1..240
     * @param mtu        largest packet, as the transport's {@code vc.mtu}
     * @return the joined senders, not yet sending
     * @throws VcException (typed) if the relay refuses a join or does not answer a hello
     * @throws IOException if a socket cannot be opened
     */
    static ReplayedSenders join(InetSocketAddress control, RelayTrust trust, String room, List<List<Recording>> recordings,
                                double fps,
                                int mtu) throws IOException {
        if (!(fps >= 1 && fps <= 240)) {
            throw new IllegalArgumentException("fps must be in 1..240, got " + fps);
        }
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Selector selector = Selector.open();
            opened.add(selector);
            List<Sender> senders = new ArrayList<>();
            SecureRandom random = new SecureRandom();
            InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            for (List<Recording> layers : recordings) {
                String name = NAME_PREFIX + (senders.size() + 1);
                DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
                opened.add(channel);
                channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
                channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
                channel.bind(loopback);
                channel.configureBlocking(false);
                Set<VideoCodec> codecs = Set.of(layers.get(0).codec());
                Join join = layers.size() == 1 ? new Join(room, name, "", codecs, codecs)
                        : new Join(room, name, "", codecs, codecs, layers.stream()
                        .map(r -> new Layer(r.width(), r.height(), r.bitrateBps())).toList());
                ControlClient client = RelayJoin.join(control, trust, join, channel, JOIN_TIMEOUT);
                opened.add(client);
                if (client.session().layerSsrcs().size() < layers.size()) {
                    throw new VcException(name + " asked for " + layers.size() + " layers, the relay granted "
                            + client.session().layerSsrcs().size());
                }
                Sender sender = new Sender(name, channel, client, layers, random);
                channel.register(selector, SelectionKey.OP_READ, sender);
                senders.add(sender);
            }
            return new ReplayedSenders(List.copyOf(senders), fps, mtu, selector);
        } catch (IOException | RuntimeException e) {
            for (int i = opened.size() - 1; i >= 0; i--) {
                closeQuietly(opened.get(i), e);
            }
            throw e;
        }
    }

    /** Starts sending and draining. Called once. */
    void start() {
        long start = System.nanoTime();
        for (int i = 0; i < senders.size(); i++) {
            senders.get(i).nextDueNanos = start + intervalNanos * i / senders.size();
        }
        receiveThread.start();
        sendThread.start();
    }

    /**
     * Waits until every sender has sent at least one frame (so the relay knows them as senders).
     *
     * @param timeout how long to wait at most
     * @throws VcException          if some sender has not sent by then
     * @throws InterruptedException if interrupted
     */
    void awaitFirstFrames(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Sender s : senders) {
            while (s.framesSent == 0) {
                if (System.nanoTime() > deadline) {
                    throw new VcException(s.name + " sent nothing within " + timeout.toMillis() + " ms");
                }
                Thread.sleep(5);
            }
        }
    }

    /**
     * Every sender tells the relay at what size it shows each other member of the room ({@code VIEW_SIZE}), as a
     * receiver whose renderer lays out tiles does; the first sender may show one member at another size (a
     * speaker view).
     *
     * @param width        the size every sender shows every other member at
     * @param height       likewise
     * @param specialName  the member the first sender shows at {@code specialSize} (the client under test)
     * @param specialSize  that member's {@code {width, height}} in the first sender's view
     * @return the number of view sizes sent
     */
    int reportViews(int width, int height, String specialName, int[] specialSize) {
        int sent = 0;
        for (Sender s : senders) {
            for (ControlMessage.Participant member : s.control.roster()) {
                boolean special = s == senders.get(0) && member.displayName().equals(specialName);
                if (s.control.sendViewSize(member.participantId(), special ? specialSize[0] : width,
                        special ? specialSize[1] : height)) {
                    sent++;
                }
            }
        }
        return sent;
    }

    /**
     * @param layer a layer index
     * @return frames sent in that layer by all senders together
     */
    long framesSent(int layer) {
        return layer < layerFramesSent.length() ? layerFramesSent.get(layer) : 0;
    }

    /** @return frames sent by all senders together */
    long framesSent() {
        return senders.stream().mapToLong(s -> s.framesSent).sum();
    }

    /** @return packets the socket did not take (full send buffer, relay gone) */
    long sendFailures() {
        return sendFailures;
    }

    /** @return times a sender fell a whole frame interval behind and restarted its schedule (sender starved) */
    long lateRestarts() {
        return lateRestarts;
    }

    /**
     * @return PLIs answered: the next frame a named sender sent was a keyframe (the recording's first, unless the
     *         next one was a keyframe anyway); PLIs that arrive before that frame count once, as for an encoder
     */
    long plisAnswered() {
        return plisAnswered;
    }

    /** @return packets of the senders that receivers reported lost in NACKs (not answered) */
    long nacksReceived() {
        return nacksReceived;
    }

    /** @return RTCP datagrams that did not parse */
    long malformed() {
        return malformed;
    }

    // ---- send thread ----

    private void sendLoop() {
        while (!stopped) {
            long now = System.nanoTime();
            long earliest = Long.MAX_VALUE;
            for (Sender s : senders) {
                if (s.nextDueNanos <= now) {
                    sendFrame(s);
                    s.nextDueNanos += intervalNanos;
                    if (s.nextDueNanos <= now) {
                        // A whole interval late: send on from now rather than two frames back to back, which a
                        // receiver's one-frame inbox would count as a skip.
                        s.nextDueNanos = now + intervalNanos;
                        lateRestarts++;
                    }
                }
                earliest = Math.min(earliest, s.nextDueNanos);
            }
            long wait = earliest - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    /** Sends the next frame of every layer the relay wants, all stamped with one capture time. */
    private void sendFrame(Sender s) {
        int wanted = s.layers.length == 1 ? 1 : s.control.layersWanted();
        int keyframes = s.keyframeWanted.getAndSet(0);
        long captureNanos = MediaClock.nowNanos();
        target = s.channel;
        for (int k = 0; k < s.layers.length; k++) {
            if ((wanted & 1 << k) == 0) {
                continue;
            }
            Recording recording = s.layers[k];
            boolean resumed = (s.sentMask & 1 << k) == 0 && s.framesSent > 0;
            if ((keyframes & 1 << k) != 0 || resumed) {
                if (!recording.keyframe(s.next[k])) {
                    s.next[k] = 0;
                }
                if ((keyframes & 1 << k) != 0) {
                    plisAnswered++;
                }
            }
            byte[] frame = recording.frame(s.next[k]);
            if (recording.codec() == VideoCodec.H264) {
                h264.packetize(frame, 0, frame.length, captureNanos, s.rtp[k], sink);
            } else {
                jpeg.packetize(frame, 0, frame.length, captureNanos, s.rtp[k], sink);
            }
            s.next[k] = s.next[k] + 1 == recording.frames() ? 0 : s.next[k] + 1;
            layerFramesSent.incrementAndGet(k);
        }
        s.sentMask = wanted;
        s.framesSent++;
    }

    private void write(byte[] packet, int offset, int length) {
        if (view.array() != packet) {
            view = ByteBuffer.wrap(packet);  // once per packetizer: each reuses one buffer
        }
        view.limit(offset + length).position(offset);
        try {
            if (target.write(view) != length) {
                sendFailures++;
            }
        } catch (IOException e) {
            sendFailures++;
        }
    }

    // ---- receive thread ----

    private void receiveLoop() {
        try {
            while (!stopped) {
                selector.select(drainer, SELECT_MILLIS);
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            if (!stopped) {
                System.err.println(RECEIVE_THREAD + " stopped: " + e);
            }
        }
    }

    private void drain(SelectionKey key) {
        Sender s = (Sender) key.attachment();
        byte[] data = incoming.array();
        try {
            while (true) {
                incoming.clear();
                int n = s.channel.read(incoming);
                if (n <= 0) {
                    return;
                }
                if (RtcpReader.isRtcp(data, 0, n)) {
                    feedback.to = s;
                    RtcpReader.read(data, 0, n, feedback);
                }
            }
        } catch (MalformedPacketException e) {
            malformed++;
        } catch (IOException e) {
            // ICMP port unreachable while the relay shuts down: nothing to drain
        }
    }

    /** Marks the sender a PLI names, counts NACKs. Receive thread only. */
    private final class Feedback implements RtcpHandler {
        Sender to;

        @Override
        public void onPictureLossIndication(int sender, int media) {
            int layer = to.layerOf(media);
            if (layer >= 0) {
                to.keyframeWanted.getAndUpdate(mask -> mask | 1 << layer);
            }
        }

        @Override
        public void onNack(int sender, int media, int pid, int blp) {
            if (to.layerOf(media) >= 0) {
                nacksReceived += 1 + Integer.bitCount(blp);
            }
        }
    }

    /** Stops both threads, then every sender leaves (control closed) and its socket is closed. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopped = true;
        LockSupport.unpark(sendThread);
        selector.wakeup();
        try {
            sendThread.join(JOIN_THREAD_MILLIS);
            receiveThread.join(JOIN_THREAD_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RuntimeException failure = new IllegalStateException("closing replayed senders");
        for (Sender s : senders) {
            closeQuietly(s.control, failure);
            closeQuietly(s.channel, failure);
        }
        closeQuietly(selector, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private static void closeQuietly(AutoCloseable resource, Exception failure) {
        try {
            resource.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
