package io.edgefleet.agent.driver.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseImagesTest {
    // sha256 of the three bytes "abc" (FIPS 180-2 test vector)
    static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path dir;

    @Test
    void anImageNamedByDigestIsVerifiedBeforeUse() throws Exception {
        Files.createDirectories(dir.resolve("sha256"));
        Files.writeString(dir.resolve("sha256").resolve(ABC), "abc");
        BaseImages.Image image = new BaseImages(dir).resolve("sha256:" + ABC);
        assertEquals("sha256:" + ABC, image.digest());
    }

    @Test
    void aSubstitutedImageIsRefused() throws Exception {
        Files.createDirectories(dir.resolve("sha256"));
        Files.writeString(dir.resolve("sha256").resolve(ABC), "abd");
        HostSetupException e = assertThrows(HostSetupException.class, () -> new BaseImages(dir).resolve("sha256:" + ABC));
        assertTrue(e.getMessage().contains("refusing a corrupted or substituted image"), e.getMessage());
    }

    @Test
    void aMissingOrMalformedReferenceSaysWhat() {
        assertTrue(assertThrows(HostSetupException.class, () -> new BaseImages(dir).resolve("sha256:" + ABC))
                .getMessage().contains("is not on this host"));
        assertTrue(assertThrows(HostSetupException.class, () -> new BaseImages(dir).resolve("sha256:ABC"))
                .getMessage().contains("64 lower-case hex digits"));
    }

    @Test
    void aRootDiskIsAPrivateSparseCloneGrownToThePlannedSize() throws Exception {
        Path base = dir.resolve("base.img");
        Files.writeString(base, "abc");
        RootDisks disks = new RootDisks(new ProcessHostCommand(Duration.ofSeconds(10)));
        Path disk = dir.resolve("vm1").resolve("root.img");
        Files.createDirectories(disk.getParent());
        disks.ensure(new BaseImages(dir).resolve(base.toString()), disk, 1);
        assertEquals(1L << 30, Files.size(disk));
        assertEquals("abc", new String(Files.readAllBytes(disk), 0, 3));
        Files.writeString(disk, "xyz"); // the guest writes its own disk...
        assertEquals("abc", Files.readString(base), "...never the base image");
        disks.remove(disk);
        assertTrue(Files.notExists(disk));
    }
}
