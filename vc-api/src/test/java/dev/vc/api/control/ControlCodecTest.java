package dev.vc.api.control;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.api.control.ControlMessage.JoinAccepted;
import dev.vc.api.control.ControlMessage.JoinRejected;
import dev.vc.api.control.ControlMessage.Keepalive;
import dev.vc.api.control.ControlMessage.Leave;
import dev.vc.api.control.ControlMessage.Participant;
import dev.vc.api.control.ControlMessage.ParticipantJoined;
import dev.vc.api.control.ControlMessage.ParticipantLeft;
import dev.vc.api.control.ControlMessage.RejectReason;
import dev.vc.api.control.ControlMessage.StreamState;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ControlCodecTest {
    /** Where a JOIN_ACCEPTED frame's roster count is: prefix, version, type, id, ssrc, port, key, keepalive. */
    private static final int ROSTER_COUNT_AT = 4 + 1 + 1 + 4 + 4 + 2 + 32 + 4;

    @Property
    void everyMessageSurvivesEncodeThenDecode(@ForAll("messages") ControlMessage message) {
        ByteBuffer frame = ControlCodec.encode(message);
        int length = frame.getInt();
        assertEquals(frame.remaining(), length, "length prefix counts the rest of the frame");
        assertEquals(message, ControlCodec.decode(frame));
    }

    @Property
    void arbitraryBytesDecodeOrFailWithMalformedMessage(@ForAll @Size(max = 600) byte[] bytes) {
        try {
            ControlCodec.decode(ByteBuffer.wrap(bytes));
        } catch (MalformedMessageException expected) {
            // the only failure allowed
        }
    }

    @Property
    void everyTruncationOfAValidMessageIsRejected(@ForAll("messages") ControlMessage message) {
        ByteBuffer frame = ControlCodec.encode(message);
        frame.getInt();
        byte[] body = new byte[frame.remaining()];
        frame.get(body);
        for (int cut = 0; cut < body.length; cut++) {
            ByteBuffer truncated = ByteBuffer.wrap(body, 0, cut);
            assertThrows(MalformedMessageException.class, () -> ControlCodec.decode(truncated), "cut at " + cut);
        }
    }

    @Test
    void shouldRejectAnotherVersionWithItsNumber() {
        ByteBuffer frame = ControlCodec.encode(new Keepalive());
        frame.put(ControlCodec.LENGTH_BYTES, (byte) 9);
        frame.getInt();
        UnsupportedVersionException e = assertThrows(UnsupportedVersionException.class, () -> ControlCodec.decode(frame));
        assertEquals(9, e.version());
    }

    @Test
    void shouldRejectARosterCountTheBytesCannotHold() {
        ByteBuffer frame = ControlCodec.encode(new JoinAccepted(1, 2, 5001, new byte[32], 1000, List.of()));
        frame.putShort(ROSTER_COUNT_AT, (short) 5000);
        frame.getInt();
        assertThrows(MalformedMessageException.class, () -> ControlCodec.decode(frame));
    }

    @Test
    void shouldCarryEachLayersRtxSsrcAfterTheLayerSsrcs() {
        ByteBuffer frame = ControlCodec.encode(new JoinAccepted(1, 0x10, 5001, new byte[32], 1000, List.of(),
                List.of(0x10, 0x20)));
        assertEquals(ControlCodec.VERSION, frame.get(ControlCodec.LENGTH_BYTES));
        // then the fingerprint: one length byte, empty for plain RTP
        assertEquals(0x11, frame.getInt(frame.limit() - 9));
        assertEquals(0x21, frame.getInt(frame.limit() - 5));
        assertEquals(List.of(0x11, 0x21), ((JoinAccepted) ControlCodec.decode(frame.position(4))).rtxSsrcs());
    }

    @Test
    void shouldRejectRtxSsrcsThatDoNotPairWithTheLayers() {
        ByteBuffer frame = ControlCodec.encode(new JoinAccepted(1, 0x10, 5001, new byte[32], 1000, List.of()));
        frame.putInt(frame.limit() - 5, 0x12);
        frame.getInt();
        assertThrows(MalformedMessageException.class, () -> ControlCodec.decode(frame));
        assertThrows(IllegalArgumentException.class, () -> new JoinAccepted(1, 0x10, 5001, new byte[32], 1000,
                List.of(), List.of(0x10), List.of(0x10), ""));
    }

    @Test
    void shouldRejectAFingerprintNotInSdpForm() {
        Join join = new Join("r", "n", "", Set.of(VideoCodec.JPEG), Set.of(VideoCodec.JPEG),
                List.of(ControlMessage.Layer.UNSTATED), "sha-256 " + "AB:".repeat(31) + "AB");
        ByteBuffer frame = ControlCodec.encode(join);
        frame.put(frame.limit() - 1, (byte) 'x');  // lower case is not the SDP form
        frame.getInt();
        assertThrows(MalformedMessageException.class, () -> ControlCodec.decode(frame));
        assertThrows(IllegalArgumentException.class, () -> new Join("r", "n", "", Set.of(VideoCodec.JPEG),
                Set.of(VideoCodec.JPEG), List.of(ControlMessage.Layer.UNSTATED), "sha-1 AB"));
    }

    @Test
    void shouldRejectInvalidUtf8() {
        byte[] body = {1, 1, 2, (byte) 0xC3, (byte) 0x28, 1, 'a', 0, 1, 1};
        assertThrows(MalformedMessageException.class, () -> ControlCodec.decode(ByteBuffer.wrap(body)));
    }

    @Provide
    Arbitrary<ControlMessage> messages() {
        Arbitrary<String> names = Arbitraries.strings().ofMinLength(1).ofMaxLength(60);
        Arbitrary<String> maybeEmpty = Arbitraries.strings().ofMaxLength(60);
        Arbitrary<Set<VideoCodec>> codecs = Arbitraries.of(VideoCodec.class).set();
        Arbitrary<Participant> participant = Combinators.combine(Arbitraries.integers(), Arbitraries.integers(), names,
                Arbitraries.of(VideoCodec.class)).as(Participant::new);
        Arbitrary<ControlMessage.Layer> layer = Combinators.combine(Arbitraries.integers().between(0, 65535),
                Arbitraries.integers().between(0, 65535), Arbitraries.integers().between(0, Integer.MAX_VALUE))
                .as(ControlMessage.Layer::new);
        Arbitrary<String> fingerprints = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.bytes().array(byte[].class)
                .ofSize(32).map(b -> "sha-256 " + java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(b)));
        Arbitrary<ControlMessage> join = Combinators.combine(names, names, maybeEmpty, codecs, codecs,
                layer.list().ofMinSize(1).ofMaxSize(ControlMessage.MAX_LAYERS), fingerprints).as(Join::new);
        Arbitrary<ControlMessage> accepted = Combinators.combine(Arbitraries.integers(), Arbitraries.integers(),
                Arbitraries.integers().between(1, 65535), Arbitraries.bytes().array(byte[].class).ofSize(32),
                Arbitraries.integers().between(1, 60_000), participant.list().ofMaxSize(12),
                Arbitraries.integers().list().uniqueElements().ofMinSize(0).ofMaxSize(ControlMessage.MAX_LAYERS - 1),
                fingerprints)
                .as((id, ssrc, port, key, keepalive, roster, more, fingerprint) -> {
                    java.util.List<Integer> ssrcs = new java.util.ArrayList<>(java.util.List.of(ssrc));
                    more.stream().filter(s -> !s.equals(ssrc)).forEach(ssrcs::add);
                    return new JoinAccepted(id, ssrc, port, key, keepalive, roster, ssrcs, fingerprint);
                });
        Arbitrary<ControlMessage> wanted = Arbitraries.integers().between(0, 7).map(ControlMessage.LayersWanted::new);
        Arbitrary<ControlMessage> view = Combinators.combine(Arbitraries.integers(),
                Arbitraries.integers().between(0, 65535), Arbitraries.integers().between(0, 65535))
                .as(ControlMessage.ViewSize::new);
        Arbitrary<ControlMessage> rejected = Combinators.combine(Arbitraries.of(RejectReason.class), maybeEmpty)
                .as(JoinRejected::new);
        Arbitrary<ControlMessage> joined = participant.map(ParticipantJoined::new);
        Arbitrary<ControlMessage> left = Combinators.combine(Arbitraries.integers(), maybeEmpty).as(ParticipantLeft::new);
        Arbitrary<ControlMessage> state = Combinators.combine(Arbitraries.integers(), Arbitraries.of(true, false))
                .as(StreamState::new);
        Arbitrary<ControlMessage> redirect = Combinators.combine(names, Arbitraries.integers().between(1, 65535))
                .as(ControlMessage.Redirect::new);
        Arbitrary<ControlMessage> trunk = Combinators.combine(names, names,
                Arbitraries.bytes().array(byte[].class).ofSize(ControlMessage.Trunk.PROOF_BYTES), fingerprints)
                .as(ControlMessage.Trunk::new);
        return Arbitraries.oneOf(join, accepted, rejected, joined, left, state, wanted, view, redirect, trunk,
                Arbitraries.just(new Leave()), Arbitraries.just(new Keepalive()));
    }
}
