package io.edgefleet.agent.driver.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** A host without usable cgroups: nothing is confined, and {@link #describe} says so plainly rather than pretend. */
record NoCgroups(String why) implements VmCgroups {
    @Override
    public String describe() {
        return "microVMs are NOT confined: " + why;
    }

    @Override
    public boolean confines() {
        return false;
    }

    @Override
    public void confineTo(Set<Integer> cpus) {
    }

    @Override
    public Set<Integer> allowedCpus() {
        return Set.of();
    }

    @Override
    public List<Path> prepare(String microVmId, long memoryLimitBytes) {
        return List.of();
    }

    @Override
    public boolean exists(String microVmId) {
        return false;
    }

    @Override
    public void remove(String microVmId) {
    }
}
