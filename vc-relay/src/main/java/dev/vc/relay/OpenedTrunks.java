package dev.vc.relay;

import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.RelayTrust;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The trunks this relay opens to other relays of its rooms, kept open while they are wanted: a trunk is wanted from
 * {@link #open} until its room has no participant of this relay's own left (the directory then closes the room's
 * trunks), or the other relay refuses it. A trunk lost while wanted (the connection broke, the other relay went
 * silent or could not be reached) is opened again after a pause that doubles from {@value #FIRST_PAUSE_MILLIS} ms, at
 * most {@value #MAX_ATTEMPTS} times in a row, then given up; each reopening and each giving up is counted. Bounded by
 * the rooms here times the relays of the cluster. Control thread only, but for the counters.
 */
final class OpenedTrunks {
    private static final System.Logger LOG = System.getLogger(OpenedTrunks.class.getName());
    /** Attempts in a row that fail before a trunk is given up. */
    static final int MAX_ATTEMPTS = 5;
    static final long FIRST_PAUSE_MILLIS = 200;

    /** Binds a trunk member the other relay accepted to its media (on the media thread). */
    interface Binder {
        /**
         * @param trunk     the trunk member
         * @param peerMedia the other relay's media address
         */
        void bind(Member trunk, InetSocketAddress peerMedia);
    }

    private record Key(String room, String peerId) {
    }

    /** One wanted trunk: where to, and how its attempts go. */
    private static final class Wanted {
        final InetSocketAddress peer;
        int failures;
        /** When to try again (System.nanoTime), or 0 while connecting or open. */
        long retryAt;

        Wanted(InetSocketAddress peer) {
            this.peer = peer;
        }
    }

    private final RoomDirectory directory;
    private final ControlServer control;
    private final RelayTrust trust;
    private final String secret;
    private final String relayId;
    private final String mediaFingerprint;
    private final Binder binder;
    private final Map<Key, Wanted> wanted = new HashMap<>();
    private volatile long reopened;
    private volatile long givenUp;

    /**
     * @param trust            how the other relays are verified (this relay's own certificate pinned: a cluster shares
     *                         one)
     * @param secret           the cluster's trunk secret
     * @param relayId          this relay's id, which the proofs name
     * @param mediaFingerprint this relay's DTLS fingerprint, or empty for plain RTP
     */
    OpenedTrunks(RoomDirectory directory, ControlServer control, RelayTrust trust, String secret, String relayId,
                 String mediaFingerprint, Binder binder) {
        this.directory = directory;
        this.control = control;
        this.trust = trust;
        this.secret = secret;
        this.relayId = relayId;
        this.mediaFingerprint = mediaFingerprint;
        this.binder = binder;
    }

    /**
     * Control thread: opens a trunk for {@code room} to another relay, unless one to it is wanted already.
     *
     * @param peer   the other relay's control address
     * @param peerId its id
     */
    void open(String room, InetSocketAddress peer, String peerId) {
        Key key = new Key(room, peerId);
        if (wanted.containsKey(key)) {
            return;
        }
        Wanted trunk = new Wanted(peer);
        wanted.put(key, trunk);
        dial(key, trunk);
    }

    /** Control thread: opens again the lost trunks whose pause is over. */
    void tick(long now) {
        for (Map.Entry<Key, Wanted> e : wanted.entrySet()) {
            Wanted trunk = e.getValue();
            if (trunk.retryAt != 0 && now - trunk.retryAt >= 0) {
                trunk.retryAt = 0;
                reopened++;
                dial(e.getKey(), trunk);
            }
        }
    }

    /** @return trunks opened again after one was lost */
    long reopened() {
        return reopened;
    }

    /** @return trunks given up after {@value #MAX_ATTEMPTS} attempts in a row failed */
    long givenUp() {
        return givenUp;
    }

    private void dial(Key key, Wanted trunk) {
        ControlMessage.Trunk request = new ControlMessage.Trunk(key.room(), relayId,
                TrunkProof.of(secret, key.room(), relayId), mediaFingerprint);
        control.openTrunk(new OutgoingTrunk(trunk.peer, trust, request, new OutgoingTrunk.Listener() {
            @Override
            public Member accepted(ControlPeer connection, ControlMessage.JoinAccepted accepted) {
                return opened(key, trunk, connection, accepted);
            }

            @Override
            public void ended(String reason, boolean refused) {
                lost(key, trunk, reason, refused);
            }
        }));
    }

    /** The other relay accepted: the trunk member, bound to its media, and the remote members its answer names. */
    private Member opened(Key key, Wanted trunk, ControlPeer connection, ControlMessage.JoinAccepted accepted) {
        if (wanted.get(key) != trunk || !directory.hasLocal(key.room())) {
            return null;   // no participant here any more: not wanted
        }
        long now = System.nanoTime();
        Member member = directory.openTrunk(key.room(), key.peerId(), accepted, connection, now);
        if (member == null) {
            return null;
        }
        trunk.failures = 0;
        binder.bind(member, new InetSocketAddress(trunk.peer.getAddress(), accepted.mediaPort()));
        for (ControlMessage.Participant participant : accepted.roster()) {
            directory.addRemote(member, participant, now);
        }
        return member;
    }

    /** The trunk's connection ended: opened again later while wanted, else forgotten. */
    private void lost(Key key, Wanted trunk, String reason, boolean refused) {
        if (wanted.get(key) != trunk) {
            return;
        }
        if (refused || !directory.hasLocal(key.room())) {
            wanted.remove(key);
            LOG.log(System.Logger.Level.INFO, "trunk to relay {0} for ''{1}'' closed: {2}", key.peerId(), key.room(),
                    reason);
            return;
        }
        if (++trunk.failures > MAX_ATTEMPTS) {
            wanted.remove(key);
            givenUp++;
            LOG.log(System.Logger.Level.WARNING, "trunk to relay {0} for ''{1}'' given up after {2} attempts: {3}",
                    key.peerId(), key.room(), MAX_ATTEMPTS, reason);
            return;
        }
        long pause = FIRST_PAUSE_MILLIS << (trunk.failures - 1);
        trunk.retryAt = System.nanoTime() + pause * 1_000_000L;
        LOG.log(System.Logger.Level.INFO, "trunk to relay {0} for ''{1}'' lost ({2}); opening again in {3} ms",
                key.peerId(), key.room(), reason, Long.toString(pause));
    }
}
