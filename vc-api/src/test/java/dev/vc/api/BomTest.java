package dev.vc.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * vc-bom, the POM integrators import, has no parent (so it brings none of the build's test libraries): it repeats
 * the reactor's module list and the native jars' versions, and this test holds it to them.
 */
class BomTest {
    /** A reactor module of vc's own (not examples), by its folder: {@code vc-relay}, {@code vc-relay/cluster}. */
    private static final Pattern MODULE = Pattern.compile("<module>(vc-[a-z0-9/-]+)</module>");
    /** A module POM's own artifactId: the first after its parent's. */
    private static final Pattern OWN_ARTIFACT = Pattern.compile("</parent>\\s*<artifactId>([a-z0-9-]+)</artifactId>");
    private static final Pattern VC_ARTIFACT = Pattern.compile(
            "<groupId>dev\\.vc</groupId><artifactId>(vc-[a-z0-9-]+)</artifactId>");

    @Test
    void shouldListEveryPublishedModule() throws IOException {
        Path root = repositoryRoot();
        Set<String> modules = new TreeSet<>();
        for (String folder : all(MODULE, Files.readString(root.resolve("pom.xml")))) {
            if (!folder.equals("vc-bom")) {
                modules.addAll(all(OWN_ARTIFACT, Files.readString(root.resolve(folder).resolve("pom.xml"))));
            }
        }
        assertEquals(modules, all(VC_ARTIFACT, Files.readString(root.resolve("vc-bom/pom.xml"))));
    }

    @Test
    void shouldPinTheNativeJarsAsTheBuildDoes() throws IOException {
        Path root = repositoryRoot();
        String parent = Files.readString(root.resolve("pom.xml"));
        String bom = Files.readString(root.resolve("vc-bom/pom.xml"));
        for (String property : new String[] {"javacpp.version", "ffmpeg.version"}) {
            assertEquals(property(parent, property), property(bom, property), property);
        }
    }

    private static Set<String> all(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        if (!m.find()) {
            throw new AssertionError("no <" + name + "> in a POM");
        }
        return m.group(1);
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("vc-bom").resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("no vc-bom/pom.xml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
