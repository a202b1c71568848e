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
 * vc:room:&lt;room&gt;           string  the id of the relay the room was placed on (its home: joins go there while it
 *                                   has a place), PX lease, renewed by that relay
 * vc:room:&lt;room&gt;:relays    hash    every relay serving the room (the home one and those serving it too) and its
 *                                   own participants there, PX lease, renewed by each of them
 * </pre>
 *
 * A room whose relay's lease expired is free: the next placement gives it to a live relay; a dead relay's entry in a
 * room's relays is pruned at the next look. Relays join a room's relays one at a time ({@link #span}, atomic), each
 * learning those that joined before it, to which it opens trunks: so each pair of a room's relays has one trunk.
 * Scripts read keys they derive from their arguments, which a single Redis (not Redis Cluster) allows.
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
            local served = {}
            for i = 5, #ARGV, 2 do
              served[ARGV[i]] = true
              local roomKey = p .. 'room:' .. ARGV[i]
              local relaysKey = roomKey .. ':relays'
              local owner = redis.call('get', roomKey)
              local ownerLive = owner and redis.call('exists', p .. 'relay:' .. owner) == 1
              if owner and owner ~= id and ownerLive and redis.call('hexists', relaysKey, id) == 0 then
                conflicts = conflicts + 1
              else
                if not ownerLive or owner == id then redis.call('set', roomKey, id, 'px', ttl) end
                redis.call('hset', relaysKey, id, ARGV[i + 1])
                redis.call('pexpire', relaysKey, ttl)
                redis.call('sadd', roomsKey, ARGV[i])
              end
            end
            for _, room in ipairs(redis.call('smembers', roomsKey)) do
              if not served[room] then redis.call('hdel', p .. 'room:' .. room .. ':relays', id) end
              if redis.call('get', p .. 'room:' .. room) ~= id
                  and redis.call('hexists', p .. 'room:' .. room .. ':relays', id) == 0 then
                redis.call('srem', roomsKey, room)
              end
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
            redis.call('hset', p .. 'room:' .. room .. ':relays', candidate, 0)
            redis.call('pexpire', p .. 'room:' .. room .. ':relays', ttl)
            redis.call('sadd', p .. 'relay:' .. candidate .. ':rooms', room)
            redis.call('pexpire', p .. 'relay:' .. candidate .. ':rooms', ttl)
            return candidate
            """;
    /** Gives up a room the relay holds. */
    private static final String RELEASE = """
            local p, id = ARGV[1], ARGV[2]
            for i = 3, #ARGV do
              if redis.call('get', p .. 'room:' .. ARGV[i]) == id then redis.call('del', p .. 'room:' .. ARGV[i]) end
              redis.call('hdel', p .. 'room:' .. ARGV[i] .. ':relays', id)
              redis.call('srem', p .. 'relay:' .. id .. ':rooms', ARGV[i])
            end
            return 1
            """;
    /** Leaves the registry: lease, rooms set, index entry. */
    private static final String WITHDRAW = """
            local p, id = ARGV[1], ARGV[2]
            for _, room in ipairs(redis.call('smembers', p .. 'relay:' .. id .. ':rooms')) do
              if redis.call('get', p .. 'room:' .. room) == id then redis.call('del', p .. 'room:' .. room) end
              redis.call('hdel', p .. 'room:' .. room .. ':relays', id)
            end
            redis.call('del', p .. 'relay:' .. id, p .. 'relay:' .. id .. ':rooms')
            redis.call('srem', p .. 'relays', id)
            return 1
            """;

    /** The live relays serving a room, with their own participants there; prunes dead relays' entries. */
    private static final String ROOM_RELAYS = """
            local p, room = ARGV[1], ARGV[2]
            local relaysKey = p .. 'room:' .. room .. ':relays'
            local out = {}
            local entries = redis.call('hgetall', relaysKey)
            for i = 1, #entries, 2 do
              if redis.call('exists', p .. 'relay:' .. entries[i]) == 1 then
                out[#out + 1] = entries[i]
                out[#out + 1] = entries[i + 1]
              else
                redis.call('hdel', relaysKey, entries[i])
              end
            end
            return out
            """;
    /**
     * Adds the relay to the room's relays (the room's home too, if it has no live one); answers the live relays that
     * were there before it.
     */
    private static final String SPAN = """
            local p, room, id, here, ttl = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
            local roomKey = p .. 'room:' .. room
            local relaysKey = roomKey .. ':relays'
            local before = {}
            for _, other in ipairs(redis.call('hkeys', relaysKey)) do
              if other ~= id then
                if redis.call('exists', p .. 'relay:' .. other) == 1 then before[#before + 1] = other
                else redis.call('hdel', relaysKey, other) end
              end
            end
            redis.call('hset', relaysKey, id, here)
            redis.call('pexpire', relaysKey, ttl)
            local owner = redis.call('get', roomKey)
            if not owner or redis.call('exists', p .. 'relay:' .. owner) == 0 then
              redis.call('set', roomKey, id, 'px', ttl)
            end
            redis.call('sadd', p .. 'relay:' .. id .. ':rooms', room)
            redis.call('pexpire', p .. 'relay:' .. id .. ':rooms', ttl)
            return before
            """;

    /**
     * A live relay serving a room.
     *
     * @param relayId      its id
     * @param participants its own participants in the room, at its last report
     */
    record RoomRelay(String relayId, int participants) {
    }

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

    /**
     * Registers or renews the relay's lease, and the rooms it serves with its own participants in each (each room
     * unless another live relay holds it and this one did not join its relays: a conflict).
     */
    Renewal renew(RelayLease lease, java.util.Map<String, Integer> rooms) throws DirectoryUnavailableException {
        List<String> args = new ArrayList<>(2 * rooms.size() + 4);
        args.add(prefix);
        args.add(lease.id());
        args.add(lease.encode());
        args.add(ttl);
        rooms.forEach((room, participants) -> {
            args.add(room);
            args.add(Integer.toString(participants));
        });
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

    /** @return the live relays serving {@code room}, each with its own participants there */
    List<RoomRelay> roomRelays(String room) throws DirectoryUnavailableException {
        List<?> answer = (List<?>) link.call(jedis -> jedis.eval(ROOM_RELAYS, List.of(), List.of(prefix, room)));
        List<RoomRelay> relays = new ArrayList<>();
        for (int i = 0; i + 1 < answer.size(); i += 2) {
            relays.add(new RoomRelay((String) answer.get(i), Integer.parseInt((String) answer.get(i + 1))));
        }
        return relays;
    }

    /**
     * Makes {@code relayId} one of the relays serving {@code room}, atomically.
     *
     * @param here its own participants in the room now
     * @return the ids of the live relays that served the room before it (to which it opens trunks)
     */
    List<String> span(String room, String relayId, int here) throws DirectoryUnavailableException {
        List<?> answer = (List<?>) link.call(jedis -> jedis.eval(SPAN, List.of(),
                List.of(prefix, room, relayId, Integer.toString(here), ttl)));
        List<String> before = new ArrayList<>();
        for (Object id : answer) {
            before.add((String) id);
        }
        return before;
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
