package dev.vc.relay.cluster.redis;

import java.util.Objects;

/**
 * What a relay's lease in the registry says of it: where clients reach it, its limits and its load. Stored as one
 * Redis string, {@code v1|id|host|controlPort|mediaPort|capacity|maxRooms|participants|rooms}.
 *
 * @param id           the relay's id
 * @param host         its control host as clients reach it
 * @param controlPort  its control port
 * @param mediaPort    its media port
 * @param capacity     participants it takes
 * @param maxRooms     rooms it takes
 * @param participants participants joined at the last renewal
 * @param rooms        rooms with members at the last renewal
 */
record RelayLease(String id, String host, int controlPort, int mediaPort, int capacity, int maxRooms,
                  int participants, int rooms) {
    private static final String VERSION = "v1";

    /** Checks the fields: neither the id nor the host may hold the separator. */
    RelayLease {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        if (id.indexOf('|') >= 0 || host.indexOf('|') >= 0) {
            throw new IllegalArgumentException("'|' in a relay id or host");
        }
    }

    /** @return the lease as stored */
    String encode() {
        return String.join("|", VERSION, id, host, Integer.toString(controlPort), Integer.toString(mediaPort),
                Integer.toString(capacity), Integer.toString(maxRooms), Integer.toString(participants),
                Integer.toString(rooms));
    }

    /**
     * @param value a stored lease
     * @return it, or null if it is not one this version reads (another version's relay, a damaged key)
     */
    static RelayLease decode(String value) {
        if (value == null) {
            return null;
        }
        String[] f = value.split("\\|", -1);
        if (f.length != 9 || !VERSION.equals(f[0])) {
            return null;
        }
        try {
            return new RelayLease(f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                    Integer.parseInt(f[6]), Integer.parseInt(f[7]), Integer.parseInt(f[8]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
