package dev.vc.transport.udp.internal.receive;

import dev.vc.api.EncodedFrame;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.h264.H264Depacketizer;
import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtpSequence;

/**
 * RFC 6184 H.264 for {@link FrameAssembler}. An access unit's packets carry no "first packet" flag, so its
 * completeness is proved from the stream: the packets from the lowest to the marker arrived
 * ({@link H264Depacketizer}), and nothing was lost at the start: the sequence number just before the lowest arrived
 * with another timestamp (it ends the previous access unit), or, at the start of the stream (no packet before
 * it arrived), the lowest packet begins the access unit: an access unit delimiter, a parameter set, SEI or the
 * picture's first slice ({@link H264Depacketizer#startsAtLowest()}, as every keyframe of vc's senders does, and
 * the streams of GStreamer and ffmpeg). Without a marker, the next sequence number carrying another timestamp
 * ends the access unit. So the first access unit of a stream, with nothing before it, is handed on when its first
 * packet arrived, and never when the stream was joined inside it.
 *
 * <p>The picture size comes from the SPS, which keyframes carry; access units without one get the last size
 * seen.
 */
final class H264Format extends PayloadFormat {
    private int width;
    private int height;

    @Override
    VideoCodec codec() {
        return VideoCodec.H264;
    }

    @Override
    void check(RtpHeader rtp) {
        H264Depacketizer.check(rtp.buffer(), rtp.payloadOffset(), rtp.payloadLength());
    }

    @Override
    Reassembler newReassembler(int maxFrameBytes) {
        H264Depacketizer depacketizer = new H264Depacketizer(maxFrameBytes);
        return new Reassembler() {
            @Override
            public void reset() {
                depacketizer.reset();
            }

            @Override
            public boolean add(RtpHeader rtp) {
                return depacketizer.add(rtp);
            }

            @Override
            public boolean isComplete(SequenceWindow window, int timestamp) {
                if (depacketizer.isEmpty()) {
                    return false;
                }
                if (!depacketizer.hasEnd()
                        && window.holdsOtherFrame(RtpSequence.next(depacketizer.highestSequence()), timestamp)) {
                    depacketizer.markEnd();
                }
                int lowest = depacketizer.lowestSequence();
                return depacketizer.isComplete()
                        && (window.holdsOtherFrame(RtpSequence.add(lowest, -1), timestamp)
                        || depacketizer.startsAtLowest() && window.nothingBefore(lowest));
            }

            @Override
            public void writeTo(EncodedFrame frame, long captureTimeNanos, long sequence) {
                depacketizer.writeTo(frame);
                if (depacketizer.width() > 0) {
                    width = depacketizer.width();
                    height = depacketizer.height();
                }
                frame.describe(VideoCodec.H264, depacketizer.keyframe(), width, height, captureTimeNanos, sequence);
            }
        };
    }
}
