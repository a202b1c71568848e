package dev.vc.capture;

import dev.vc.api.FrameSource;
import dev.vc.api.FrameSourceProvider;
import dev.vc.api.PixelFormat;
import dev.vc.api.SourceSettings;
import dev.vc.api.VideoFrame;

import java.util.concurrent.CountDownLatch;

/**
 * No video, provider name {@value #NAME}: a source that never delivers a frame, for a participant that only
 * watches (or has turned its camera off). {@link FrameSource#read} blocks until the source is closed and
 * then returns false, so the participant sends nothing while it still receives everyone else.
 *
 * <pre>{@code
 * Participant viewer = Participant.builder().set(CoreSettings.SOURCE.key(), "none")...build();
 * }</pre>
 */
public final class NoVideoProvider implements FrameSourceProvider {
    /** The provider name users select with {@code vc.source=none}. */
    public static final String NAME = "none";

    /** Creates the provider. */
    public NoVideoProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @return -100: never chosen unless asked for */
    @Override
    public int priority() {
        return -100;
    }

    @Override
    public FrameSource open(SourceSettings settings) {
        return new NoVideo(settings);
    }

    private static final class NoVideo implements FrameSource {
        private final SourceSettings settings;
        private final CountDownLatch closed = new CountDownLatch(1);

        NoVideo(SourceSettings settings) {
            this.settings = settings;
        }

        @Override
        public int width() {
            return settings.width();
        }

        @Override
        public int height() {
            return settings.height();
        }

        @Override
        public PixelFormat format() {
            return settings.format();
        }

        @Override
        public double frameRate() {
            return settings.frameRate();
        }

        /** Blocks until {@link #close()}; then (and on interrupt) returns false. */
        @Override
        public boolean read(VideoFrame into) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }
}
