package io.comeback.web;

/** Stable problem type URIs, documented in the README, so clients can branch on them. */
final class ProblemTypes {
    private ProblemTypes() {}

    static String forStatus(int status) {
        return switch (status) {
            case 400 -> "https://comeback.io/problems/malformed-request";
            case 401 -> "https://comeback.io/problems/unauthorized";
            case 403 -> "https://comeback.io/problems/forbidden";
            case 404 -> "https://comeback.io/problems/not-found";
            case 405 -> "https://comeback.io/problems/method-not-allowed";
            case 409 -> "https://comeback.io/problems/conflict";
            case 413 -> "https://comeback.io/problems/too-large";
            case 415 -> "https://comeback.io/problems/unsupported-media-type";
            case 422 -> "https://comeback.io/problems/invalid-request";
            case 429 -> "https://comeback.io/problems/too-many-requests";
            case 503 -> "https://comeback.io/problems/unavailable";
            default -> status >= 500 ? "https://comeback.io/problems/internal-error" : "about:blank";
        };
    }
}
