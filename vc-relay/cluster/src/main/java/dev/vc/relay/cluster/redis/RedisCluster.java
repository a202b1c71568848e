package dev.vc.relay.cluster.redis;

import dev.vc.relay.cluster.ClusterSettings;
import dev.vc.relay.placement.ClusterStats;
import dev.vc.relay.placement.Placement;
import dev.vc.relay.placement.RelayNode;
import dev.vc.relay.placement.RoomPlacement;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A relay's part in a cluster on Redis, on one thread of its own ({@code vc-cluster}) that does all the Redis I/O:
 * it renews the relay's lease and rooms every third of the lease, and answers placements queued by the relay's
 * control thread. While Redis is unreachable the relay's running meetings go on untouched; a placement waits for
 * Redis up to {@code vc.cluster.join.wait.ms}, trying every 200 ms, then is refused; renewals keep trying, and the
 * first that works after the lease lapsed registers the relay and its rooms again.
 *
 * <p>Bounded: at most {@value #MAX_WAITING} placements wait at once (more are refused at once), the rooms it tracks
 * are the relay's own (at most {@code vc.relay.max.rooms}).
 */
final class RedisCluster implements RoomPlacement {
    private static final System.Logger LOG = System.getLogger(RedisCluster.class.getName());
    static final int MAX_WAITING = 1_024;
    private static final long RETRY_MILLIS = 200;

    private final ClusterSettings settings;
    private final RelayNode node;
    private final RelayLease identity;
    private final RedisLink link;
    private final Directory directory;
    private final Placer placer;
    private final ScheduledThreadPoolExecutor thread;
    /** The rooms this relay serves, with its own participants in each. */
    private final ConcurrentHashMap<String, Integer> localRooms = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    /** Rooms this relay joined the relays of for a join not admitted yet, until when (cluster thread). */
    private final java.util.Map<String, Long> pending = new java.util.HashMap<>();
    /** How long a room joined for a join stays listed without the join being admitted. */
    private static final long PENDING_NANOS = TimeUnit.SECONDS.toNanos(10);
    private final LongAdder placedHere = new LongAdder();
    private final LongAdder servedToo = new LongAdder();
    private final LongAdder redirected = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private volatile long reRegistrations;
    private volatile int relays;
    private volatile int roomsHeld;
    private volatile int conflicts;
    private boolean registered;   // cluster thread

    /**
     * @param identity this relay as its lease names it (load fields 0: each renewal fills them in)
     */
    RedisCluster(ClusterSettings settings, RelayNode node, RelayLease identity) {
        this.settings = settings;
        this.node = node;
        this.identity = identity;
        this.link = new RedisLink(settings.redis(), settings.password(), settings.timeoutMillis());
        this.directory = new Directory(link, settings.keyPrefix(), settings.leaseMillis());
        this.placer = new Placer(identity.id());
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "vc-cluster");
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
    }

    /** Starts renewing the lease: the first renewal at once, then every third of the lease. */
    void start() {
        thread.scheduleWithFixedDelay(this::renew, 0, Math.max(1, settings.leaseMillis() / 3), TimeUnit.MILLISECONDS);
        LOG.log(System.Logger.Level.INFO, "cluster: relay {0} ({1}:{2}) on Redis {3}, lease {4} ms", identity.id(),
                identity.host(), Integer.toString(identity.controlPort()), link.shown(),
                Integer.toString(settings.leaseMillis()));
    }

    /** Cluster thread: renews the lease and the rooms; a lapsed lease means registering again. */
    private void renew() {
        RelayLease lease = new RelayLease(identity.id(), identity.host(), identity.controlPort(), identity.mediaPort(),
                identity.capacity(), identity.maxRooms(), node.participants().getAsInt(), localRooms.size());
        try {
            Directory.Renewal renewal = directory.renew(lease, servedRooms());
            if (registered && !renewal.wasRegistered()) {
                reRegistrations++;
                LOG.log(System.Logger.Level.WARNING, "cluster: the lease of relay {0} had lapsed (Redis restarted or "
                        + "was unreachable); registered again with {1} room(s)", identity.id(), lease.rooms());
            }
            if (renewal.conflicts() > conflicts) {
                LOG.log(System.Logger.Level.WARNING, "cluster: {0} room(s) served here are given to another relay "
                        + "in the directory; their meetings go on here", renewal.conflicts());
            }
            registered = true;
            relays = renewal.liveRelays();
            conflicts = renewal.conflicts();
            roomsHeld = renewal.roomsHeld();
        } catch (DirectoryUnavailableException e) {
            // counted and said by the link; the next renewal tries again
        } catch (RuntimeException | LinkageError e) {
            // Anything else would end the renewals silently (a scheduled task that throws is not run again).
            LOG.log(System.Logger.Level.WARNING, "cluster: renewing the lease failed", e);
        }
    }

    /**
     * Cluster thread: the rooms this relay serves with its own participants in each, and those it joined the relays
     * of for a join still on its way to the control thread (with 0), for at most {@link #PENDING_NANOS}: a join
     * refused there, or a client gone meanwhile, leaves the room's relays at the next renewal after that.
     */
    private java.util.Map<String, Integer> servedRooms() {
        java.util.Map<String, Integer> rooms = new java.util.HashMap<>(localRooms);
        long now = System.nanoTime();
        pending.entrySet().removeIf(e -> rooms.containsKey(e.getKey()) || now - e.getValue() > 0);
        pending.keySet().forEach(room -> rooms.put(room, 0));
        return rooms;
    }

    @Override
    public CompletionStage<Placement> place(String room, int here) {
        CompletableFuture<Placement> decided = new CompletableFuture<>();
        if (waiting.incrementAndGet() > MAX_WAITING) {
            waiting.decrementAndGet();
            refused.increment();
            decided.complete(new Placement.Refuse(false, "the relay has too many joins waiting for the cluster; "
                    + "try again"));
            return decided;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.joinWaitMillis());
        try {
            thread.execute(() -> attempt(room, here, decided, deadline));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            finish(decided, new Placement.Refuse(false, "the relay is leaving its cluster"));
        }
        return decided;
    }

    /** Cluster thread: decides, or tries again shortly while Redis is unreachable and time remains. */
    private void attempt(String room, int here, CompletableFuture<Placement> decided, long deadline) {
        try {
            finish(decided, decide(room, here));
        } catch (DirectoryUnavailableException e) {
            if (System.nanoTime() - deadline >= 0) {
                finish(decided, new Placement.Refuse(false, "the cluster's directory is unreachable, so the relay "
                        + "cannot tell where room is served; try again shortly"));
            } else {
                try {
                    thread.schedule(() -> attempt(room, here, decided, deadline), RETRY_MILLIS,
                            TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    finish(decided, new Placement.Refuse(false, "the relay is leaving its cluster"));
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cluster: placing a room failed", e);
            finish(decided, new Placement.Refuse(false, "the cluster could not place the room; try again"));
        }
    }

    /**
     * Cluster thread: where a join of {@code room} goes. A room no relay serves goes to the least loaded relay, claimed
     * atomically (its home). A room served by others goes to one of them with a place; with none (they are all full),
     * or with {@code vc.cluster.room.span=always}, this relay serves it too if it has a place and trunks, else the
     * least loaded relay with a place that does not serve it yet gets the join (and serves it too there).
     *
     * @param here this relay's own participants in the room now
     */
    private Placement decide(String room, int here) throws DirectoryUnavailableException {
        boolean placeHere = here < node.maxPerRoom() && node.participants().getAsInt() < identity.capacity();
        if (localRooms.containsKey(room) && placeHere) {
            return new Placement.Serve();   // it opened here while the join waited
        }
        List<Directory.Candidate> live = directory.look();
        List<Directory.RoomRelay> others = new java.util.ArrayList<>();
        for (Directory.RoomRelay r : directory.roomRelays(room)) {
            if (!r.relayId().equals(identity.id())) {
                others.add(r);
            }
        }
        if (others.isEmpty() && here == 0) {
            return home(room, live);
        }
        boolean spans = node.trunks() && placeHere;
        if (spans && settings.spanAlways()) {
            return serveToo(room, here, live);
        }
        for (Directory.RoomRelay r : others) {
            Directory.Candidate c = find(live, r.relayId());
            if (c != null && r.participants() < node.maxPerRoom()
                    && c.lease().participants() < c.lease().capacity()) {
                return new Placement.Redirect(r.relayId(), c.lease().host(), c.lease().controlPort());
            }
        }
        if (spans) {
            return serveToo(room, here, live);
        }
        if (here > 0) {
            directory.span(room, identity.id(), here);   // the others see this relay full for the room
        }
        List<Directory.Candidate> elsewhere = new java.util.ArrayList<>();
        for (Directory.Candidate c : live) {
            String id = c.lease().id();
            if (!id.equals(identity.id()) && others.stream().noneMatch(r -> r.relayId().equals(id))) {
                elsewhere.add(c);
            }
        }
        RelayLease target = node.trunks() ? placer.choose(elsewhere) : null;
        if (target == null) {
            return new Placement.Refuse(true, "room '" + room + "' is full on every relay that can take it");
        }
        return new Placement.Redirect(target.id(), target.host(), target.controlPort());
    }

    /** Cluster thread: a room no other relay serves: the live relay it was given, else the least loaded, claimed. */
    private Placement home(String room, List<Directory.Candidate> live) throws DirectoryUnavailableException {
        String owner = directory.owner(room);
        if (owner == null) {
            RelayLease target = placer.choose(live);
            if (target == null) {
                return new Placement.Refuse(true, "every relay of the cluster is full");
            }
            owner = directory.claim(room, target.id());
        }
        if (owner.equals(identity.id())) {
            return serveToo(room, 0, live);   // listed among the room's relays now: trunks find it
        }
        List<Directory.Candidate> known = contains(live, owner) ? live : directory.look();   // claimed meanwhile
        Directory.Candidate c = find(known, owner);
        if (c != null) {
            return new Placement.Redirect(owner, c.lease().host(), c.lease().controlPort());
        }
        throw new DirectoryUnavailableException("relay " + owner + " holds the room but has no lease", null);
    }

    /**
     * Cluster thread: joins the room's relays (listed for a while before the join is admitted, {@link #servedRooms});
     * trunks go to those that served it before (none: serve alone).
     */
    private Placement serveToo(String room, int here, List<Directory.Candidate> live)
            throws DirectoryUnavailableException {
        List<String> before = directory.span(room, identity.id(), here);
        if (!localRooms.containsKey(room)) {
            pending.put(room, System.nanoTime() + PENDING_NANOS);
        }
        List<Placement.Relay> relays = new java.util.ArrayList<>();
        for (String id : before) {
            Directory.Candidate c = find(live, id);
            if (c == null) {
                c = find(directory.look(), id);   // registered meanwhile
            }
            if (c != null) {
                relays.add(new Placement.Relay(id, c.lease().host(), c.lease().controlPort()));
            }
        }
        return relays.isEmpty() ? new Placement.Serve() : new Placement.ServeToo(relays);
    }

    private static Directory.Candidate find(List<Directory.Candidate> relays, String id) {
        for (Directory.Candidate c : relays) {
            if (c.lease().id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    private static boolean contains(List<Directory.Candidate> relays, String id) {
        return relays.stream().anyMatch(c -> c.lease().id().equals(id));
    }

    private void finish(CompletableFuture<Placement> decided, Placement placement) {
        waiting.decrementAndGet();
        if (placement instanceof Placement.Serve) {
            placedHere.increment();
        } else if (placement instanceof Placement.ServeToo) {
            servedToo.increment();
        } else if (placement instanceof Placement.Redirect) {
            redirected.increment();
        } else {
            refused.increment();
        }
        decided.complete(placement);
    }

    @Override
    public void roomOpened(String room) {
        localRooms.putIfAbsent(room, 0);
    }

    @Override
    public void participantsChanged(String room, int participants) {
        localRooms.replace(room, participants);
    }

    @Override
    public void roomClosed(String room) {
        localRooms.remove(room);
        try {
            thread.execute(() -> release(room));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: the withdrawal releases every room
        }
    }

    /** Cluster thread: gives the room up unless it opened here again meanwhile; a lost release expires anyway. */
    private void release(String room) {
        if (localRooms.containsKey(room)) {
            return;
        }
        try {
            directory.release(identity.id(), List.of(room));
        } catch (DirectoryUnavailableException e) {
            // the room's key expires with the lease's lifetime
        }
    }

    @Override
    public ClusterStats stats() {
        return new ClusterStats(identity.id(), link.up(), relays, roomsHeld, placedHere.sum(), servedToo.sum(),
                redirected.sum(),
                refused.sum(), link.failures(), reRegistrations, conflicts);
    }

    /** Withdraws the relay from the registry (bounded by twice the request timeout), then stops the thread. */
    @Override
    public void close() {
        try {
            thread.submit(() -> {
                try {
                    directory.withdraw(identity.id());
                } catch (DirectoryUnavailableException e) {
                    // its lease expires by itself
                }
            }).get(2L * settings.timeoutMillis() + 100, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | java.util.concurrent.RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "cluster: withdrawing relay {0} did not finish: {1}", identity.id(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdownNow();
        try {
            thread.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        link.close();
    }
}
