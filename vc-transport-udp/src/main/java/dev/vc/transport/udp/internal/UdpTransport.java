package dev.vc.transport.udp.internal;

import dev.vc.api.Config;
import dev.vc.api.EncodedFrame;
import dev.vc.api.MediaBinding;
import dev.vc.api.MediaClock;
import dev.vc.api.MediaMilestones;
import dev.vc.api.RtpStreamStats;
import dev.vc.api.RtxSsrc;
import dev.vc.api.Transport;
import dev.vc.api.TransportException;
import dev.vc.api.TransportListener;
import dev.vc.api.TransportSettings;
import dev.vc.api.TransportStats;
import dev.vc.transport.udp.internal.control.CongestionControl;
import dev.vc.transport.udp.internal.control.ControlTimers;
import dev.vc.transport.udp.internal.control.RelayBinding;
import dev.vc.transport.udp.internal.control.RtcpSession;
import dev.vc.transport.udp.internal.receive.ReceiveChain;
import dev.vc.transport.udp.internal.receive.ReceiveCounters;
import dev.vc.transport.udp.internal.receive.ReceiveDropReason;
import dev.vc.transport.udp.internal.receive.ReceiveLimits;
import dev.vc.transport.udp.internal.receive.ReceiveLoop;
import dev.vc.transport.udp.internal.send.ChainCounters;
import dev.vc.transport.udp.internal.send.SendChain;
import dev.vc.transport.udp.internal.send.SendLayers;
import dev.vc.transport.udp.MediaHello;
import dev.vc.transport.udp.internal.secure.DtlsIdentity;
import dev.vc.transport.udp.internal.secure.SrtpHop;
import dev.vc.transport.udp.srtp.SrtpProfile;

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
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * RTP over one UDP socket: {@link #send} packetizes JPEG frames (RFC 2435, payload type 26) and H.264 access
 * units (RFC 6184 mode 1, payload type 96 or {@code vc.rtp.pt.h264}) to the remote address, one RTP stream per
 * simulcast layer (the frame's layer picks it: its own SSRC and sequence space, one timestamp clock for all; the
 * payload type follows the frame's codec); one daemon thread, {@code vc-udp-rx-<port>}, receives, assembles
 * (the payload type picks the codec) and hands remote frames to the listener.
 *
 * <p>The thin composition of its parts: the {@link SendChain} (the layer's packetizer by codec and history,
 * pacing at {@code vc.udp.pacing.kbps}, socket, probe clusters on layer 0's RTX SSRC), the {@link ReceiveChain} run by the
 * {@link ReceiveLoop}, the {@link RtcpSession} and the {@link ControlTimers} (hellos to the relay, RTCP
 * reports). The layers' SSRCs are the ones a relay assigned ({@link MediaBinding#layerSsrcs()}), else one layer
 * with an SSRC drawn from {@link SecureRandom} (its lowest bit clear, {@link RtxSsrc#media}); the initial sequence
 * numbers (below 0x8000) and the timestamp offset are random. NACKed packets are resent as RTX (RFC 4588) from each
 * layer's history of its last 512, on the layer's RTX SSRC ({@link RtxSsrc#of}). {@link #close()} wakes the
 * receive thread by closing the socket.
 */
final class UdpTransport implements Transport {
    private static final System.Logger LOG = System.getLogger(UdpTransport.class.getName());
    private static final int RECEIVE_BUFFER = 4 << 20;
    private static final int SEND_BUFFER = 1 << 20;
    private static final long JOIN_MILLIS = 2_000;
    /** Packets kept for retransmission: about a second of 4 Mbit/s video at 1200 bytes. */
    private static final int HISTORY_PACKETS = 512;

    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final PayloadTypes payloadTypes;
    private final SendLayers layers;
    private final ReceiveLimits limits;
    private final ChainCounters sendExtras = new ChainCounters();
    private final ReceiveCounters received = new ReceiveCounters();
    /** RTCP and retransmissions SRTP did not send: before the keys, or refused (a repeated index). */
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RelayBinding binding;
    private final ControlTimers timers;
    private final SendChain sendChain;
    private final CongestionControl congestion;
    private final int mtu;
    /** The encrypted hop to the relay; null for plain RTP. */
    private final SrtpHop hop;
    private volatile RtcpSession rtcp;
    private volatile Thread receiver;

    private UdpTransport(DatagramChannel channel, TransportSettings settings, Config config, ReceiveLimits limits,
                         SecureRandom random) throws IOException {
        this.channel = channel;
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.remote = settings.remote();
        this.limits = limits;
        MediaBinding granted = settings.binding();
        this.payloadTypes = PayloadTypes.from(config);
        int[] ssrcs = granted != null ? granted.layerSsrcs().stream().mapToInt(Integer::intValue).toArray()
                : new int[] {RtxSsrc.media(random.nextInt())};
        this.hop = granted == null || granted.insecure() ? null
                : new SrtpHop((DtlsIdentity) granted.identity(), granted.relayFingerprint(),
                        SrtpProfile.listOf(config.get(UdpSettings.SRTP_PROFILES)), settings.mtu(), this::sendDtls);
        // Packets are made this much smaller than the MTU, so that with the SRTP tag they still fit in it.
        this.mtu = settings.mtu() - (hop == null ? 0 : SrtpHop.MAX_OVERHEAD);
        this.layers = SendLayers.create(ssrcs, payloadTypes, mtu, HISTORY_PACKETS, random);
        this.binding = granted != null ? new RelayBinding(granted) : null;
        this.congestion = CongestionControl.from(layers.ssrc(0), config, mtu);
        this.sendChain = SendChain.toSocket(channel, remote, mtu, layers, config.get(UdpSettings.PACING_KBPS) * 1000L,
                sendExtras, congestion, hop);
        this.timers = new ControlTimers(local.getPort());
    }

    /**
     * Opens and binds the socket.
     *
     * @param settings addresses and MTU
     * @param config   the configuration, read through {@link UdpSettings}
     * @param limits   receive bounds
     * @return the open transport, not yet receiving
     * @throws TransportException if the socket cannot be opened or bound
     */
    static UdpTransport open(TransportSettings settings, Config config, ReceiveLimits limits) {
        Objects.requireNonNull(settings, "settings");
        ProtocolFamily family = settings.remote().getAddress() instanceof Inet4Address
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        DatagramChannel channel = null;
        try {
            channel = DatagramChannel.open(family);
            trySetOption(channel, StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
            trySetOption(channel, StandardSocketOptions.SO_SNDBUF, SEND_BUFFER);
            channel.bind(bindAddress(settings.local(), family));
            if (settings.binding() != null) {
                channel.connect(settings.remote());  // the kernel then takes datagrams from the relay only
            }
            return new UdpTransport(channel, settings, config, limits, new SecureRandom());
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

    /** Before {@link #start}: continues the streams of another {@code udp} transport with the same SSRCs. */
    @Override
    public void continueStreams(Transport previous) {
        if (previous instanceof UdpTransport udp) {
            layers.continueFrom(udp.layers);
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
        RtcpSession session = new RtcpSession(layers, "vc-" + String.format("%08x", ssrc()) + "@" + local.getPort(),
                mtu, this::sendControl, listener, congestion);
        congestion.output(this::sendControl);
        rtcp = session;
        ReceiveChain chain = new ReceiveChain(layers.ssrcs(), payloadTypes, limits, received, listener, binding,
                session, hop);
        Thread thread = new Thread(new ReceiveLoop(channel, chain), "vc-udp-rx-" + local.getPort());
        thread.setDaemon(true);
        receiver = thread;
        thread.start();
        if (hop != null) {
            // Frames encoded before the keys were held back, the first keyframe among them: start with a new one.
            hop.onKeyed(() -> {
                for (int layer = 0; layer < layers.count(); layer++) {
                    listener.onKeyframeRequest(layer);
                }
            });
        }
        if (binding != null) {
            timers.startHellos(binding, this::sendControl);
        }
        timers.startReports(() -> session.report(layers.timestamp(MediaClock.nowNanos())));
    }

    /**
     * Sends hellos and RTCP (reports, feedback, retransmissions) from any thread: on an encrypted hop, RTP and RTCP
     * are protected first (and not sent before the keys, nor when SRTP refuses them: counted); hellos stay STUN.
     */
    private void sendControl(byte[] data, int length) {
        if (closed.get()) {
            return;
        }
        congestion.stamp(data, 0, length, System.nanoTime());  // a retransmission is a new packet on the hop
        if (hop != null && length > 0 && !MediaHello.isStun(data[0])) {
            if (!hop.protect(data, 0, length, this::sendDatagram)) {
                sendExtras.controlNotProtected();
            }
            return;
        }
        sendDatagram(data, length);
    }

    private void sendDatagram(byte[] data, int length) {
        try {
            channel.send(ByteBuffer.wrap(data, 0, length), remote);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "control datagram to " + remote + " failed: " + e);
        }
    }

    /** Sends one of the DTLS handshake's datagrams (a handshake thread, or the receive thread afterwards). */
    private void sendDtls(byte[] data, int offset, int length) throws IOException {
        if (!closed.get()) {
            channel.send(ByteBuffer.wrap(data, offset, length), remote);
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
            list.addAll(session.localStats());
            list.addAll(session.remoteStats());
        }
        return list;
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
        sendChain.send(frame);
    }

    @Override
    public void setWantedBitrateBps(long bps) {
        congestion.setWantedBitrateBps(bps);
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public int ssrc() {
        return layers.ssrc(0);
    }

    @Override
    public TransportStats stats() {
        return new TransportStats(layers.packetsSent(), layers.bytesSent(), layers.framesSent(),
                received.packetsReceived(),
                received.bytesReceived(), received.framesReceived(), received.drops().sum(),
                received.framesIncomplete(), received.drops().byReason(),
                binding == null ? 0 : binding.unansweredMillis(System.nanoTime()),
                rtcp == null ? java.util.Map.of() : rtcp.feedbackRefused(), congestion.targetBitrateBps(),
                sendExtras.dropsByReason());
    }

    @Override
    public MediaMilestones milestones() {
        return new MediaMilestones(binding == null ? MediaMilestones.NOT_YET : binding.firstAnswerNanos(),
                hop == null ? MediaMilestones.NOT_YET : hop.keyedNanos(), received.firstPacketNanos());
    }

    @Override
    public long layerBitrateCapBps(int layer) {
        RtcpSession session = rtcp;
        return session == null ? -1 : session.layerCap(layer);
    }

    @Override
    public long targetBitrateBps() {
        return congestion.targetBitrateBps();
    }

    /** @return packets dropped because they carried our own SSRC (included in {@code packetsDropped}) */
    long reflectedPackets() {
        return received.drops().sum(ReceiveDropReason.REFLECTED_OWN_SSRC);
    }

    /** @return padding-only packets received, recorded for feedback and dropped (not in {@code packetsDropped}) */
    long paddingReceived() {
        return received.drops().sum(ReceiveDropReason.PADDING_ONLY);
    }

    /** @return what the send chain counted beside the layers' media: probe padding, frames without a layer */
    ChainCounters sendExtras() {
        return sendExtras;
    }

    /** @return the encrypted hop to the relay, or null for plain RTP */
    SrtpHop hop() {
        return hop;
    }

    /** @return the congestion control of the uplink (and the downlink's feedback) */
    CongestionControl congestion() {
        return congestion;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        timers.close();
        if (hop != null) {
            hop.close();
        }
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
        return "UdpTransport[" + local + " -> " + remote + ", ssrc=" + String.format("%08x", ssrc()) + ", layers="
                + layers.count() + "]";
    }
}
