package dev.vc.relay.placement;

import java.util.Objects;

/**
 * What a cluster decided about a join of a room this relay does not serve, or serves but has no place left in: serve
 * it here, serve it here too (the room spans relays: admit the join and open a trunk to each relay that served the
 * room before), send the client to the relay that serves it (or that it was placed on), or refuse it for now.
 *
 * <pre>{@code
 * switch (placement) {
 *     case Placement.Serve serve -> admit the join
 *     case Placement.ServeToo too -> admit the join, open a trunk to each of too.others()
 *     case Placement.Redirect to -> answer REDIRECT(to.host(), to.controlPort())
 *     case Placement.Refuse no -> answer JOIN_REJECTED(CLUSTER_UNAVAILABLE, no.detail())
 * }
 * }</pre>
 */
public sealed interface Placement {
    /** The room is (now) this relay's: admit the join. */
    record Serve() implements Placement {
    }

    /**
     * The room is served by other relays as well, and this relay joined the relays that serve it: admit the join and
     * open a trunk for the room to each of {@code others} (the relays that joined the room's set before this one; those
     * that join after open theirs to this one, so each pair has one trunk).
     *
     * @param others the relays that served the room before this one, at least one
     */
    record ServeToo(java.util.List<Relay> others) implements Placement {
        /** Checks and copies the list. */
        public ServeToo {
            others = java.util.List.copyOf(others);
            if (others.isEmpty()) {
                throw new IllegalArgumentException("serving a room too takes another relay that serves it");
            }
        }
    }

    /**
     * Another relay of the cluster, where relays reach its control port.
     *
     * @param relayId     its id in the cluster
     * @param host        its control host
     * @param controlPort its control port
     */
    record Relay(String relayId, String host, int controlPort) {
        /** Checks the fields. */
        public Relay {
            Objects.requireNonNull(relayId, "relayId");
            Objects.requireNonNull(host, "host");
            if (controlPort < 1 || controlPort > 65_535) {
                throw new IllegalArgumentException("control port out of range: " + controlPort);
            }
        }
    }

    /**
     * The room is another relay's.
     *
     * @param relayId     that relay's id in the cluster, for logs and metrics
     * @param host        its control host as clients reach it (and as its certificate names it)
     * @param controlPort its control port
     */
    record Redirect(String relayId, String host, int controlPort) implements Placement {
        /** Checks the fields. */
        public Redirect {
            Objects.requireNonNull(relayId, "relayId");
            Objects.requireNonNull(host, "host");
            if (controlPort < 1 || controlPort > 65_535) {
                throw new IllegalArgumentException("control port out of range: " + controlPort);
            }
        }
    }

    /**
     * The cluster cannot place the room now (its directory is unreachable, or every relay is full).
     *
     * @param full   true when every relay of the cluster is full, false when the directory cannot be reached
     * @param detail a sentence for the client, naming no secret
     */
    record Refuse(boolean full, String detail) implements Placement {
        /** Checks the detail. */
        public Refuse {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
