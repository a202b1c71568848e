package dev.vc.transport.udp.internal.receive;

import dev.vc.api.EncodedFrame;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.h264.H264Depacketizer;
import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtpSequence;

/**
 * RFC 6184 H.264 for {@link FrameAssembler}. An access unit's packets carry no "first packet" flag, so its
 * completeness is proved from the stream: the packets from the lowest to the marker arrived
 * ({@link H264Depacketizer}), and nothing needed was lost at the start: the sequence number just before the lowest
 * arrived with another timestamp (it ends the previous access unit); or the lowest packet begins with an access
 * unit delimiter or a sequence parameter set ({@link H264Depacketizer#opensDecodableAtLowest()}, as every keyframe
 * of vc's senders does, and those of GStreamer, ffmpeg and browsers), whatever came before it: a keyframe whose
 * previous packet was lost (a relay that switched a receiver onto another layer numbers the keyframe right after
 * the last packet of the old one, which a full queue may have dropped) is handed on instead of waiting the frame
 * timeout for a packet no one will resend; or, at the start of the stream (no packet before it arrived), the
 * lowest packet begins the access unit: a parameter set, SEI or the picture's first slice too
 * ({@link H264Depacketizer#startsAtLowest()}). Without a marker, the next sequence number carrying another timestamp
 * ends the access unit, on a stream that has never set the marker bit. On a stream that marks its access units'
 * ends, an access unit without its marker packet whose next sequence number carries another timestamp has lost its
 * end for good ({@link PayloadFormat.Reassembler#isTruncated}): nothing is left between it and the next one to carry
 * that end, as when a relay stops forwarding a layer inside a frame and goes on with another layer at the next
 * number. It is given up at once rather than handed on cut short (a keyframe's parameter sets without its picture,
 * say, which the decoder rejects). So the first access unit of a stream, with nothing before it, is handed on when
 * its first packet arrived, and never when the stream was joined inside it.
 *
 * <p>The picture size comes from the SPS, which keyframes carry; access units without one get the last size
 * seen.
 */
final class H264Format extends PayloadFormat {
    private int width;
    private int height;
    /** Whether a packet of this stream carried the marker bit: its access units' ends are marked. */
    private boolean marksEnds;

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
                boolean added = depacketizer.add(rtp);
                marksEnds |= rtp.marker();
                return added;
            }

            @Override
            public boolean isComplete(SequenceWindow window, int timestamp) {
                if (depacketizer.isEmpty()) {
                    return false;
                }
                if (!depacketizer.hasEnd() && !marksEnds && endsBeforeNext(window, timestamp)) {
                    depacketizer.markEnd();
                }
                int lowest = depacketizer.lowestSequence();
                return depacketizer.isComplete()
                        && (window.holdsOtherFrame(RtpSequence.add(lowest, -1), timestamp)
                        || depacketizer.opensDecodableAtLowest()
                        || depacketizer.startsAtLowest() && window.nothingBefore(lowest));
            }

            @Override
            public boolean isTruncated(SequenceWindow window, int timestamp) {
                return marksEnds && !depacketizer.isEmpty() && !depacketizer.hasEnd() && endsBeforeNext(window, timestamp);
            }

            /** @return whether the number after the highest packet received carries another frame */
            private boolean endsBeforeNext(SequenceWindow window, int timestamp) {
                return window.holdsOtherFrame(RtpSequence.next(depacketizer.highestSequence()), timestamp);
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
