package io.edgefleet.fleetctl;

/**
 * fleetctl's exit codes, stable for scripts:
 * <ul>
 *   <li>0 — done (for {@code watch}/{@code --wait}: the cluster is READY)</li>
 *   <li>1 — the fleet said no: the request was REJECTED or the cluster ended FAILED</li>
 *   <li>2 — bad usage (unknown option, missing argument)</li>
 *   <li>3 — unauthorized (401): no token, or an invalid or expired one</li>
 *   <li>4 — forbidden (403): the token may not see or change this (another team's)</li>
 *   <li>5 — not found (404)</li>
 *   <li>6 — invalid request (400/409): fleet-api lists what to fix</li>
 *   <li>7 — fleet-api unreachable or failing (connection refused, 5xx)</li>
 *   <li>8 — {@code watch}/{@code --wait} timed out before READY or FAILED</li>
 * </ul>
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int UNAUTHORIZED = 3;
    public static final int FORBIDDEN = 4;
    public static final int NOT_FOUND = 5;
    public static final int INVALID = 6;
    public static final int UNAVAILABLE = 7;
    public static final int TIMEOUT = 8;

    private ExitCodes() {
    }

    /** The exit code for an HTTP error status. */
    public static int forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 400, 409, 415, 422 -> INVALID;
            default -> status >= 500 ? UNAVAILABLE : FAILED;
        };
    }

    static final String HELP = """
            Exit codes: 0 done (watch: READY) · 1 rejected or FAILED · 2 bad usage · 3 unauthorized (401) ·
            4 forbidden (403) · 5 not found · 6 invalid request (400) · 7 fleet-api unreachable or failing · 8 timed out""";
}
