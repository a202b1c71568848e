package dev.vc.relay;

import dev.vc.api.control.ControlMessage;
import dev.vc.relay.operator.OperatorException;
import dev.vc.relay.operator.OperatorRequest;
import dev.vc.relay.operator.OperatorResponse;
import dev.vc.relay.operator.OperatorRoutes;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the operator API serves, route by route (see {@code docs/relay.md}, "The operator API"): the rooms, a room's
 * participants, removing a participant, egress forwards, and ingresses (ports where a plain RTP sender joins a room). Reads the directory from the API's thread (its member
 * table is concurrent, each room's members an immutable snapshot); removals go to the control thread, forwards to
 * the media thread.
 */
final class OperatorEndpoints {
    /** How long a removal waits for the control thread. */
    private static final long REMOVE_TIMEOUT_MILLIS = 2_000;

    private final RoomDirectory directory;
    private final ControlServer control;
    private final Egress egress;
    private final Ingresses ingresses;

    OperatorEndpoints(RoomDirectory directory, ControlServer control, Egress egress, Ingresses ingresses) {
        this.directory = directory;
        this.control = control;
        this.egress = egress;
        this.ingresses = ingresses;
    }

    /** @return every endpoint; a new one is a line here */
    OperatorRoutes routes() {
        return new OperatorRoutes()
                .add("GET", "/api/rooms", request -> rooms())
                .add("GET", "/api/rooms/{room}/participants", request -> participants(request.param("room")))
                .add("DELETE", "/api/participants/{id}", request -> remove(request.idParam("id")))
                .add("GET", "/api/forwards", request -> forwards())
                .add("POST", "/api/forwards", this::startForward)
                .add("GET", "/api/forwards/{id}", request -> withSdp(forward(request.idParam("id"))))
                .add("GET", "/api/forwards/{id}/sdp", request -> OperatorResponse.sdp(forward(request.idParam("id")).sdp))
                .add("DELETE", "/api/forwards/{id}", request -> stopForward(request.idParam("id")))
                .add("GET", "/api/ingresses", request -> ingressList())
                .add("POST", "/api/ingresses", this::openIngress)
                .add("DELETE", "/api/ingresses/{port}", request -> closeIngress(request.idParam("port")));
    }

    private Map<String, Object> rooms() {
        Map<String, Integer> sizes = new TreeMap<>();
        for (Member m : directory.members()) {
            sizes.merge(m.room.name, 1, Integer::sum);
        }
        List<Object> rooms = new ArrayList<>();
        sizes.forEach((name, size) -> rooms.add(Map.of("name", name, "participants", size)));
        return Map.of("rooms", rooms);
    }

    private Map<String, Object> participants(String room) throws OperatorException {
        List<Member> members = membersOf(room);
        List<Object> list = new ArrayList<>();
        for (Member m : members) {
            list.add(describe(m));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("room", room);
        json.put("participants", list);
        return json;
    }

    private List<Member> membersOf(String room) throws OperatorException {
        List<Member> members = new ArrayList<>();
        for (Member m : directory.members()) {
            if (m.room.name.equals(room)) {
                members.add(m);
            }
        }
        if (members.isEmpty()) {
            throw OperatorException.notFound("no room named '" + room + "'");
        }
        members.sort(Comparator.comparingInt(m -> m.id));
        return members;
    }

    private static Map<String, Object> describe(Member m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", m.id);
        json.put("name", m.displayName);
        json.put("codec", m.codec.name().toLowerCase(Locale.ROOT));
        List<Object> layers = new ArrayList<>();
        for (int i = 0; i < m.layerCount(); i++) {
            ControlMessage.Layer layer = m.layers.get(i);
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("layer", i);
            l.put("width", layer.width());
            l.put("height", layer.height());
            l.put("bitrate", layer.bitrateBps());
            l.put("wanted", (m.layersWanted & 1 << i) != 0);
            layers.add(l);
        }
        json.put("layers", layers);
        InetSocketAddress address = m.mediaAddress;
        json.put("media", address == null ? null : address.getAddress().getHostAddress() + ":" + address.getPort());
        json.put("stale", m.reportedStale);
        json.put("bitrateIn", m.bitrateIn);
        json.put("packetsIn", m.packetsIn.sum());
        json.put("packetsOut", m.packetsOut.sum());
        return json;
    }

    private Map<String, Object> remove(int id) throws OperatorException {
        String removed;
        try {
            removed = control.remove(id, "removed by the operator").get(REMOVE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new OperatorException(503, "the relay's control thread did not answer within "
                    + REMOVE_TIMEOUT_MILLIS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperatorException(503, "interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        if (removed == null) {
            throw OperatorException.notFound("no participant " + id);
        }
        return Map.of("removed", id);
    }

    private Map<String, Object> forwards() {
        List<Object> list = new ArrayList<>();
        for (Egress.Forward f : egress.forwards()) {
            list.add(f.describe());
        }
        return Map.of("forwards", list);
    }

    private Egress.Forward forward(int id) throws OperatorException {
        Egress.Forward f = egress.forward(id);
        if (f == null) {
            throw OperatorException.notFound("no forward " + id);
        }
        return f;
    }

    private static Map<String, Object> withSdp(Egress.Forward f) {
        Map<String, Object> json = f.describe();
        json.put("sdp", f.sdp);
        return json;
    }

    private Map<String, Object> stopForward(int id) throws OperatorException {
        Egress.Forward f = egress.stop(id);
        if (f == null) {
            throw OperatorException.notFound("no forward " + id);
        }
        return f.describe();
    }

    /**
     * {@code {"participant": 3, "host": "127.0.0.1", "port": 5004}}, or {@code "room": "team"} for each of its
     * participants (ports 5004, 5006...); {@code "layer"} picks the simulcast layer (0, the largest, by default).
     */
    private OperatorResponse startForward(OperatorRequest request) throws OperatorException {
        request.onlyKeys("participant", "room", "host", "port", "layer");
        boolean byParticipant = request.body().containsKey("participant");
        boolean byRoom = request.body().containsKey("room");
        if (byParticipant == byRoom) {
            throw OperatorException.badRequest("give either 'participant' (an id) or 'room' (a name)");
        }
        InetAddress host = destination(request.string("host", true));
        int port = request.integer("port", 1, 65_535, null);
        int layer = request.integer("layer", 0, ControlMessage.MAX_LAYERS - 1, 0);
        List<Member> senders;
        if (byParticipant) {
            int id = request.integer("participant", 1, Integer.MAX_VALUE, null);
            Member m = directory.byId(id);
            if (m == null) {
                throw OperatorException.notFound("no participant " + id);
            }
            senders = List.of(m);
        } else {
            senders = membersOf(request.string("room", true));
        }
        List<Object> made = new ArrayList<>();
        for (Egress.Forward f : egress.start(senders, host, port, layer)) {
            made.add(withSdp(f));
        }
        return OperatorResponse.created(Map.of("forwards", made));
    }

    private Map<String, Object> ingressList() {
        List<Object> list = new ArrayList<>();
        for (IngressStatus status : ingresses.list()) {
            list.add(describe(status));
        }
        return Map.of("ingresses", list);
    }

    private static Map<String, Object> describe(IngressStatus status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("port", status.address().getPort());
        json.put("room", status.spec().room());
        json.put("name", status.spec().name());
        json.put("codec", status.spec().codec().name().toLowerCase(Locale.ROOT));
        json.put("state", status.state().name().toLowerCase(Locale.ROOT));
        InetSocketAddress sender = status.sender();
        json.put("sender", sender == null ? null : sender.getAddress().getHostAddress() + ":" + sender.getPort());
        json.put("participant", status.participantId() > 0 ? status.participantId() : null);
        json.put("packets", status.packets());
        Map<String, Object> drops = new LinkedHashMap<>();
        status.drops().forEach((reason, count) -> {
            if (count > 0) {
                drops.put(reason.name().toLowerCase(Locale.ROOT), count);
            }
        });
        json.put("drops", drops);
        return json;
    }

    /**
     * {@code {"room": "team", "name": "camera", "port": 5004, "codec": "h264"}}, optionally {@code "source"} (the
     * only sender address taken) and {@code "ssrc"}; port 0 takes an ephemeral one, which the answer names.
     */
    private OperatorResponse openIngress(OperatorRequest request) throws OperatorException {
        request.onlyKeys("room", "name", "port", "codec", "source", "ssrc");
        StringBuilder spec = new StringBuilder();
        for (String key : new String[] {"room", "name", "codec", "source"}) {
            String value = request.string(key, !key.equals("source"));
            if (value != null) {
                if (value.indexOf(',') >= 0 || value.indexOf('=') >= 0) {
                    throw OperatorException.badRequest("'" + key + "' must not hold ',' or '='");
                }
                spec.append(spec.length() == 0 ? "" : ",").append(key).append('=').append(value);
            }
        }
        spec.append(",port=").append(request.integer("port", 0, 65_535, null));
        if (request.body().containsKey("ssrc")) {
            spec.append(",ssrc=").append(request.integer("ssrc", 0, Integer.MAX_VALUE, null));
        }
        try {
            return OperatorResponse.created(describe(ingresses.open(IngressSpec.parse(spec.toString()))));
        } catch (PortInUseException e) {
            throw OperatorException.conflict(e.getMessage());
        } catch (dev.vc.api.ConfigException e) {
            throw OperatorException.badRequest(e.getMessage());
        } catch (dev.vc.api.TransportException e) {
            throw new OperatorException(503, e.getMessage());
        }
    }

    private Map<String, Object> closeIngress(int port) throws OperatorException {
        if (!ingresses.close(port)) {
            throw OperatorException.notFound("no ingress on port " + port);
        }
        return Map.of("closed", port);
    }

    private static InetAddress destination(String host) throws OperatorException {
        if (host.isBlank() || host.length() > 253) {
            throw OperatorException.badRequest("'host' must be an address or a host name");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw OperatorException.badRequest("unknown host '" + host + "'");
        }
        if (address.isAnyLocalAddress()) {
            throw OperatorException.badRequest("'host' must be where the stream goes, not " + host);
        }
        return address;
    }
}
