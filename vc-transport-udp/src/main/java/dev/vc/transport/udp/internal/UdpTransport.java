package dev.vc.transport.udp.internal;

import dev.vc.api.EncodedFrame;
import dev.vc.api.MediaBinding;
import dev.vc.api.MediaClock;
import dev.vc.api.RtpStreamStats;
import dev.vc.api.Transport;
import dev.vc.api.TransportException;
import dev.vc.api.TransportListener;
import dev.vc.api.TransportSettings;
import dev.vc.api.TransportStats;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.H264Packetizer;
import dev.vc.transport.udp.JpegPacketizer;
import dev.vc.transport.udp.PacketSink;
import dev.vc.transport.udp.RtpPacketWriter;
import dev.vc.transport.udp.SendHistory;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * RTP over one UDP socket: {@link #send} packetizes JPEG frames (RFC 2435, payload type 26) and H.264 access
 * units (RFC 6184 mode 1, payload type 96 or {@code vc.rtp.pt.h264}) to the remote address, in one RTP stream
 * (one SSRC and sequence space; the payload type follows the frame's codec); one daemon thread,
 * {@code vc-udp-rx-<port>}, receives, assembles (the payload type picks the codec) and hands remote frames to
 * the listener.
 *
 * <p>The SSRC is the one a relay assigned ({@link TransportSettings#binding()}), else drawn from
 * {@link SecureRandom}; the initial sequence number and the timestamp offset are random. With a relay
 * binding, the timer thread ({@code vc-udp-timer-<port>}) sends signed hellos: every 200 ms until the relay
 * answers, then every 5 s. The same thread sends RTCP reports about once a second ({@link RtcpSession});
 * NACKed packets are resent from a history of the last 512. Packets of a frame are paced
 * ({@code vc.udp.pacing.kbps}, 50 Mbit/s by default, bursts of 4): a large frame leaves at that rate rather
 * than in one burst. Java's datagram API offers no batched send (sendmmsg), so each packet is one system call. The socket is blocking: a full send buffer slows the sender instead of dropping its packets, and
 * {@link #close()} wakes the receive thread by closing the socket.
 */
final class UdpTransport implements Transport {
    private static final System.Logger LOG = System.getLogger(UdpTransport.class.getName());
    private static final int RECEIVE_BUFFER = 4 << 20;
    private static final int SEND_BUFFER = 1 << 20;
    private static final long JOIN_MILLIS = 2_000;
    /** Packets kept for retransmission: about a second of 4 Mbit/s video at 1200 bytes. */
    private static final int HISTORY_PACKETS = 512;
    private static final long REPORT_MILLIS = 1_000;
    /** Default pacing rate: far above a video stream's average, so only large frames are spread out. */
    private static final int DEFAULT_PACING_KBPS = 50_000;
    private static final int PACING_BURST_PACKETS = 4;

    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final PayloadTypes payloadTypes;
    private final RtpPacketWriter rtp;
    private final JpegPacketizer jpegPacketizer;
    private final H264Packetizer h264Packetizer;
    private final ReceiveLimits limits;
    private final TransportCounters counters = new TransportCounters();
    private final PacketSink socketSink = this::sendPacket;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RelayBinding binding;
    private final ScheduledExecutorService timer;
    private final SendHistory history;
    private final Pacer pacer;
    private final int mtu;
    private volatile RtcpSession rtcp;
    private ByteBuffer sendView = ByteBuffer.allocate(0);
    private volatile Thread receiver;

    private UdpTransport(DatagramChannel channel, TransportSettings settings, ReceiveLimits limits,
                         SecureRandom random) throws IOException {
        this.channel = channel;
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.remote = settings.remote();
        this.limits = limits;
        MediaBinding granted = settings.binding();
        this.payloadTypes = PayloadTypes.from(settings.config());
        this.rtp = RtpPacketWriter.random(granted != null ? granted.ssrc() : random.nextInt(), payloadTypes.jpeg(),
                random);
        this.jpegPacketizer = new JpegPacketizer(settings.mtu());
        this.h264Packetizer = new H264Packetizer(settings.mtu());
        this.binding = granted != null ? new RelayBinding(granted) : null;
        this.mtu = settings.mtu();
        this.history = new SendHistory(HISTORY_PACKETS, settings.mtu());
        this.pacer = new Pacer(settings.config().getInt("vc.udp.pacing.kbps", DEFAULT_PACING_KBPS, 0, 10_000_000) * 1000L,
                PACING_BURST_PACKETS * settings.mtu(), System.nanoTime());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vc-udp-timer-" + local.getPort());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens and binds the socket.
     *
     * @param settings addresses and MTU
     * @param limits   receive bounds
     * @return the open transport, not yet receiving
     * @throws TransportException if the socket cannot be opened or bound
     */
    static UdpTransport open(TransportSettings settings, ReceiveLimits limits) {
        Objects.requireNonNull(settings, "settings");
        ProtocolFamily family = settings.remote().getAddress() instanceof Inet4Address
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        DatagramChannel channel = null;
        try {
            channel = DatagramChannel.open(family);
            trySetOption(channel, StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
            trySetOption(channel, StandardSocketOptions.SO_SNDBUF, SEND_BUFFER);
            channel.bind(bindAddress(settings.local(), family));
            return new UdpTransport(channel, settings, limits, new SecureRandom());
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw new TransportException("cannot open UDP socket on " + settings.local() + ": " + e.getMessage(), e);
        }
    }

    /** A wildcard local address takes the remote's family, so an IPv4 socket can send to an IPv4 relay. */
    private static InetSocketAddress bindAddress(InetSocketAddress local, ProtocolFamily family)
            throws IOException {
        if (local.getAddress() != null && local.getAddress().isAnyLocalAddress()) {
            byte[] any = new byte[family == StandardProtocolFamily.INET ? 4 : 16];
            return new InetSocketAddress(InetAddress.getByAddress(any), local.getPort());
        }
        return local;
    }

    private static <T> void trySetOption(DatagramChannel channel, java.net.SocketOption<T> option, T value) {
        try {
            channel.setOption(option, value);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot set " + option + ": " + e);
        }
    }

    @Override
    public void start(TransportListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (closed.get()) {
            throw new TransportException("transport is closed");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("transport already started");
        }
        RtcpSession session = new RtcpSession(rtp.ssrc(), "vc-" + String.format("%08x", rtp.ssrc()) + "@" + local.getPort(),
                history, mtu, this::sendControl, listener);
        rtcp = session;
        PacketDispatcher dispatcher = new PacketDispatcher(rtp.ssrc(), payloadTypes, limits, counters, listener, binding,
                session);
        Thread thread = new Thread(new ReceiveLoop(channel, dispatcher), "vc-udp-rx-" + local.getPort());
        thread.setDaemon(true);
        receiver = thread;
        thread.start();
        if (binding != null) {
            timer.execute(this::sendHello);
        }
        scheduleReport();
    }

    /** Timer thread: one RTCP report, then the next one 0.5 to 1.5 report periods later (RFC 3550 §6.3.1). */
    private void scheduleReport() {
        long delay = (long) (REPORT_MILLIS * (0.5 + ThreadLocalRandom.current().nextDouble()));
        try {
            timer.schedule(() -> {
                if (!closed.get()) {
                    rtcp.report(counters.packetsSent(), counters.payloadBytesSent(), rtp.timestamp(MediaClock.nowNanos()));
                    scheduleReport();
                }
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // close() shut the timer down
        }
    }

    /** Sends RTCP (reports, feedback, retransmissions) from any thread. */
    private void sendControl(byte[] data, int length) {
        if (closed.get()) {
            return;
        }
        try {
            channel.send(ByteBuffer.wrap(data, 0, length), remote);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "RTCP to " + remote + " failed: " + e);
        }
    }

    @Override
    public void requestKeyframe(int ssrc) {
        RtcpSession session = rtcp;
        if (session != null && !closed.get()) {
            session.requestKeyframe(ssrc);
        }
    }

    @Override
    public List<RtpStreamStats> rtpStats() {
        RtcpSession session = rtcp;
        List<RtpStreamStats> list = new ArrayList<>();
        if (session != null) {
            list.add(session.localStats(counters.packetsSent(), counters.bytesSent()));
            list.addAll(session.remoteStats());
        }
        return list;
    }

    /** Timer thread: proves our address to the relay, then schedules the next hello. */
    private void sendHello() {
        if (closed.get()) {
            return;
        }
        try {
            channel.send(ByteBuffer.wrap(binding.nextHello()), remote);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "hello to " + remote + " failed: " + e);
        }
        try {
            timer.schedule(this::sendHello, binding.periodMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // close() shut the timer down
        }
    }

    /** @return true once the relay answered our hello (always false without a relay binding) */
    boolean bound() {
        return binding != null && binding.bound();
    }

    @Override
    public void send(EncodedFrame frame) {
        Objects.requireNonNull(frame, "frame");
        if (closed.get()) {
            throw new TransportException("transport is closed");
        }
        VideoCodec codec = frame.codec();
        if (codec == VideoCodec.H264) {
            rtp.setPayloadType(payloadTypes.h264());
            h264Packetizer.packetize(frame.data(), 0, frame.length(), frame.captureTimeNanos(), rtp, socketSink);
        } else {
            rtp.setPayloadType(payloadTypes.jpeg());
            jpegPacketizer.packetize(frame.data(), 0, frame.length(), frame.captureTimeNanos(), rtp, socketSink);
        }
        counters.frameSent();
    }

    private void sendPacket(byte[] packet, int offset, int length) {
        long wait = pacer.waitNanos(length, System.nanoTime());
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        if (sendView.array() != packet || sendView.capacity() != packet.length) {
            sendView = ByteBuffer.wrap(packet); // once: the packetizer reuses one buffer
        }
        sendView.limit(offset + length).position(offset);
        try {
            channel.send(sendView, remote);
        } catch (IOException e) {
            throw new TransportException("UDP send to " + remote + " failed: " + e.getMessage(), e);
        }
        history.record(SentPacketHeader.sequence(packet, offset), packet, offset, length);
        counters.packetSent(length, length - SentPacketHeader.headerLength(packet, offset));
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public int ssrc() {
        return rtp.ssrc();
    }

    @Override
    public TransportStats stats() {
        return counters.snapshot();
    }

    /** @return packets dropped because they carried our own SSRC (included in {@code packetsDropped}) */
    long reflectedPackets() {
        return counters.ownPacketsDropped.sum();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        timer.shutdownNow();
        closeQuietly(channel);
        Thread thread = receiver;
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.log(System.Logger.Level.WARNING, thread.getName() + " did not stop within " + JOIN_MILLIS + " ms");
            }
        }
    }

    private static void closeQuietly(DatagramChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing UDP socket: " + e);
        }
    }

    @Override
    public String toString() {
        return "UdpTransport[" + local + " -> " + remote + ", ssrc=" + String.format("%08x", rtp.ssrc()) + "]";
    }
}
