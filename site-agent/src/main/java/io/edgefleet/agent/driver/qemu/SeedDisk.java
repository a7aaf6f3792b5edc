package io.edgefleet.agent.driver.qemu;

import io.edgefleet.agent.driver.GuestSeed;
import io.edgefleet.agent.driver.host.HostCommand;
import io.edgefleet.agent.driver.host.HostSetupException;
import io.edgefleet.agent.driver.vmm.SeedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The NoCloud seed disk of a QEMU microVM: an ISO 9660 image with volume id {@code cidata} holding
 * {@code meta-data}, {@code user-data} and {@code network-config}, which cloud-init finds by its label and reads
 * in its local stage, before the network is up. It is attached read-only as the second disk and lives in the
 * microVM's state directory, so it goes with it.
 *
 * <p>Made with {@code genisoimage} (what {@code cloud-localds} runs) through {@link HostCommand}, so tests can
 * record the call. The image holds the user-data's secrets: it is created 0600 before the tool writes into it,
 * and Rock Ridge keeps the documents' own 0600 modes inside the image.
 *
 * @param tool how {@code genisoimage} is run
 */
record SeedDisk(HostCommand tool) {
    /** The volume id cloud-init's NoCloud datasource looks for. */
    static final String VOLUME_ID = "cidata";

    /** Writes the seed's documents into {@code vmDir/seed} and makes the seed image {@code image} from them. */
    void make(Path vmDir, Path image, GuestSeed seed) {
        try {
            Path docs = SeedFiles.write(vmDir, seed);
            SeedFiles.writePrivate(image, "");
            tool.require("make the NoCloud seed disk of microVM " + vmDir.getFileName(), argv(docs, image, seed.networkConfig() != null));
            // genisoimage truncates the file it was given and keeps its mode; say it again in case a tool replaced it.
            Files.setPosixFilePermissions(image, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new HostSetupException("cannot make the NoCloud seed disk " + image + ": " + e.getMessage(), e);
        }
    }

    static List<String> argv(Path docs, Path image, boolean withNetworkConfig) {
        List<String> argv = new ArrayList<>(List.of("genisoimage", "-quiet", "-output", image.toString(),
                "-volid", VOLUME_ID, "-joliet", "-rock",
                docs.resolve(SeedFiles.META_DATA).toString(), docs.resolve(SeedFiles.USER_DATA).toString()));
        if (withNetworkConfig) {
            argv.add(docs.resolve(SeedFiles.NETWORK_CONFIG).toString());
        }
        return argv;
    }
}
