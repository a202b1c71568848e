package dev.vc.capture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.vc.api.Config;
import dev.vc.api.FrameSource;
import dev.vc.api.PixelFormat;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.SourceSettings;
import dev.vc.api.VideoFrame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NoVideoProviderTest {
    @Test
    void shouldDeliverNothingUntilClosed() throws Exception {
        assertInstanceOf(NoVideoProvider.class, ProviderRegistry.sources().byName("none"));
        FrameSource none = ProviderRegistry.sources().byName("none")
                .open(new SourceSettings(320, 240, 30, PixelFormat.I420, Config.empty()));
        CompletableFuture<Boolean> read = CompletableFuture.supplyAsync(() -> none.read(new VideoFrame()));
        Thread.sleep(200);
        assertFalse(read.isDone(), "no frame ever comes");
        none.close();
        assertFalse(read.get(5, TimeUnit.SECONDS));
        assertFalse(none.read(new VideoFrame()));
    }
}
