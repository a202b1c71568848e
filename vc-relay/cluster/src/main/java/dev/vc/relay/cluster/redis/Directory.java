package dev.vc.relay.cluster.redis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The registry and the room directory in Redis, each operation one Lua script so that it is atomic. The keys, under
 * the prefix (default {@code vc:}):
 *
 * <pre>
 * vc:relays                 set     ids of relays that registered (pruned of those whose lease expired)
 * vc:relay:&lt;id&gt;            string  the relay's lease (RelayLease), PX lease: gone when the relay stops renewing it
 * vc:relay:&lt;id&gt;:rooms      set     rooms placed on or served by the relay, PX lease, renewed with it
 * vc:room:&lt;room&gt;           string  the id of the relay serving the room, PX lease, renewed by that relay
 * </pre>
 *
 * A room whose relay's lease expired is free: the next placement gives it to a live relay. Scripts read keys
 * they derive from their arguments, which a single Redis (not Redis Cluster) allows.
 */
final class Directory {
    /** Renews a relay's lease and its rooms; prunes the registry; reports conflicts. */
    private static final String HEARTBEAT = """
            local p, id, ttl = ARGV[1], ARGV[2], ARGV[4]
            local leaseKey = p .. 'relay:' .. id
            local roomsKey = leaseKey .. ':rooms'
            local existed = redis.call('exists', leaseKey)
            redis.call('set', leaseKey, ARGV[3], 'px', ttl)
            redis.call('sadd', p .. 'relays', id)
            local conflicts = 0
            for i = 5, #ARGV do
              local roomKey = p .. 'room:' .. ARGV[i]
              local owner = redis.call('get', roomKey)
              if owner and owner ~= id and redis.call('exists', p .. 'relay:' .. owner) == 1 then
                conflicts = conflicts + 1
              else
                redis.call('set', roomKey, id, 'px', ttl)
                redis.call('sadd', roomsKey, ARGV[i])
              end
            end
            for _, room in ipairs(redis.call('smembers', roomsKey)) do
              if redis.call('get', p .. 'room:' .. room) ~= id then redis.call('srem', roomsKey, room) end
            end
            redis.call('pexpire', roomsKey, ttl)
            local live = 0
            for _, other in ipairs(redis.call('smembers', p .. 'relays')) do
              if redis.call('exists', p .. 'relay:' .. other) == 1 then live = live + 1
              else redis.call('srem', p .. 'relays', other) end
            end
            return {existed, live, conflicts, redis.call('scard', roomsKey)}
            """;
    /** Every live relay's lease and the number of rooms placed on it. */
    private static final String LOOK = """
            local p = ARGV[1]
            local out = {}
            for _, id in ipairs(redis.call('smembers', p .. 'relays')) do
              local lease = redis.call('get', p .. 'relay:' .. id)
              if lease then
                out[#out + 1] = lease
                out[#out + 1] = redis.call('scard', p .. 'relay:' .. id .. ':rooms')
              end
            end
            return out
            """;
    /** The room's relay if it is alive, else nil. */
    private static final String OWNER = """
            local owner = redis.call('get', ARGV[1] .. 'room:' .. ARGV[2])
            if owner and redis.call('exists', ARGV[1] .. 'relay:' .. owner) == 1 then return owner end
            return false
            """;
    /** Gives the room to the candidate unless a live relay has it; answers whose it is. */
    private static final String CLAIM = """
            local p, room, candidate, ttl = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
            local owner = redis.call('get', p .. 'room:' .. room)
            if owner and redis.call('exists', p .. 'relay:' .. owner) == 1 then return owner end
            redis.call('set', p .. 'room:' .. room, candidate, 'px', ttl)
            redis.call('sadd', p .. 'relay:' .. candidate .. ':rooms', room)
            redis.call('pexpire', p .. 'relay:' .. candidate .. ':rooms', ttl)
            return candidate
            """;
    /** Gives up a room the relay holds. */
    private static final String RELEASE = """
            local p, id = ARGV[1], ARGV[2]
            for i = 3, #ARGV do
              if redis.call('get', p .. 'room:' .. ARGV[i]) == id then redis.call('del', p .. 'room:' .. ARGV[i]) end
              redis.call('srem', p .. 'relay:' .. id .. ':rooms', ARGV[i])
            end
            return 1
            """;
    /** Leaves the registry: lease, rooms set, index entry. */
    private static final String WITHDRAW = """
            local p, id = ARGV[1], ARGV[2]
            for _, room in ipairs(redis.call('smembers', p .. 'relay:' .. id .. ':rooms')) do
              if redis.call('get', p .. 'room:' .. room) == id then redis.call('del', p .. 'room:' .. room) end
            end
            redis.call('del', p .. 'relay:' .. id, p .. 'relay:' .. id .. ':rooms')
            redis.call('srem', p .. 'relays', id)
            return 1
            """;

    /**
     * What a renewal found.
     *
     * @param wasRegistered the lease was still there (false at the first registration, and after it lapsed)
     * @param liveRelays    relays with a lease, this one included
     * @param conflicts     rooms served here that the directory gives to another live relay
     * @param roomsHeld     rooms the directory gives to this relay
     */
    record Renewal(boolean wasRegistered, int liveRelays, int conflicts, int roomsHeld) {
    }

    /**
     * A live relay as placement sees it.
     *
     * @param lease       its lease
     * @param roomsPlaced rooms placed on it or served by it
     */
    record Candidate(RelayLease lease, int roomsPlaced) {
    }

    private final RedisLink link;
    private final String prefix;
    private final String ttl;

    Directory(RedisLink link, String prefix, int leaseMillis) {
        this.link = link;
        this.prefix = prefix;
        this.ttl = Integer.toString(leaseMillis);
    }

    /** Registers or renews the relay's lease, and the rooms it serves (those no other live relay holds). */
    Renewal renew(RelayLease lease, Collection<String> rooms) throws DirectoryUnavailableException {
        List<String> args = new ArrayList<>(rooms.size() + 4);
        args.add(prefix);
        args.add(lease.id());
        args.add(lease.encode());
        args.add(ttl);
        args.addAll(rooms);
        List<?> answer = (List<?>) link.call(jedis -> jedis.eval(HEARTBEAT, List.of(), args));
        return new Renewal(number(answer.get(0)) == 1, (int) number(answer.get(1)), (int) number(answer.get(2)),
                (int) number(answer.get(3)));
    }

    /** @return every live relay, with the rooms placed on it */
    List<Candidate> look() throws DirectoryUnavailableException {
        List<?> answer = (List<?>) link.call(jedis -> jedis.eval(LOOK, List.of(), List.of(prefix)));
        List<Candidate> relays = new ArrayList<>();
        for (int i = 0; i + 1 < answer.size(); i += 2) {
            RelayLease lease = RelayLease.decode((String) answer.get(i));
            if (lease != null) {
                relays.add(new Candidate(lease, (int) number(answer.get(i + 1))));
            }
        }
        return relays;
    }

    /** @return the id of the live relay serving {@code room}, or null if none does */
    String owner(String room) throws DirectoryUnavailableException {
        return (String) link.call(jedis -> jedis.eval(OWNER, List.of(), List.of(prefix, room)));
    }

    /** @return the id of the relay the room is now given to: {@code candidate}, or a live relay that had it */
    String claim(String room, String candidate) throws DirectoryUnavailableException {
        return (String) link.call(jedis -> jedis.eval(CLAIM, List.of(), List.of(prefix, room, candidate, ttl)));
    }

    /** Gives up rooms this relay no longer serves. */
    void release(String relayId, Collection<String> rooms) throws DirectoryUnavailableException {
        List<String> args = new ArrayList<>(rooms.size() + 2);
        args.add(prefix);
        args.add(relayId);
        args.addAll(rooms);
        link.call(jedis -> jedis.eval(RELEASE, List.of(), args));
    }

    /** Takes the relay out of the registry with its rooms, so placements go elsewhere at once. */
    void withdraw(String relayId) throws DirectoryUnavailableException {
        link.call(jedis -> jedis.eval(WITHDRAW, List.of(), List.of(prefix, relayId)));
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
