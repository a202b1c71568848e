package dev.vc.relay.placement;

import dev.vc.api.Config;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * The relay a {@link RoomPlacement} speaks for: where clients reach it, its limits and its load.
 *
 * @param config         the relay's configuration (the cluster reads its own {@code vc.cluster.*} keys from it)
 * @param controlAddress the bound control address (its host may be the wildcard address)
 * @param mediaPort      the bound media port
 * @param maxRooms       most rooms it serves at once
 * @param maxPerRoom     most participants in one room
 * @param participants   participants joined now; any thread
 * @param trunks         whether it opens and accepts trunks (it has the cluster's trunk secret): only then may a
 *                       room it serves span relays ({@link Placement.ServeToo})
 */
public record RelayNode(Config config, InetSocketAddress controlAddress, int mediaPort, int maxRooms, int maxPerRoom,
                        IntSupplier participants, boolean trunks) {
    /** Checks the fields. */
    public RelayNode {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(controlAddress, "controlAddress");
        Objects.requireNonNull(participants, "participants");
    }
}
