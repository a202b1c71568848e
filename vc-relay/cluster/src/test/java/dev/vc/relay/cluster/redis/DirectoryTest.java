package dev.vc.relay.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.Config;
import dev.vc.relay.cluster.ClusterSettings;
import dev.vc.relay.placement.Placement;
import dev.vc.relay.placement.RelayNode;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The registry's leases and the room directory against a real redis-server, without relays: placements directly. */
class DirectoryTest {
    private static final int LEASE_MS = 600;
    private RedisServer redis;
    private final List<RedisCluster> clusters = new ArrayList<>();

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        clusters.forEach(RedisCluster::close);
        if (redis != null) {
            redis.close();
        }
    }

    /** A relay's cluster as the provider starts it, for a relay at 127.0.0.1:{@code port} with some participants. */
    private RedisCluster relay(int port, AtomicInteger participants) {
        Config config = Config.empty().with("vc.cluster.redis", redis.url())
                .with(ClusterSettings.LEASE_MS.key(), Integer.toString(LEASE_MS))
                .with(ClusterSettings.JOIN_WAIT_MS.key(), "300");
        RedisCluster cluster = (RedisCluster) new RedisClusterProvider().start(new RelayNode(config,
                new InetSocketAddress("127.0.0.1", port), port + 1, 100, 10, participants::get, true));
        clusters.add(cluster);
        return cluster;
    }

    private static Placement placed(RedisCluster cluster, String room) throws Exception {
        return cluster.place(room, 0).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldRegisterWithALeaseThatExpiresWhenNoLongerRenewed() throws Exception {
        RedisCluster a = relay(7000, new AtomicInteger(3));
        try (Jedis jedis = redis.jedis()) {
            Await.until(() -> jedis.get("vc:relay:127.0.0.1:7000") != null, () -> "relay registered");
            RelayLease lease = RelayLease.decode(jedis.get("vc:relay:127.0.0.1:7000"));
            assertEquals(new RelayLease("127.0.0.1:7000", "127.0.0.1", 7000, 7001, 1000, 100, 3, 0), lease);
            long ttl = jedis.pttl("vc:relay:127.0.0.1:7000");
            assertTrue(ttl > 0 && ttl <= LEASE_MS, "a lease of at most " + LEASE_MS + " ms: " + ttl);
            // A relay that renewed once and died: its lease and its room go away by themselves.
            Directory dead = new Directory(new RedisLink(redis.url(), null, 500), "vc:", LEASE_MS);
            dead.renew(new RelayLease("dead", "127.0.0.1", 7100, 7101, 10, 10, 1, 1), java.util.Map.of("gone", 1));
            assertEquals("dead", jedis.get("vc:room:gone"));
            Await.until(() -> jedis.get("vc:relay:dead") == null && jedis.get("vc:room:gone") == null,
                    () -> "the dead relay's lease and room expired");
            Await.until(() -> !jedis.smembers("vc:relays").contains("dead"), () -> "the registry pruned it");
            // The count is the live relays its latest renewal saw: the renewal that pruned the dead one may not be
            // this relay's, so its count follows at its next renewal (a third of the lease later).
            Await.until(() -> a.stats().relays() == 1, () -> "the live relay counts itself alone, not "
                    + a.stats().relays());
            assertTrue(a.stats().directoryUp());
        }
    }

    @Test
    void shouldAgreeOnARoomPlacedByTwoRelaysAtOnce() throws Exception {
        RedisCluster a = relay(7000, new AtomicInteger());
        RedisCluster b = relay(7010, new AtomicInteger());
        Await.until(() -> a.stats().relays() == 2 && b.stats().relays() == 2, () -> "both registered");
        for (int i = 0; i < 20; i++) {
            String room = "room" + i;
            CompletableFuture<Placement> atA = a.place(room, 0).toCompletableFuture();
            CompletableFuture<Placement> atB = b.place(room, 0).toCompletableFuture();
            Placement fromA = atA.get(10, TimeUnit.SECONDS);
            Placement fromB = atB.get(10, TimeUnit.SECONDS);
            String servedBy = fromA instanceof Placement.Serve ? "127.0.0.1:7000"
                    : ((Placement.Redirect) fromA).relayId();
            String servedByB = fromB instanceof Placement.Serve ? "127.0.0.1:7010"
                    : ((Placement.Redirect) fromB).relayId();
            assertEquals(servedBy, servedByB, room + ": A says " + fromA + ", B says " + fromB);
        }
    }

    @Test
    void shouldLetRelaysJoinARoomsRelaysOneAtATimeEachLearningThoseBefore() throws Exception {
        Directory directory = new Directory(new RedisLink(redis.url(), null, 500), "vc:", 5_000);
        for (String id : List.of("a", "b", "c", "d")) {
            directory.renew(new RelayLease(id, "127.0.0.1", 7100, 7101, 10, 10, 0, 0), Map.of());
        }
        assertEquals(List.of(), directory.span("team", "a", 10));
        List<CompletableFuture<List<String>>> joins = new ArrayList<>();
        for (String id : List.of("b", "c", "d")) {
            joins.add(CompletableFuture.supplyAsync(() -> {   // each relay on its own connection, as relays are
                RedisLink link = new RedisLink(redis.url(), null, 2_000);
                try {
                    return new Directory(link, "vc:", 5_000).span("team", id, 0);
                } catch (DirectoryUnavailableException e) {
                    throw new IllegalStateException(e);
                } finally {
                    link.close();
                }
            }));
        }
        List<Integer> learned = new ArrayList<>();
        java.util.Set<String> pairs = new java.util.HashSet<>();
        for (int i = 0; i < joins.size(); i++) {
            List<String> before = joins.get(i).get(10, TimeUnit.SECONDS);
            learned.add(before.size());
            String id = List.of("b", "c", "d").get(i);
            for (String other : before) {
                assertTrue(pairs.add(other.compareTo(id) < 0 ? other + id : id + other), "one trunk per pair");
            }
        }
        learned.sort(null);
        assertEquals(List.of(1, 2, 3), learned, "the relays joined one at a time, each learning all before it");
        assertEquals(6, pairs.size(), "a full mesh of the four relays");
        assertEquals(10, directory.roomRelays("team").stream().filter(r -> r.relayId().equals("a")).findFirst()
                .orElseThrow().participants(), "each relay's own participants");

        directory.renew(new RelayLease("b", "127.0.0.1", 7100, 7101, 10, 10, 0, 0), Map.of());
        assertEquals(3, directory.roomRelays("team").size(), "a relay no longer serving the room leaves its relays at "
                + "its next renewal");
    }

    @Test
    void shouldSpreadManyRoomsPlacedThroughOneRelay() throws Exception {
        Map<String, AtomicInteger> load = new HashMap<>();
        Map<String, RedisCluster> byId = new HashMap<>();
        for (int port : new int[] {7000, 7010, 7020}) {
            AtomicInteger participants = new AtomicInteger();
            load.put("127.0.0.1:" + port, participants);
            byId.put("127.0.0.1:" + port, relay(port, participants));
        }
        RedisCluster entry = byId.get("127.0.0.1:7000");
        Await.until(() -> entry.stats().relays() == 3, () -> "three registered");
        Map<String, Integer> rooms = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            Placement p = placed(entry, "room" + i);
            String id = p instanceof Placement.Redirect r ? r.relayId() : "127.0.0.1:7000";
            rooms.merge(id, 1, Integer::sum);
            byId.get(id).roomOpened("room" + i);   // its five members arrive there
            load.get(id).addAndGet(5);
        }
        for (String id : load.keySet()) {
            int n = rooms.getOrDefault(id, 0);
            assertTrue(n >= 8 && n <= 12, "each relay within 20 % of 10 rooms: " + rooms);
        }
    }

    @Test
    void shouldRefuseNewRoomsWhileRedisIsDownAndRegisterAgainWhenItIsBack() throws Exception {
        RedisCluster a = relay(7000, new AtomicInteger(2));
        assertTrue(placed(a, "team") instanceof Placement.Serve);
        a.roomOpened("team");
        try (Jedis jedis = redis.jedis()) {
            Await.until(() -> "127.0.0.1:7000".equals(jedis.get("vc:room:team")), () -> "the room is the relay's");
        }
        redis.kill();
        Await.until(() -> !a.stats().directoryUp(), () -> "the relay noticed: " + a.stats());
        Placement refused = placed(a, "other");
        assertTrue(refused instanceof Placement.Refuse no && !no.full(), "refused while Redis is down: " + refused);
        redis.restart();
        try (Jedis jedis = redis.jedis()) {
            Await.until(() -> "127.0.0.1:7000".equals(jedis.get("vc:room:team")), () -> "the room registered again");
            assertTrue(jedis.get("vc:relay:127.0.0.1:7000") != null);
        }
        assertTrue(a.stats().reRegistrations() >= 1, a.stats().toString());
        assertTrue(placed(a, "other") instanceof Placement.Serve, "new rooms are placed again");
        assertEquals(1, a.stats().refused(), "the refusal is counted");
    }
}
