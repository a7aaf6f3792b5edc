package io.edgefleet.agent.driver;

import java.util.Objects;

/**
 * The NoCloud seed of one microVM: the three documents its cloud-init reads on first boot. The QEMU driver
 * writes them into a {@code cidata} seed disk, the Firecracker driver serves them from the microVM's
 * metadata service.
 *
 * <p>The user-data holds secrets (keys, the bootstrap token), so the drivers write it 0600 and never log it;
 * {@link #toString()} names only the sizes, so a seed in a log line or an exception shows no secret.
 *
 * @param metaData      the {@code meta-data} document (instance-id, local-hostname)
 * @param userData      the {@code user-data} document (usually {@code #cloud-config}); secret
 * @param networkConfig the {@code network-config} document, or null when the guest configures its network itself
 */
public record GuestSeed(String metaData, String userData, String networkConfig) {

    public GuestSeed {
        Objects.requireNonNull(metaData, "metaData");
        Objects.requireNonNull(userData, "userData");
    }

    @Override
    public String toString() {
        return "GuestSeed[metaData=" + metaData.length() + " chars, userData=" + userData.length()
                + " chars (not shown), networkConfig="
                + (networkConfig == null ? "none" : networkConfig.length() + " chars") + "]";
    }
}
