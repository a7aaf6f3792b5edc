package io.edgefleet.fleetctl;

import picocli.CommandLine.Option;

/** Options every command takes: where fleet-api is, the token, and the output format. */
public class Global {
    /** Output formats. */
    public enum Format { table, json }

    @Option(names = "--api", description = "fleet-api base URL (env FLEET_API; default http://localhost:8080).")
    String api;

    @Option(names = "--token", description = "Bearer token (env FLEETCTL_TOKEN). Local stack: deploy/local/fleet token --team <name>.")
    String token;

    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json (default ${DEFAULT-VALUE}).")
    Format output;

    public String api() {
        String url = api != null ? api : System.getenv().getOrDefault("FLEET_API", "http://localhost:8080");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String token() {
        return token != null ? token : System.getenv("FLEETCTL_TOKEN");
    }

    public boolean json() {
        return output == Format.json;
    }

    public ApiClient client() {
        return new ApiClient(api(), token());
    }
}
