package io.edgefleet.agent.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgefleet.agent.driver.vmm.SeedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A seed's secrets stay out of every place a spec ends up: logs (toString), the drivers' JSON records, world-readable files. */
class GuestSeedTest {
    static final String SECRET = "-----BEGIN PRIVATE KEY-----\nTESTKEYMATERIAL\n-----END PRIVATE KEY-----";
    static final GuestSeed SEED = new GuestSeed("instance-id: cp-0\nlocal-hostname: cp-0\n",
            "#cloud-config\nwrite_files:\n- path: /etc/kubernetes/pki/ca.key\n  content: |\n    " + SECRET.replace("\n", "\n    ") + "\n",
            "version: 2\nethernets:\n  eth0:\n    addresses: [10.0.0.5/24]\n");

    @TempDir
    Path tmp;

    static MicroVmSpec seeded() {
        return new MicroVmSpec("cp-0", "c1", "h1", 2, 1024, 10, null, null, "console=ttyS0", List.of()).withSeed(SEED);
    }

    @Test
    void aSpecPrintsItsSeedWithoutTheUserData() {
        String printed = seeded().toString();
        assertFalse(printed.contains("TESTKEYMATERIAL"), printed);
        assertTrue(printed.contains("userData=" + SEED.userData().length() + " chars (not shown)"), printed);
        assertFalse(SEED.toString().contains("cloud-config"), SEED.toString());
    }

    @Test
    void aSpecWrittenAsJsonHasNoSeedAndReadsBackWithoutOne() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String json = mapper.writeValueAsString(seeded());
        assertFalse(json.contains("TESTKEYMATERIAL") || json.contains("seed"), json);
        MicroVmSpec back = mapper.readValue(json, MicroVmSpec.class);
        assertNull(back.seed());
        assertEquals(seeded().withSeed(null), back);
    }

    @Test
    void theSeedFilesAreRootOnlyAndReadBackAsWritten() throws Exception {
        Path dir = SeedFiles.write(tmp, SEED);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        for (String doc : List.of("meta-data", "user-data", "network-config")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(doc))), doc);
        }
        assertEquals(SEED, SeedFiles.read(tmp).orElseThrow());

        GuestSeed withoutNetwork = new GuestSeed(SEED.metaData(), SEED.userData(), null);
        SeedFiles.write(tmp, withoutNetwork);
        assertEquals(withoutNetwork, SeedFiles.read(tmp).orElseThrow(), "a rewritten seed keeps no stale network-config");
        assertTrue(SeedFiles.read(tmp.resolve("none")).isEmpty());
    }
}
