package io.edgefleet.api.view;

import java.util.Optional;

/** Builds a {@link ClusterSecretsView} outside CDI, its reader key loaded from a file as at start. */
public final class SecretsViews {
    private SecretsViews() {
    }

    public static ClusterSecretsView withKeyFile(String keyFile) {
        ReaderKey key = new ReaderKey();
        key.keyFile = Optional.ofNullable(keyFile);
        key.load((io.quarkus.runtime.StartupEvent) null);
        ClusterSecretsView view = new ClusterSecretsView();
        view.readerKey = key;
        return view;
    }
}
