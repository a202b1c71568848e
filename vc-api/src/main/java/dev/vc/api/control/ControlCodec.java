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

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The control channel's binary format, version 3 (big-endian):
 *
 * <pre>
 * frame   = length:u32 version:u8 type:u8 body      (length counts version, type and body)
 * string  = n:u8 utf8[n]
 * codecs  = bitmask:u8                               (bit 0 JPEG, bit 1 H264; unknown bits ignored)
 * member  = id:u32 ssrc:u32 name:string codec:u8     (codec 1 JPEG, 2 H264)
 * layer   = width:u16 height:u16 bitrate:u32         (0: not stated)
 * fingerprint = string                               ("sha-256 AB:CD:..." as in SDP, RFC 8122; empty: plain RTP)
 * JOIN 1            room:string name:string secret:string sends:codecs receives:codecs n:u8 layer[n]  (n 1..3)
 *                   mediaFingerprint:fingerprint       (the client's DTLS certificate)
 * JOIN_ACCEPTED 2   id:u32 ssrc:u32 mediaPort:u16 key:u8[32] keepaliveMillis:u32 n:u16 member[n]
 *                   k:u8 layerSsrc:u32[k] rtxSsrc:u32[k] (k 1..3, the first equal to ssrc; rtxSsrc[i] =
 *                                                       layerSsrc[i] XOR 1, where layer i's retransmissions go)
 *                   mediaFingerprint:fingerprint       (the relay's DTLS certificate)
 * JOIN_REJECTED 3   reason:u8 detail:string
 * PARTICIPANT_JOINED 4  member
 * PARTICIPANT_LEFT 5    id:u32 reason:string
 * STREAM_STATE 6        id:u32 stale:u8
 * LEAVE 7, KEEPALIVE 8  (no body)
 * LAYERS_WANTED 9       mask:u8                       (bit k: layer k is received by someone)
 * VIEW_SIZE 10          id:u32 width:u16 height:u16
 * RESUME 11             token:u8[20]                 (client, before JOIN: resume the participant it names)
 * RESUME_TOKEN 12       token:u8[20]                 (relay, right after JOIN_ACCEPTED)
 * REDIRECT 13           host:string controlPort:u16   (relay of a cluster, instead of JOIN_ACCEPTED: join there)
 * TRUNK 14              room:string relayId:string proof:u8[32] mediaFingerprint:fingerprint  (relay to relay,
 *                                                     instead of JOIN: a trunk for the room; answered JOIN_ACCEPTED)
 * </pre>
 *
 * Decoding rejects anything else (trailing bytes too) with {@link MalformedMessageException}; it allocates
 * no more than the frame's own size. No Java serialization is involved.
 */
public final class ControlCodec {
    /**
     * The protocol version this codec speaks (3: {@code JOIN_ACCEPTED} lists each layer's RTX SSRC, joins and
     * acceptances carry DTLS certificate fingerprints).
     */
    public static final int VERSION = 3;
    /** Bytes of the length prefix. */
    public static final int LENGTH_BYTES = 4;
    /** Largest frame length (after the prefix) this codec writes or reads. */
    public static final int MAX_FRAME = 64 * 1024;

    /** Per-thread room to encode the largest frame; encoding threads are few (control threads). */
    private static final ThreadLocal<ByteBuffer> SCRATCH =
            ThreadLocal.withInitial(() -> ByteBuffer.allocate(LENGTH_BYTES + MAX_FRAME));

    private static final int JOIN = 1;
    private static final int JOIN_ACCEPTED = 2;
    private static final int JOIN_REJECTED = 3;
    private static final int PARTICIPANT_JOINED = 4;
    private static final int PARTICIPANT_LEFT = 5;
    private static final int STREAM_STATE = 6;
    private static final int LEAVE = 7;
    private static final int KEEPALIVE = 8;
    private static final int LAYERS_WANTED = 9;
    private static final int VIEW_SIZE = 10;
    private static final int RESUME = 11;
    private static final int RESUME_TOKEN = 12;
    private static final int REDIRECT = 13;
    private static final int TRUNK = 14;

    private ControlCodec() {
    }

    /**
     * Encodes a message as one frame, length prefix included.
     *
     * @param message the message
     * @return a buffer positioned at 0 holding the frame
     * @throws IllegalArgumentException if the message does not fit in {@link #MAX_FRAME} bytes
     */
    public static ByteBuffer encode(ControlMessage message) {
        ByteBuffer body = SCRATCH.get().clear();
        try {
            encodeInto(message, body);
        } catch (java.nio.BufferOverflowException e) {
            throw new IllegalArgumentException("message larger than " + MAX_FRAME + " bytes: " + message);
        }
        body.putInt(0, body.position() - LENGTH_BYTES);
        // The frame gets a buffer of its own size: a keepalive costs 6 bytes, not the largest frame's 64 KiB.
        return ByteBuffer.wrap(java.util.Arrays.copyOf(body.array(), body.position()));
    }

    private static void encodeInto(ControlMessage message, ByteBuffer body) {
        body.position(LENGTH_BYTES);
        body.put((byte) VERSION);
        if (message instanceof Join j) {
            body.put((byte) JOIN);
            putString(body, j.room());
            putString(body, j.displayName());
            putString(body, j.secret());
            body.put(codecMask(j.sends())).put(codecMask(j.receives()));
            body.put((byte) j.layers().size());
            for (ControlMessage.Layer layer : j.layers()) {
                body.putShort((short) layer.width()).putShort((short) layer.height()).putInt(layer.bitrateBps());
            }
            putString(body, j.mediaFingerprint());
        } else if (message instanceof JoinAccepted a) {
            body.put((byte) JOIN_ACCEPTED);
            body.putInt(a.participantId()).putInt(a.ssrc()).putShort((short) a.mediaPort()).put(a.sessionKey());
            body.putInt(a.keepaliveMillis()).putShort((short) a.roster().size());
            a.roster().forEach(p -> putParticipant(body, p));
            body.put((byte) a.layerSsrcs().size());
            a.layerSsrcs().forEach(body::putInt);
            a.rtxSsrcs().forEach(body::putInt);
            putString(body, a.mediaFingerprint());
        } else if (message instanceof JoinRejected r) {
            body.put((byte) JOIN_REJECTED).put((byte) r.reason().ordinal());
            putString(body, r.detail());
        } else if (message instanceof ParticipantJoined p) {
            body.put((byte) PARTICIPANT_JOINED);
            putParticipant(body, p.participant());
        } else if (message instanceof ParticipantLeft l) {
            body.put((byte) PARTICIPANT_LEFT).putInt(l.participantId());
            putString(body, l.reason());
        } else if (message instanceof StreamState s) {
            body.put((byte) STREAM_STATE).putInt(s.participantId()).put((byte) (s.stale() ? 1 : 0));
        } else if (message instanceof Leave) {
            body.put((byte) LEAVE);
        } else if (message instanceof Keepalive) {
            body.put((byte) KEEPALIVE);
        } else if (message instanceof ControlMessage.LayersWanted w) {
            body.put((byte) LAYERS_WANTED).put((byte) w.mask());
        } else if (message instanceof ControlMessage.ViewSize v) {
            body.put((byte) VIEW_SIZE).putInt(v.participantId()).putShort((short) v.width())
                    .putShort((short) v.height());
        } else if (message instanceof ControlMessage.Resume r) {
            body.put((byte) RESUME).put(r.token());
        } else if (message instanceof ControlMessage.ResumeToken t) {
            body.put((byte) RESUME_TOKEN).put(t.token());
        } else if (message instanceof ControlMessage.Redirect r) {
            body.put((byte) REDIRECT);
            putString(body, r.host());
            body.putShort((short) r.controlPort());
        } else if (message instanceof ControlMessage.Trunk t) {
            body.put((byte) TRUNK);
            putString(body, t.room());
            putString(body, t.relayId());
            body.put(t.proof());
            putString(body, t.mediaFingerprint());
        } else {
            throw new IllegalArgumentException("unknown message " + message);
        }
    }

    /**
     * Decodes one frame's content (everything after the length prefix).
     *
     * @param frame version, type and body; consumed entirely
     * @return the message
     * @throws UnsupportedVersionException if the version is not {@link #VERSION}
     * @throws MalformedMessageException   if the bytes are not a valid message
     */
    public static ControlMessage decode(ByteBuffer frame) {
        try {
            int version = frame.get() & 0xFF;
            if (version != VERSION) {
                throw new UnsupportedVersionException(version);
            }
            int type = frame.get() & 0xFF;
            ControlMessage message = switch (type) {
                case JOIN -> new Join(getString(frame), getString(frame), getString(frame), codecs(frame.get()),
                        codecs(frame.get()), layers(frame), getString(frame));
                case JOIN_ACCEPTED -> decodeAccepted(frame);
                case JOIN_REJECTED -> new JoinRejected(reason(frame.get()), getString(frame));
                case PARTICIPANT_JOINED -> new ParticipantJoined(getParticipant(frame));
                case PARTICIPANT_LEFT -> new ParticipantLeft(frame.getInt(), getString(frame));
                case STREAM_STATE -> new StreamState(frame.getInt(), flag(frame.get()));
                case LEAVE -> new Leave();
                case KEEPALIVE -> new Keepalive();
                case LAYERS_WANTED -> new ControlMessage.LayersWanted(frame.get() & 0xFF);
                case VIEW_SIZE -> new ControlMessage.ViewSize(frame.getInt(), frame.getShort() & 0xFFFF,
                        frame.getShort() & 0xFFFF);
                case RESUME -> new ControlMessage.Resume(token(frame));
                case RESUME_TOKEN -> new ControlMessage.ResumeToken(token(frame));
                case REDIRECT -> new ControlMessage.Redirect(getString(frame), frame.getShort() & 0xFFFF);
                case TRUNK -> new ControlMessage.Trunk(getString(frame), getString(frame),
                        bytes(frame, ControlMessage.Trunk.PROOF_BYTES), getString(frame));
                default -> throw new MalformedMessageException("unknown message type " + type);
            };
            if (frame.hasRemaining()) {
                throw new MalformedMessageException(frame.remaining() + " trailing bytes after type " + type);
            }
            return message;
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated message");
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("invalid field: " + e.getMessage());
        }
    }

    private static JoinAccepted decodeAccepted(ByteBuffer frame) {
        int id = frame.getInt();
        int ssrc = frame.getInt();
        int port = frame.getShort() & 0xFFFF;
        byte[] key = new byte[JoinAccepted.KEY_BYTES];
        frame.get(key);
        int keepalive = frame.getInt();
        int count = frame.getShort() & 0xFFFF;
        // Each member needs at least 11 bytes: never trust a count the bytes cannot hold.
        if (count > frame.remaining() / 11) {
            throw new MalformedMessageException("roster of " + count + " cannot fit in " + frame.remaining() + " bytes");
        }
        List<Participant> roster = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            roster.add(getParticipant(frame));
        }
        int layers = frame.get() & 0xFF;
        if (layers > ControlMessage.MAX_LAYERS) {
            throw new MalformedMessageException(layers + " layer SSRCs, at most " + ControlMessage.MAX_LAYERS);
        }
        List<Integer> layerSsrcs = new ArrayList<>(layers);
        for (int i = 0; i < layers; i++) {
            layerSsrcs.add(frame.getInt());
        }
        List<Integer> rtxSsrcs = new ArrayList<>(layers);
        for (int i = 0; i < layers; i++) {
            rtxSsrcs.add(frame.getInt());
        }
        return new JoinAccepted(id, ssrc, port, key, keepalive, roster, layerSsrcs, rtxSsrcs, getString(frame));
    }

    private static List<ControlMessage.Layer> layers(ByteBuffer frame) {
        int count = frame.get() & 0xFF;
        if (count > ControlMessage.MAX_LAYERS) {
            throw new MalformedMessageException(count + " layers, at most " + ControlMessage.MAX_LAYERS);
        }
        List<ControlMessage.Layer> layers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            layers.add(new ControlMessage.Layer(frame.getShort() & 0xFFFF, frame.getShort() & 0xFFFF, frame.getInt()));
        }
        return layers;
    }

    private static void putParticipant(ByteBuffer out, Participant p) {
        out.putInt(p.participantId()).putInt(p.ssrc());
        putString(out, p.displayName());
        out.put((byte) (p.codec().ordinal() + 1));
    }

    private static Participant getParticipant(ByteBuffer in) {
        int id = in.getInt();
        int ssrc = in.getInt();
        String name = getString(in);
        int codec = in.get() & 0xFF;
        if (codec < 1 || codec > VideoCodec.values().length) {
            throw new MalformedMessageException("unknown codec id " + codec);
        }
        return new Participant(id, ssrc, name, VideoCodec.values()[codec - 1]);
    }

    private static byte[] token(ByteBuffer frame) {
        return bytes(frame, ControlMessage.RESUME_TOKEN_BYTES);
    }

    private static byte[] bytes(ByteBuffer frame, int count) {
        byte[] bytes = new byte[count];
        frame.get(bytes);
        return bytes;
    }

    private static void putString(ByteBuffer out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.put((byte) bytes.length).put(bytes);
    }

    private static String getString(ByteBuffer in) {
        int n = in.get() & 0xFF;
        if (n > in.remaining()) {
            throw new MalformedMessageException("string of " + n + " bytes past the end of the message");
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer slice = in.slice(in.position(), n);
        in.position(in.position() + n);
        try {
            CharBuffer chars = utf8.decode(slice);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException("string is not valid UTF-8");
        }
    }

    private static byte codecMask(Set<VideoCodec> codecs) {
        int mask = 0;
        for (VideoCodec c : codecs) {
            mask |= 1 << c.ordinal();
        }
        return (byte) mask;
    }

    private static Set<VideoCodec> codecs(byte mask) {
        Set<VideoCodec> set = EnumSet.noneOf(VideoCodec.class);
        for (VideoCodec c : VideoCodec.values()) {
            if ((mask & (1 << c.ordinal())) != 0) {
                set.add(c);
            }
        }
        return set;
    }

    private static RejectReason reason(byte b) {
        int i = b & 0xFF;
        if (i >= RejectReason.values().length) {
            throw new MalformedMessageException("unknown reject reason " + i);
        }
        return RejectReason.values()[i];
    }

    private static boolean flag(byte b) {
        if (b != 0 && b != 1) {
            throw new MalformedMessageException("flag must be 0 or 1, got " + b);
        }
        return b == 1;
    }
}
