package dev.vc.relay.placement;

import java.util.Objects;

/**
 * What a cluster decided about a join of a room this relay does not serve: serve it here, send the client to the
 * relay that serves it (or that it was placed on), or refuse it for now.
 *
 * <pre>{@code
 * switch (placement) {
 *     case Placement.Serve serve -> admit the join
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
