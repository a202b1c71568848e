package dev.vc.record;

import dev.vc.api.EncodedFrame;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.h264.H264ParameterSets;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One participant's stream as files: the first starts at the stream's first keyframe; a keyframe of another
 * picture size (or codec) closes it and starts the next. H.264 frames after a lost one are skipped until the next
 * keyframe, since they would decode against a picture that is not in the file; skipped frames are counted.
 * Timestamps are the frames' RTP timestamps (90 kHz), counted from each file's first frame. Not thread-safe.
 */
final class StreamRecording implements AutoCloseable {
    /** While skipping, ask for a keyframe again every this many frames (the transport paces its PLIs anyway). */
    private static final int REQUEST_EVERY = 15;

    private final Container container;
    private final IntFunction<Path> nextFile;
    private final List<Path> files = new ArrayList<>();
    private ContainerWriter writer;
    private VideoCodec codec;
    private int width;
    private int height;
    private boolean waitingForKeyframe = true;
    private int lastTimestamp;
    private long pts;
    private long framesWritten;
    private long framesSkipped;

    /**
     * @param container the file format
     * @param nextFile  the path of the stream's file of the given index (0, 1, ...)
     */
    StreamRecording(Container container, IntFunction<Path> nextFile) {
        this.container = container;
        this.nextFile = nextFile;
    }

    /**
     * Records one frame of the stream.
     *
     * @param frame the frame, valid during the call
     * @return true if the stream should be asked for a keyframe (it waits for one)
     * @throws RecordingException if a file cannot be created or written
     */
    boolean onFrame(EncodedFrame frame) {
        boolean keyframe = frame.keyframe();
        if (writer != null && keyframe
                && (frame.codec() != codec || frame.width() != width || frame.height() != height)) {
            closeFile();
        }
        if (writer == null || waitingForKeyframe || frame.codec() != codec) {
            byte[] parameterSets = keyframe ? parameterSets(frame) : null;
            if (!keyframe || frame.codec() == VideoCodec.H264 && parameterSets == null) {
                framesSkipped++;
                return framesSkipped % REQUEST_EVERY == 1;
            }
            if (writer == null) {
                open(frame, parameterSets);
            }
            waitingForKeyframe = false;
        }
        if (writer.frames() > 0) {
            pts += frame.rtpTimestamp() - lastTimestamp;   // int difference: across the 32-bit wrap too
        }
        lastTimestamp = frame.rtpTimestamp();
        writer.write(frame.data(), frame.length(), pts, keyframe);
        framesWritten++;
        return false;
    }

    /** A frame of the stream was lost: H.264 waits for the next keyframe (JPEG frames stand alone). */
    void onFrameLost() {
        if (codec == VideoCodec.H264) {
            waitingForKeyframe = true;
        }
    }

    /** @return the SPS and PPS of an H.264 keyframe as Annex-B, an empty array for JPEG, null if they are missing */
    private static byte[] parameterSets(EncodedFrame frame) {
        if (frame.codec() != VideoCodec.H264) {
            return new byte[0];
        }
        H264ParameterSets sets = H264ParameterSets.find(frame.data(), 0, frame.length());
        if (sets == null) {
            return null;
        }
        byte[] sps = sets.sps();
        byte[] pps = sets.pps();
        byte[] annexB = new byte[8 + sps.length + pps.length];
        annexB[3] = 1;
        System.arraycopy(sps, 0, annexB, 4, sps.length);
        annexB[4 + sps.length + 3] = 1;
        System.arraycopy(pps, 0, annexB, 8 + sps.length, pps.length);
        return annexB;
    }

    private void open(EncodedFrame frame, byte[] parameterSets) {
        Path file = nextFile.apply(files.size());
        long captured = frame.captureTimeNanos();
        Instant created = captured > 0 ? Instant.ofEpochSecond(0, captured) : Instant.now();
        writer = ContainerWriter.create(file, container, frame.codec(), frame.width(), frame.height(),
                frame.codec() == VideoCodec.H264 ? parameterSets : null, created.toString());
        files.add(file);
        codec = frame.codec();
        width = frame.width();
        height = frame.height();
        pts = 0;
    }

    private void closeFile() {
        if (writer != null) {
            try {
                writer.close();
            } finally {
                writer = null;
            }
        }
    }

    /** @return the files started so far, the open one last */
    List<Path> files() {
        return List.copyOf(files);
    }

    /** @return frames written to files */
    long framesWritten() {
        return framesWritten;
    }

    /** @return frames not written: before the first keyframe, after a loss until the next, or without parameter sets */
    long framesSkipped() {
        return framesSkipped;
    }

    /** Closes the open file (writes its index and duration). */
    @Override
    public void close() {
        closeFile();
    }
}
