package dev.vc.relay;

import dev.vc.api.ConfigException;
import dev.vc.api.TransportException;
import dev.vc.api.control.ControlMessage;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The relay's open ingresses ({@link IngressSpec}), at most {@link RelaySettings#maxIngresses()}: opens and closes
 * them for any thread, and carries their members' joins and leaves to the control thread (which owns the rooms) and
 * the answers back to the media thread (which reads the sockets).
 */
final class Ingresses implements Ingress.Rooms, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Ingresses.class.getName());

    private final RelaySettings settings;
    private final RoomDirectory directory;
    private final ControlServer control;
    private final MediaRelay media;
    private final long staleNanos;
    /** Open ingresses by port (any thread, under this). */
    private final Map<Integer, Ingress> open = new LinkedHashMap<>();
    /** The ingresses the media thread reads (media thread only). */
    private final List<Ingress> reading = new ArrayList<>();

    Ingresses(RelaySettings settings, RoomDirectory directory, ControlServer control, MediaRelay media) {
        this.settings = settings;
        this.directory = directory;
        this.control = control;
        this.media = media;
        this.staleNanos = TimeUnit.MILLISECONDS.toNanos(settings.staleMillis());
        media.onRound(this::tick);
    }

    /**
     * Opens an ingress on the relay's host: its port is bound at once, and its participant joins at its first packet.
     *
     * @return its state, with the port bound
     * @throws PortInUseException if another socket holds the port
     * @throws ConfigException    if the relay has {@link RelaySettings#maxIngresses()} open, or the room cannot exist
     *                            (no secret configured for it, and ad-hoc rooms off)
     * @throws TransportException if the port cannot be bound for another reason
     */
    IngressStatus open(IngressSpec spec) {
        if (settings.roomSecret(spec.room()) == null && !settings.adHocRooms()) {
            throw new ConfigException("ingress '" + spec.name() + "': no room named '" + spec.room()
                    + "' (ad-hoc rooms are off and it has no secret configured)");
        }
        synchronized (this) {
            checkLimit();
        }
        InetSocketAddress at = new InetSocketAddress(settings.host(), spec.port());
        DatagramChannel channel = null;
        Ingress ingress;
        try {
            channel = DatagramChannel.open(StandardProtocolFamily.INET);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, settings.receiveBufferBytes());
            try {
                channel.bind(at);
            } catch (BindException e) {
                throw new PortInUseException("ingress", at, "stop it or choose another port for the ingress '"
                        + spec.name() + "'", e);
            }
            channel.configureBlocking(false);
            ingress = new Ingress(spec, channel, media.router(), this, staleNanos, settings.mtu());
        } catch (IOException e) {
            closeQuietly(channel);
            throw new TransportException("cannot open the ingress '" + spec.name() + "' on " + at + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
        synchronized (this) {
            try {
                checkLimit();
            } catch (ConfigException e) {
                ingress.closeSocket();
                throw e;
            }
            open.put(ingress.address().getPort(), ingress);
        }
        media.execute(() -> {
            try {
                ingress.register(media.selector());
                reading.add(ingress);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "ingress ''{0}'' cannot be read: {1}", spec.name(), e);
            }
        });
        LOG.log(System.Logger.Level.INFO, "ingress ''{0}'' for room ''{1}'' open on udp {2} ({3})", spec.name(),
                spec.room(), ingress.address(), spec);
        return ingress.status();
    }

    private void checkLimit() {
        if (open.size() >= settings.maxIngresses()) {
            throw new ConfigException("the relay has its maximum of " + settings.maxIngresses()
                    + " ingresses open (vc.relay.max.ingresses)");
        }
    }

    /**
     * Closes the ingress on {@code port}: its member leaves, and the port is free when this returns.
     *
     * @return false if no ingress is open on it
     */
    boolean close(int port) {
        Ingress ingress;
        synchronized (this) {
            ingress = open.remove(port);
        }
        if (ingress == null) {
            return false;
        }
        if (!media.running()) {
            ingress.closeSocket();  // the relay is closed: nothing reads it, and its member went with the rooms
            return true;
        }
        CompletableFuture<Void> closed = new CompletableFuture<>();
        media.execute(() -> {
            reading.remove(ingress);
            ingress.close();
            closed.complete(null);
        });
        try {
            closed.get(2, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            ingress.closeSocket();  // the media thread is gone (the relay is closing): nothing reads it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ingress.closeSocket();
        }
        LOG.log(System.Logger.Level.INFO, "ingress ''{0}'' on udp {1} closed", ingress.spec.name(), ingress.address());
        return true;
    }

    /** @return every open ingress's state, in the order they were opened */
    synchronized List<IngressStatus> list() {
        List<IngressStatus> result = new ArrayList<>();
        open.values().forEach(ingress -> result.add(ingress.status()));
        return result;
    }

    @Override
    public void join(Ingress ingress) {
        InetSocketAddress from = ingress.sender();
        control.execute(() -> {
            RoomDirectory.JoinResult result = directory.joinIngress(ingress.spec, new IngressPeer(from),
                    System.nanoTime());
            Member admitted = result.member();
            if (admitted == null) {
                String detail = result.reply() instanceof ControlMessage.JoinRejected rejected ? rejected.detail()
                        : result.reply().toString();
                LOG.log(System.Logger.Level.INFO, "ingress ''{0}'' refused: {1}", ingress.spec.name(), detail);
                media.execute(() -> ingress.onRefused(System.nanoTime()));
            } else {
                media.execute(() -> ingress.onJoined(admitted, media.receiveArray(), System.nanoTime()));
            }
        });
    }

    @Override
    public void leave(Member member, String reason) {
        control.execute(() -> directory.leave(member, reason));
    }

    /** Media thread, after each select. */
    private void tick(long now) {
        for (int i = 0; i < reading.size(); i++) {
            reading.get(i).tick(now);
        }
    }

    /** Closes every socket; after the media and control threads stopped. */
    @Override
    public synchronized void close() {
        open.values().forEach(Ingress::closeSocket);
        open.clear();
    }

    private static void closeQuietly(DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing an ingress socket", e);
            }
        }
    }

    /** The control end of an ingress's member: a plain RTP sender reads no control message. */
    private record IngressPeer(InetSocketAddress remote) implements ControlPeer {
        @Override
        public void send(ControlMessage message) {
            // Roster changes, keepalives, LAYERS_WANTED: a plain RTP sender reads none of them.
        }
    }
}
