package dev.vc.record;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.CoreSettings;
import dev.vc.api.EncodedFrame;
import dev.vc.api.MediaBinding;
import dev.vc.api.MediaIdentity;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.RemoteStream;
import dev.vc.api.Transport;
import dev.vc.api.TransportListener;
import dev.vc.api.TransportProvider;
import dev.vc.api.TransportSettings;
import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.JoinRejectedException;
import dev.vc.api.control.RelayTrust;
import dev.vc.codec.h264.natives.FfmpegNatives;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A recorder: a headless participant that joins a room, sends nothing, and writes every other participant's stream
 * to its own Matroska file without re-encoding (H.264 as it arrived, JPEG as MJPEG), with the frames' RTP
 * timestamps. A stream's file starts at its first keyframe (the recorder asks for one); a keyframe of another
 * picture size starts a new file; a participant's file is closed (index and duration written) when the participant
 * leaves, and every file when the recorder is closed.
 *
 * <pre>{@code
 * try (Recorder recorder = Recorder.builder()
 *         .relay(new InetSocketAddress("relay.example", 5000))
 *         .room("team").secret("s3cret")
 *         .directory(Path.of("recordings"))          // or vc.record.dir
 *         .build()) {                                // joins; throws JoinRejectedException if refused
 *     recorder.start();
 *     ...
 *     System.out.println(recorder.stats());
 * }
 * }</pre>
 *
 * <p>Files are named {@code <room>-<participant>-<ssrc>-<n>.mkv} ({@code .mp4} with {@code vc.record.container=mp4};
 * unsafe characters of the names replaced by
 * {@code _}). Frames are written on the transport's receive thread, which is all the recorder's work; the control
 * connection's thread closes the files of participants who leave. The room sees the recorder as a participant
 * (named by {@code vc.record.name}) that shows no picture.
 */
public final class Recorder implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Recorder.class.getName());

    private final String room;
    private final Path directory;
    private final Container container;
    private final ControlClient control;
    private final Transport transport;
    private final Roster roster;
    private final Map<Integer, StreamRecording> streams = new HashMap<>();
    private final List<Path> closedFiles = new ArrayList<>();
    private long closedFramesWritten;
    private long closedFramesSkipped;
    private boolean started;
    private boolean closed;

    private Recorder(String room, Path directory, Container container, ControlClient control, Transport transport,
                     Roster roster) {
        this.room = room;
        this.directory = directory;
        this.container = container;
        this.control = control;
        this.transport = transport;
        this.roster = roster;
        roster.onLeft = this::end;
    }

    /** @return a builder; configuration defaults to {@link Config#load()} */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts receiving and recording. Called once. */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "recorder closed" : "recorder already started");
        }
        started = true;
        transport.start(new TransportListener() {
            @Override
            public void onFrame(RemoteStream stream, EncodedFrame frame) {
                record(stream, frame);
            }

            @Override
            public void onFrameLost(RemoteStream stream) {
                lost(stream);
            }
        });
    }

    private synchronized void record(RemoteStream stream, EncodedFrame frame) {
        if (closed) {
            return;
        }
        StreamRecording recording = streams.computeIfAbsent(stream.ssrc(), this::newRecording);
        boolean wantsKeyframe;
        try {
            wantsKeyframe = recording.onFrame(frame);
        } catch (RecordingException e) {
            LOG.log(System.Logger.Level.ERROR, "recording of stream {0} stopped: {1}",
                    Integer.toHexString(stream.ssrc()), e.getMessage());
            end(stream.ssrc());
            return;
        }
        if (wantsKeyframe) {
            transport.requestKeyframe(stream.ssrc());
        }
    }

    private synchronized void lost(RemoteStream stream) {
        StreamRecording recording = streams.get(stream.ssrc());
        if (recording != null) {
            recording.onFrameLost();
        }
    }

    private StreamRecording newRecording(int ssrc) {
        String participant = safe(Objects.requireNonNullElse(roster.nameOf(ssrc), "unknown"));
        String prefix = safe(room) + "-" + participant + "-" + String.format(Locale.ROOT, "%08x", ssrc);
        return new StreamRecording(container,
                index -> directory.resolve(prefix + "-" + index + "." + container.extension()));
    }

    /** Replaces what a file name should not hold: anything but letters, digits, '.', '_' and '-'. */
    static String safe(String name) {
        String safe = name.replaceAll("[^\\p{L}\\p{N}._-]", "_");
        return safe.startsWith(".") ? "_" + safe.substring(1) : safe;
    }

    /** Closes the stream's file: its participant left, or its file failed. */
    private synchronized void end(int ssrc) {
        StreamRecording recording = streams.remove(ssrc);
        if (recording != null) {
            finish(recording);
        }
    }

    private void finish(StreamRecording recording) {
        try {
            recording.close();
        } catch (RecordingException e) {
            LOG.log(System.Logger.Level.ERROR, "a recording did not close cleanly: {0}", e.getMessage());
        }
        closedFiles.addAll(recording.files());
        closedFramesWritten += recording.framesWritten();
        closedFramesSkipped += recording.framesSkipped();
    }

    /** @return what was recorded so far */
    public synchronized RecorderStats stats() {
        List<Path> files = new ArrayList<>(closedFiles);
        long written = closedFramesWritten;
        long skipped = closedFramesSkipped;
        for (StreamRecording recording : streams.values()) {
            files.addAll(recording.files());
            written += recording.framesWritten();
            skipped += recording.framesSkipped();
        }
        return new RecorderStats(streams.size(), files, written, skipped);
    }

    /** @return this recorder's session in the room (its participant id and SSRC) */
    public ControlMessage.JoinAccepted session() {
        return control.session();
    }

    /** Leaves the room and closes every file cleanly. Idempotent; safe from a shutdown hook. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            transport.close();     // no more frames: the receive thread has ended
        } finally {
            try {
                control.close();
            } finally {
                synchronized (this) {
                    streams.values().forEach(this::finish);
                    streams.clear();
                }
            }
        }
    }

    /** The room's participants, by SSRC, from the control channel; tells the recorder who left. */
    private static final class Roster implements ControlClient.Listener {
        private final Map<Integer, ControlMessage.Participant> byId = new ConcurrentHashMap<>();
        private volatile java.util.function.IntConsumer onLeft = ssrc -> { };

        String nameOf(int ssrc) {
            for (ControlMessage.Participant p : byId.values()) {
                if (p.ssrc() == ssrc) {
                    return p.displayName();
                }
            }
            return null;
        }

        @Override
        public void onParticipantJoined(ControlMessage.Participant participant) {
            byId.put(participant.participantId(), participant);
        }

        @Override
        public void onParticipantLeft(int participantId, String reason) {
            ControlMessage.Participant left = byId.remove(participantId);
            if (left != null) {
                onLeft.accept(left.ssrc());
            }
        }
    }

    /** Builds a {@link Recorder}: relay, room and secret, the directory and the configuration. */
    public static final class Builder {
        private InetSocketAddress relay;
        private Config config;
        private final List<String[]> overrides = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param relay the relay's control address
         * @return this
         */
        public Builder relay(InetSocketAddress relay) {
            this.relay = Objects.requireNonNull(relay, "relay");
            return this;
        }

        /**
         * @param config the configuration ({@code CoreSettings}, {@link RecordSettings}); default {@link Config#load()}
         * @return this
         */
        public Builder config(Config config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * @param key   a configuration key
         * @param value its value, overriding the configuration's
         * @return this
         */
        public Builder set(String key, String value) {
            overrides.add(new String[] {Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value")});
            return this;
        }

        /**
         * @param room the room to record ({@code vc.room})
         * @return this
         */
        public Builder room(String room) {
            return set(CoreSettings.ROOM.key(), room);
        }

        /**
         * @param secret the room's secret ({@code vc.room.secret})
         * @return this
         */
        public Builder secret(String secret) {
            return set(CoreSettings.ROOM_SECRET.key(), secret);
        }

        /**
         * @param directory where the files go ({@code vc.record.dir})
         * @return this
         */
        public Builder directory(Path directory) {
            return set(RecordSettings.DIRECTORY.key(), directory.toString());
        }

        /**
         * Creates the directory, joins the room and opens the transport; on failure closes what it opened.
         *
         * @return the recorder, not yet started
         * @throws JoinRejectedException if the relay refused the join
         * @throws RecordingException    if the directory cannot be created
         * @throws dev.vc.api.VcException (another typed subclass) if the relay is unreachable or the transport fails
         */
        public Recorder build() {
            Objects.requireNonNull(relay, "relay address not set");
            Config merged = config != null ? config : Config.load();
            for (String[] kv : overrides) {
                merged = merged.with(kv[0], kv[1]);
            }
            String room = merged.get(CoreSettings.ROOM);
            Path directory = Path.of(merged.get(RecordSettings.DIRECTORY));
            Container container = Container.named(merged.get(RecordSettings.CONTAINER));
            if (!FfmpegNatives.muxers().available()) {                 // before joining: a recorder that cannot write
                throw new RecordingException("FFmpeg's muxers are not available: " + FfmpegNatives.muxers().reason());
            }
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new RecordingException("cannot create the recordings directory " + directory, e);
            }
            TransportProvider transports = ProviderRegistry.transports().select(merged);
            MediaIdentity identity = mediaIdentity(transports, merged);
            Roster roster = new Roster();
            // A join names one codec and one layer; the recorder sends neither (the relay forwards everyone to it).
            ControlClient control = ControlClient.join(relay, RelayTrust.from(merged), new ControlMessage.Join(room,
                    merged.get(RecordSettings.NAME), Objects.requireNonNullElse(merged.get(CoreSettings.ROOM_SECRET), ""),
                    Set.of(VideoCodec.JPEG), EnumSet.allOf(VideoCodec.class), List.of(ControlMessage.Layer.UNSTATED),
                    identity == null ? "" : identity.fingerprint()), roster,
                    Duration.ofMillis(merged.get(CoreSettings.CONNECT_TIMEOUT_MS)));
            try {
                ControlMessage.JoinAccepted session = control.session();
                String relayFingerprint = session.mediaFingerprint();
                if (identity != null && relayFingerprint.isEmpty()) {
                    throw new JoinRejectedException(ControlMessage.RejectReason.MEDIA_SECURITY_MISMATCH,
                            "the relay accepted plain RTP media but the recorder asked for SRTP; set "
                                    + "vc.media.security=insecure to receive plain RTP");
                }
                control.roster().forEach(roster::onParticipantJoined);
                TransportSettings settings = TransportSettings.to(
                                new InetSocketAddress(relay.getAddress(), session.mediaPort()), merged)
                        .withBinding(new MediaBinding(session.participantId(), session.ssrc(), session.sessionKey(),
                                session.layerSsrcs(), identity, identity == null ? null : relayFingerprint));
                Transport transport = transports.open(settings);
                LOG.log(System.Logger.Level.INFO, "recording room {0} into {1} as #{2}", room, directory,
                        session.participantId());
                return new Recorder(room, directory, container, control, transport, roster);
            } catch (RuntimeException e) {
                control.close();
                throw e;
            }
        }

        /** The transport's DTLS identity for SRTP, or null when {@code vc.media.security} is insecure. */
        private static MediaIdentity mediaIdentity(TransportProvider transports, Config config) {
            if (!"srtp".equals(config.get(CoreSettings.MEDIA_SECURITY))) {
                return null;
            }
            MediaIdentity identity = transports.newMediaIdentity();
            if (identity == null) {
                throw new ConfigException("transport '" + transports.name() + "' receives only plain RTP: set "
                        + "vc.media.security=insecure to use it");
            }
            return identity;
        }
    }
}
