package dev.vc.codec.jpeg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.vc.api.EncodedFrame;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AdaptersTest {
    @Test
    void shouldWrapABufferAsA3ByteBgrImageOnlyOnce() {
        BgrImageView view = new BgrImageView();
        byte[] pixels = new byte[8 * 4 * 3 + 100];
        BufferedImage first = view.wrap(pixels, 8, 4);
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, first.getType());
        assertSame(pixels, ((DataBufferByte) first.getRaster().getDataBuffer()).getData());
        assertSame(first, view.wrap(pixels, 8, 4));
        assertNotSame(first, view.wrap(pixels, 4, 8));
        assertNotSame(view.wrap(pixels, 4, 8), view.wrap(new byte[96], 4, 8));
        pixels[0] = 10; // blue of pixel (0, 0)
        pixels[2] = 30; // red
        assertEquals(0xFF1E000A, first.getRGB(0, 0));
    }

    @Test
    void shouldWriteStraightIntoTheFrameGrowingIt() throws Exception {
        FrameImageOutput output = new FrameImageOutput();
        EncodedFrame frame = new EncodedFrame(4);
        output.begin(frame);
        byte[] payload = new byte[1000];
        Arrays.fill(payload, (byte) 7);
        output.write(1);
        output.write(payload, 0, payload.length);
        output.seek(0);
        output.write(2);
        assertEquals(1001, output.finish());
        assertEquals(1001, frame.length());
        assertEquals(2, frame.data()[0]);
        assertEquals(7, frame.data()[1000]);

        output.flush();
        output.begin(frame);
        output.write(payload, 0, 3);
        assertEquals(3, output.finish());
        assertArrayEquals(new byte[] {7, 7, 7}, Arrays.copyOf(frame.data(), 3));
    }

    @Test
    void shouldReadAByteRangeAndReportItsEnd() throws Exception {
        ByteArrayImageInput input = new ByteArrayImageInput();
        input.reset(new byte[] {1, 2, 3, 4, 5}, 3);
        assertEquals(3, input.length());
        assertEquals(1, input.read());
        byte[] rest = new byte[10];
        assertEquals(2, input.read(rest, 0, 10));
        assertEquals(-1, input.read());
        assertEquals(-1, input.read(rest, 0, 10));
        input.reset(new byte[] {9}, 1);
        assertEquals(9, input.read());
    }
}
