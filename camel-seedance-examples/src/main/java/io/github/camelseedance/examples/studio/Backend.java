package io.github.camelseedance.examples.studio;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * What the studio talks to: the embedded simulator, a Runware-compatible server on this machine (the standalone
 * simulator, a proxy: {@code RUNWARE_BASE_URL} on a loopback address), or the Runware API, which bills.
 *
 * @param kind    which of the three
 * @param baseUrl the API's base URL
 */
public record Backend(Kind kind, String baseUrl) {

    /** The Runware API's base URL when {@code RUNWARE_BASE_URL} is not set. */
    public static final String RUNWARE_API = "https://api.runware.ai/v1";

    /** Which backend. */
    public enum Kind {
        /** The simulator the studio started in its own process. */
        EMBEDDED,
        /** A server on this machine. */
        LOCAL,
        /** A remote server: Runware itself, billed. */
        REMOTE
    }

    static Backend embedded(String baseUrl) {
        return new Backend(Kind.EMBEDDED, baseUrl);
    }

    /** The backend of a {@code RUNWARE_BASE_URL}, null or blank for the Runware API. */
    static Backend of(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return new Backend(Kind.REMOTE, RUNWARE_API);
        }
        return new Backend(loopback(baseUrl) ? Kind.LOCAL : Kind.REMOTE, baseUrl);
    }

    /** Whether it is on this machine (so Runware bills nothing). */
    public boolean local() {
        return kind != Kind.REMOTE;
    }

    /** Whether videos made through it are billed by Runware. */
    public boolean billed() {
        return kind == Kind.REMOTE;
    }

    /** In words, for the page. */
    public String describe() {
        return switch (kind) {
            case EMBEDDED -> "the embedded Runware simulator: simulated videos, nothing is billed";
            case LOCAL -> "a Runware server on this machine (" + baseUrl + "), not the real API: nothing is billed";
            case REMOTE -> "the Runware API (" + baseUrl + "): videos are billed";
        };
    }

    /** The {@code backend} of a sidecar: {@code simulator}, the base URL given, or {@code runware}. */
    String sidecarName() {
        return switch (kind) {
            case EMBEDDED -> "simulator";
            case LOCAL -> baseUrl;
            case REMOTE -> RUNWARE_API.equals(baseUrl) ? "runware" : baseUrl;
        };
    }

    private static boolean loopback(String url) {
        try {
            String host = URI.create(url.trim()).getHost();
            if (host == null) {
                return false;
            }
            if ("localhost".equalsIgnoreCase(host)) {
                return true;
            }
            // literal addresses only: a host name is not looked up here
            if (host.matches("[0-9.]+") || host.startsWith("[")) {
                return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
            }
            return false;
        } catch (IllegalArgumentException | UnknownHostException e) {
            return false;
        }
    }
}
