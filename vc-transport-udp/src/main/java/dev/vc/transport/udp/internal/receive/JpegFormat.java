package dev.vc.transport.udp.internal.receive;

import dev.vc.api.EncodedFrame;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.jpeg.JpegDepacketizer;
import dev.vc.transport.udp.jpeg.JpegPayloadHeader;
import dev.vc.transport.udp.rtp.RtpHeader;

/**
 * RFC 2435 JPEG for {@link FrameAssembler}: each fragment says where it goes (fragment offset), so a frame
 * knows its own start and end, and {@link JpegDepacketizer} tracks the byte ranges that arrived.
 */
final class JpegFormat extends PayloadFormat {
    private final JpegPayloadHeader header = new JpegPayloadHeader();

    @Override
    VideoCodec codec() {
        return VideoCodec.JPEG;
    }

    @Override
    void check(RtpHeader rtp) {
        header.parse(rtp.buffer(), rtp.payloadOffset(), rtp.payloadLength());
    }

    @Override
    Reassembler newReassembler(int maxFrameBytes) {
        JpegDepacketizer depacketizer = new JpegDepacketizer(maxFrameBytes);
        return new Reassembler() {
            @Override
            public void reset() {
                depacketizer.reset();
            }

            @Override
            public boolean add(RtpHeader rtp) {
                return depacketizer.add(header, rtp.marker());
            }

            @Override
            public boolean isComplete(SequenceWindow window, int timestamp) {
                return depacketizer.isComplete();
            }

            @Override
            public void writeTo(EncodedFrame frame, long captureTimeNanos, long sequence) {
                depacketizer.writeTo(frame).describe(VideoCodec.JPEG, true, depacketizer.width(),
                        depacketizer.height(), captureTimeNanos, sequence);
            }
        };
    }
}
