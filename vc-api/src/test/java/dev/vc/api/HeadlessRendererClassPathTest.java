package dev.vc.api;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On the plain class path (a fat jar, {@code java -cp app.jar:libs/*}) services come from {@code META-INF/services},
 * not from module-info's {@code provides}: the headless renderer must be listed there too.
 */
class HeadlessRendererClassPathTest {
    @Test
    void shouldFindTheHeadlessRendererOnTheClassPath() throws Exception {
        URL classes = RendererProvider.class.getProtectionDomain().getCodeSource().getLocation();
        // Parent: the boot loader, as the platform loader would hand dev.vc.api to the boot layer's module.
        try (URLClassLoader classPath = new URLClassLoader(new URL[] {classes}, null)) {
            Class<?> service = classPath.loadClass(RendererProvider.class.getName());
            assertTrue(!service.getModule().isNamed(), "loaded as on the class path");
            boolean headless = ServiceLoader.load(service, classPath).stream()
                    .anyMatch(p -> p.type().getName().equals("dev.vc.api.internal.HeadlessRendererProvider"));
            assertTrue(headless, "META-INF/services lists the headless renderer");
        }
    }
}
