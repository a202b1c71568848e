package dev.vc.api.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** RESUME and RESUME_TOKEN on the wire, and display names cleaned for showing. */
class ResumeMessagesTest {
    private static byte[] token() {
        byte[] token = new byte[ControlMessage.RESUME_TOKEN_BYTES];
        for (int i = 0; i < token.length; i++) {
            token[i] = (byte) (i * 7 + 1);
        }
        return token;
    }

    private static ControlMessage roundTrip(ControlMessage message) {
        ByteBuffer frame = ControlCodec.encode(message);
        assertEquals(frame.limit() - ControlCodec.LENGTH_BYTES, frame.getInt(0));
        frame.position(ControlCodec.LENGTH_BYTES);
        return ControlCodec.decode(frame.slice());
    }

    @Test
    void shouldCarryATokenEachWayAsTypeElevenAndTwelve() {
        ByteBuffer resume = ControlCodec.encode(new ControlMessage.Resume(token()));
        assertEquals(4 + 2 + ControlMessage.RESUME_TOKEN_BYTES, resume.limit());
        assertEquals(11, resume.get(5));
        assertEquals(12, ControlCodec.encode(new ControlMessage.ResumeToken(token())).get(5));
        assertArrayEquals(token(), ((ControlMessage.Resume) roundTrip(new ControlMessage.Resume(token()))).token());
        assertEquals(new ControlMessage.ResumeToken(token()), roundTrip(new ControlMessage.ResumeToken(token())));
    }

    @Test
    void shouldNeverShowTheTokenAndRejectAnotherLength() {
        assertFalse(new ControlMessage.Resume(token()).toString().contains("1"), "no byte of the token in text");
        assertEquals("ResumeToken[token=***]", new ControlMessage.ResumeToken(token()).toString());
        assertThrows(IllegalArgumentException.class, () -> new ControlMessage.Resume(new byte[19]));
        ByteBuffer shortFrame = ByteBuffer.wrap(new byte[] {(byte) ControlCodec.VERSION, 11, 1, 2, 3});
        assertThrows(MalformedMessageException.class, () -> ControlCodec.decode(shortFrame));
    }

    @Test
    void shouldCleanDisplayNamesOfControlAndFormattingCharactersAndLength() {
        assertEquals("alice", DisplayNames.clean("alice"));
        assertEquals("alice bob", DisplayNames.clean("  alice\n\tbob \u0007"));
        assertEquals("evil", DisplayNames.clean("\u202Eevil\u200B"), "no bidi override, no zero-width space");
        assertEquals(DisplayNames.UNNAMED, DisplayNames.clean("\u0000\u0001 \n"));
        assertEquals(DisplayNames.MAX_CHARS, DisplayNames.clean("x".repeat(300)).length());
        String emoji = "\uD83D\uDE00".repeat(40);   // 80 chars of surrogate pairs
        String cut = DisplayNames.clean(emoji);
        assertEquals(DisplayNames.MAX_CHARS, cut.length(), "cut between pairs, never inside one");
        assertEquals(cut.codePointCount(0, cut.length()) * 2, cut.length());
    }
}
