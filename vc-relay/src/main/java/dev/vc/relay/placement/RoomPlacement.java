package dev.vc.relay.placement;

import java.util.concurrent.CompletionStage;

/**
 * A relay's part in a cluster: decides where rooms are served, and hears which rooms this relay serves and how many
 * of its own participants each has. The relay calls it on its control thread and never waits on it: {@link #place}
 * answers later, on the cluster's own thread, and the relay finishes the join when it does. An implementation does
 * all its I/O on threads of its own, so a slow or unreachable directory never stalls a running meeting.
 *
 * <pre>{@code
 * placement.place("team", 0).whenComplete((decision, failure) -> control.execute(() -> finishJoin(decision)));
 * placement.roomOpened("team");             // the room's first member joined here
 * placement.participantsChanged("team", 3); // three of this relay's own participants are in it
 * placement.roomClosed("team");             // its last member left
 * }</pre>
 */
public interface RoomPlacement extends AutoCloseable {
    /**
     * Where a join of {@code room} goes, which this relay does not serve, or serves with no place left (its
     * participants limit per room reached by its own participants). Any thread; does not block.
     *
     * @param room the room's name
     * @param here this relay's own participants in the room now (0 when it does not serve it)
     * @return completes with the decision, within the implementation's bound (a {@link Placement.Refuse} when it
     *         cannot decide in time); never completes exceptionally
     */
    CompletionStage<Placement> place(String room, int here);

    /**
     * This relay serves {@code room} now (its first member joined, an ingress opened it, or it came through
     * {@link #place}). Control thread; does not block.
     *
     * @param room the room's name
     */
    void roomOpened(String room);

    /**
     * This relay's own participants in {@code room} (those of other relays, over trunks, not counted) are now
     * {@code participants}. Control thread; does not block.
     *
     * @param room         the room's name
     * @param participants how many
     */
    void participantsChanged(String room, int participants);

    /**
     * This relay no longer serves {@code room} (its last member left). Control thread; does not block.
     *
     * @param room the room's name
     */
    void roomClosed(String room);

    /** @return the cluster's state now, for {@code /metrics}; any thread */
    ClusterStats stats();

    /** Leaves the cluster in good order (this relay's lease and rooms withdrawn) and stops its threads. */
    @Override
    void close();
}
