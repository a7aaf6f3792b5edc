package io.edgefleet.api.gitops;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The id of a request the intake derives from a spec: a name-based UUID of the repository, the file's path, what is
 * asked (create, scale, upgrade, delete), the commit that last touched the file and the file's blob. The same spec
 * read again (next poll, after a restart, by a second fleet-api) gives the same id, and placement decides a request
 * id once; a file changed back to an earlier content in a later commit gives a new id, so it is asked again.
 */
final class RequestIds {
    private RequestIds() {
    }

    static String of(String repository, String path, String action, String commit, String blob) {
        String name = String.join("\n", "edgefleet-gitops", repository, path, action, commit, blob);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
