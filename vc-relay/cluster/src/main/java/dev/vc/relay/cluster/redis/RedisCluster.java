package dev.vc.relay.cluster.redis;

import dev.vc.relay.cluster.ClusterSettings;
import dev.vc.relay.placement.ClusterStats;
import dev.vc.relay.placement.Placement;
import dev.vc.relay.placement.RelayNode;
import dev.vc.relay.placement.RoomPlacement;

import java.util.List;
import java.util.Set;
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
    private final Set<String> localRooms = ConcurrentHashMap.newKeySet();
    private final AtomicInteger waiting = new AtomicInteger();
    private final LongAdder placedHere = new LongAdder();
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
            Directory.Renewal renewal = directory.renew(lease, List.copyOf(localRooms));
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

    @Override
    public CompletionStage<Placement> place(String room) {
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
            thread.execute(() -> attempt(room, decided, deadline));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            finish(decided, new Placement.Refuse(false, "the relay is leaving its cluster"));
        }
        return decided;
    }

    /** Cluster thread: decides, or tries again shortly while Redis is unreachable and time remains. */
    private void attempt(String room, CompletableFuture<Placement> decided, long deadline) {
        try {
            finish(decided, decide(room));
        } catch (DirectoryUnavailableException e) {
            if (System.nanoTime() - deadline >= 0) {
                finish(decided, new Placement.Refuse(false, "the cluster's directory is unreachable, so the relay "
                        + "cannot tell where room is served; try again shortly"));
            } else {
                try {
                    thread.schedule(() -> attempt(room, decided, deadline), RETRY_MILLIS, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    finish(decided, new Placement.Refuse(false, "the relay is leaving its cluster"));
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cluster: placing a room failed", e);
            finish(decided, new Placement.Refuse(false, "the cluster could not place the room; try again"));
        }
    }

    /** Cluster thread: the room's live relay if it has one, else the least loaded relay, claimed atomically. */
    private Placement decide(String room) throws DirectoryUnavailableException {
        if (localRooms.contains(room)) {
            return new Placement.Serve();   // it opened here while the join waited
        }
        List<Directory.Candidate> live = directory.look();
        String owner = directory.owner(room);
        if (owner == null) {
            RelayLease target = placer.choose(live);
            if (target == null) {
                return new Placement.Refuse(true, "every relay of the cluster is full");
            }
            owner = directory.claim(room, target.id());
        }
        if (owner.equals(identity.id())) {
            return new Placement.Serve();
        }
        List<Directory.Candidate> known = contains(live, owner) ? live : directory.look();   // claimed meanwhile
        for (Directory.Candidate c : known) {
            if (c.lease().id().equals(owner)) {
                return new Placement.Redirect(owner, c.lease().host(), c.lease().controlPort());
            }
        }
        throw new DirectoryUnavailableException("relay " + owner + " holds the room but has no lease", null);
    }

    private static boolean contains(List<Directory.Candidate> relays, String id) {
        return relays.stream().anyMatch(c -> c.lease().id().equals(id));
    }

    private void finish(CompletableFuture<Placement> decided, Placement placement) {
        waiting.decrementAndGet();
        if (placement instanceof Placement.Serve) {
            placedHere.increment();
        } else if (placement instanceof Placement.Redirect) {
            redirected.increment();
        } else {
            refused.increment();
        }
        decided.complete(placement);
    }

    @Override
    public void roomOpened(String room) {
        localRooms.add(room);
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
        if (localRooms.contains(room)) {
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
        return new ClusterStats(identity.id(), link.up(), relays, roomsHeld, placedHere.sum(), redirected.sum(),
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
