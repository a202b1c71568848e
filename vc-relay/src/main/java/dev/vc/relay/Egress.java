package dev.vc.relay;

import dev.vc.relay.egress.EgressDrop;
import dev.vc.relay.egress.EgressSdp;
import dev.vc.relay.egress.EgressStream;
import dev.vc.relay.layers.ForwardedStream;
import dev.vc.relay.operator.OperatorException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;

/**
 * The relay's egress forwards: participants' streams sent as plain RTP to hosts outside the conference, each an
 * {@link EgressStream}. The operator API starts and stops them from its thread ({@link #start}, {@link #stop}); the
 * media thread takes the changes up ({@link #apply}), asks the sender for a keyframe of the forward's layer when one
 * starts, keeps that layer in the sender's wanted layers while a forward takes it, ends the forwards of senders who
 * left ("participant left"), and passes each accepted media packet of a sender to its forwards ({@link #forward}).
 * A forward whose layer the sender stopped sending (its uplink cannot carry it, {@link
 * dev.vc.relay.layers.LayerRates#stopped}) falls back to the next smaller layer that flows, and goes back up once the
 * sender resumes the layer asked for, which stays wanted meanwhile; each change at a keyframe, so the stream stays
 * one continuous stream.
 * At most {@link RelaySettings#maxEgressForwards()} run at once; as many ended ones are remembered for the API, then
 * the oldest are forgotten. {@link #forward} allocates nothing.
 */
final class Egress implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Egress.class.getName());
    /** How often the media thread looks for forwards whose sender left. */
    private static final long REAP_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Forward[] NONE = new Forward[0];

    /** One forward, as the API lists it. */
    static final class Forward {
        final int id;
        final Member sender;
        /** The layer the operator asked for (a sender's last, if beyond it). */
        final int asked;
        final EgressStream stream;
        final String sdp;
        final long startedMillis = System.currentTimeMillis();
        /** Null while it runs; why it ended, once it did. */
        volatile String ended;

        Forward(int id, Member sender, int asked, EgressStream stream, String sdp) {
            this.id = id;
            this.sender = sender;
            this.asked = asked;
            this.stream = stream;
            this.sdp = sdp;
        }

        /** @return what the API says of it */
        Map<String, Object> describe() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("participant", sender.id);
            json.put("name", sender.displayName);
            json.put("room", sender.room.name);
            json.put("codec", sender.codec.name().toLowerCase(java.util.Locale.ROOT));
            json.put("layer", asked);
            json.put("sending", stream.currentLayer() == ForwardedStream.NO_LAYER ? null : stream.currentLayer());
            json.put("destination", stream.destination().getAddress().getHostAddress() + ":"
                    + stream.destination().getPort());
            String end = ended;
            json.put("state", end != null ? "ended" : stream.currentLayer() == ForwardedStream.NO_LAYER
                    ? "awaiting keyframe" : "forwarding");
            if (end != null) {
                json.put("reason", end);
            }
            json.put("packets", stream.packets());
            json.put("bytes", stream.bytes());
            Map<String, Object> drops = new LinkedHashMap<>();
            for (EgressDrop reason : EgressDrop.values()) {
                drops.put(reason.label(), stream.drops(reason));
            }
            json.put("drops", drops);
            json.put("started", java.time.Instant.ofEpochMilli(startedMillis).toString());
            return json;
        }
    }

    private final RoomDirectory directory;
    private final LayerForwarding layers;
    private final Runnable wakeup;
    private final int maxForwards;
    /** Every forward the API knows, running and ended, by id (any thread). */
    private final ConcurrentSkipListMap<Integer, Forward> forwards = new ConcurrentSkipListMap<>();
    private final ConcurrentLinkedQueue<Forward> started = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Forward> stopped = new ConcurrentLinkedQueue<>();
    private int nextId = 1;
    /** Media thread: each sender's running forwards. */
    private final IdentityHashMap<Member, Forward[]> bySender = new IdentityHashMap<>();
    /** Media thread: the running forwards, {@link #runningCount} of them, for reaping without an iterator. */
    private Forward[] running = NONE;
    private int runningCount;
    private long nextReapNanos;

    /**
     * @param wakeup wakes the media thread, so it takes a change up at once
     */
    Egress(RoomDirectory directory, LayerForwarding layers, int maxForwards, Runnable wakeup) {
        this.directory = directory;
        this.layers = layers;
        this.maxForwards = maxForwards;
        this.wakeup = wakeup;
    }

    /**
     * Any thread: starts forwarding each of {@code senders}' streams, the i-th to {@code host}:{@code port + 2i}.
     *
     * @param layer the simulcast layer, 0 the largest (beyond a sender's last: its last)
     * @return the forwards made
     * @throws OperatorException (409) if they would exceed the limit, (400) if a port would exceed 65535, or a
     *                           socket cannot be opened
     */
    synchronized List<Forward> start(List<Member> senders, InetAddress host, int port, int layer)
            throws OperatorException {
        long runningNow = forwards.values().stream().filter(f -> f.ended == null).count();
        if (runningNow + senders.size() > maxForwards) {
            throw OperatorException.conflict(senders.size() + " more forward(s) would exceed the relay's limit of "
                    + maxForwards + " (" + runningNow + " running; " + RelaySettings.EGRESS_MAX_FORWARDS.key() + ")");
        }
        if (port + 2L * (senders.size() - 1) > 65_535) {
            throw OperatorException.badRequest("ports from " + port + " in steps of 2 for " + senders.size()
                    + " streams would pass 65535");
        }
        List<Forward> made = new ArrayList<>();
        try {
            for (int i = 0; i < senders.size(); i++) {
                Member sender = senders.get(i);
                InetSocketAddress destination = new InetSocketAddress(host, port + 2 * i);
                int wanted = Math.min(layer, sender.layerCount() - 1);
                EgressStream stream = new EgressStream(sender.ssrc, EgressSdp.payloadType(sender.codec), wanted,
                        destination);
                String sdp = EgressSdp.describe(sender.codec, destination, "vc " + sender.room.name + "/"
                        + sender.displayName);
                made.add(new Forward(nextId++, sender, wanted, stream, sdp));
            }
        } catch (IOException e) {
            made.forEach(f -> f.stream.close());
            throw OperatorException.conflict("cannot open a socket for the forward: " + e.getMessage());
        }
        for (Forward f : made) {
            forwards.put(f.id, f);
            started.add(f);
            LOG.log(System.Logger.Level.INFO, "egress {0}: {1} layer {2} to {3}", f.id, f.sender,
                    f.stream.targetLayer(), f.stream.destination());
        }
        forgetEnded();
        wakeup.run();
        return made;
    }

    /**
     * Any thread: stops a forward (the media thread closes its socket).
     *
     * @return the forward, or null if there is none with that id
     */
    Forward stop(int id) {
        Forward f = forwards.get(id);
        if (f != null && f.ended == null) {
            f.ended = "stopped";
            stopped.add(f);
            wakeup.run();
            LOG.log(System.Logger.Level.INFO, "egress {0} stopped", id);
        }
        return f;
    }

    /** @return the forward with that id, running or ended, or null */
    Forward forward(int id) {
        return forwards.get(id);
    }

    /** @return every forward the API knows, oldest first */
    List<Forward> forwards() {
        return List.copyOf(forwards.values());
    }

    /** Keeps at most {@link #maxForwards} ended forwards, forgetting the oldest. */
    private void forgetEnded() {
        List<Integer> ended = new ArrayList<>();
        forwards.forEach((id, f) -> {
            if (f.ended != null) {
                ended.add(id);
            }
        });
        for (int i = 0; i < ended.size() - maxForwards; i++) {
            forwards.remove(ended.get(i));
        }
    }

    /**
     * Media thread: takes up started and stopped forwards, and ends those whose sender left.
     *
     * @param nowNanos {@link System#nanoTime()} now
     */
    void apply(long nowNanos) {
        for (Forward f = started.poll(); f != null; f = started.poll()) {
            if (f.ended != null) {
                continue;  // stopped before it ran: stopped.poll() closes it
            }
            if (!present(f.sender)) {
                end(f, "participant left");
                continue;
            }
            add(f);
            layers.requestKeyframe(f.sender, f.stream.targetLayer(), nowNanos);
        }
        for (Forward f = stopped.poll(); f != null; f = stopped.poll()) {
            remove(f);
            f.stream.close();
        }
        if (runningCount > 0 && nowNanos - nextReapNanos >= 0) {
            nextReapNanos = nowNanos + REAP_INTERVAL_NANOS;
            for (int i = runningCount - 1; i >= 0; i--) {
                Forward f = running[i];
                if (!present(f.sender)) {
                    end(f, "participant left");
                } else {
                    followStoppedLayers(f, nowNanos);
                }
            }
        }
    }

    /**
     * Targets the layer asked for, or, while the sender has stopped it, the next smaller one it has not stopped
     * (the last one whatever), asking for a keyframe of it when that changes.
     */
    private void followStoppedLayers(Forward f, long nowNanos) {
        Member sender = f.sender;
        int layer = f.asked;
        while (layer < sender.layerCount() - 1 && sender.rates.stopped(layer)) {
            layer++;
        }
        if (layer != f.stream.targetLayer()) {
            LOG.log(System.Logger.Level.INFO, "egress {0}: layer {1} of {2} (asked for {3})", f.id, layer, sender,
                    f.asked);
            f.stream.target(layer);
            layers.requestKeyframe(sender, layer, nowNanos);
            updateWanted(sender, bySender.getOrDefault(sender, NONE));
        }
    }

    private boolean present(Member sender) {
        return directory.byId(sender.id) == sender;
    }

    private void end(Forward f, String reason) {
        if (f.ended == null) {
            f.ended = reason;
            LOG.log(System.Logger.Level.INFO, "egress {0} ended: {1}", f.id, reason);
        }
        remove(f);
        f.stream.close();
    }

    private void add(Forward f) {
        Forward[] list = bySender.getOrDefault(f.sender, NONE);
        Forward[] grown = java.util.Arrays.copyOf(list, list.length + 1);
        grown[list.length] = f;
        bySender.put(f.sender, grown);
        if (runningCount == running.length) {
            running = java.util.Arrays.copyOf(running, Math.max(4, 2 * running.length));
        }
        running[runningCount++] = f;
        updateWanted(f.sender, grown);
    }

    private void remove(Forward f) {
        Forward[] list = bySender.get(f.sender);
        if (list != null) {
            List<Forward> kept = new ArrayList<>(List.of(list));
            kept.remove(f);
            Forward[] rest = kept.toArray(NONE);
            if (rest.length == 0) {
                bySender.remove(f.sender);
            } else {
                bySender.put(f.sender, rest);
            }
            updateWanted(f.sender, rest);
        }
        for (int i = 0; i < runningCount; i++) {
            if (running[i] == f) {
                running[i] = running[--runningCount];
                running[runningCount] = null;
                break;
            }
        }
    }

    /** The layers asked for stay wanted while a forward falls back, so the sender resumes them when it can. */
    private static void updateWanted(Member sender, Forward[] list) {
        int mask = 0;
        for (Forward f : list) {
            mask |= 1 << f.asked | 1 << f.stream.targetLayer();
        }
        sender.egressLayers = mask;
        LayerForwarding.publishWanted(sender);
    }

    /**
     * Media thread: passes one accepted media packet of {@code sender} to its forwards (each rewrites the header in
     * place and sends). Allocates nothing.
     *
     * @param keyframeStart whether a forward may start on the layer here ({@link Member#switchPoints}: a keyframe's
     *                      first packet)
     */
    void forward(Member sender, int layer, byte[] packet, int length, int sequence, int timestamp,
                 boolean keyframeStart, long nowNanos) {
        Forward[] list = bySender.get(sender);
        if (list == null) {
            return;
        }
        for (Forward f : list) {
            f.stream.offer(packet, length, layer, sequence, timestamp, keyframeStart, nowNanos);
        }
    }

    /** Closes every forward's socket; after the media thread ended. */
    @Override
    public void close() {
        for (Forward f : forwards.values()) {
            if (f.ended == null) {
                f.ended = "relay closed";
            }
            f.stream.close();
        }
    }
}
