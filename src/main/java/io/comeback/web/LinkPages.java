package io.comeback.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The answers of the public link routes: a redirect, or one page for every code that leads nowhere. */
final class LinkPages {

    /** The same for a malformed, unknown or erased code, so an answer tells nothing about which codes exist. */
    private static final String NOT_FOUND = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">
            <title>Link not found</title></head>
            <body><h1>Link not found</h1><p>This link does not lead anywhere. Check that it was copied whole.</p></body>
            </html>
            """;

    private LinkPages() {}

    static Response notFound(boolean head) {
        Response.ResponseBuilder answer = Response.status(404).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        return (head ? answer : answer.entity(NOT_FOUND)).build();
    }

    /**
     * 302 to {@code location}. Not stored by browsers or proxies, so every visit reaches the service; never indexed.
     */
    static Response redirect(String location) {
        return Response.status(302)
                .location(URI.create(location))
                .header("Cache-Control", "no-store")
                .header("X-Robots-Tag", "noindex, nofollow")
                .build();
    }

    /** The first of the headers browsers use to mark a fetch made ahead of any click. */
    static String purpose(String secPurpose, String purpose, String xPurpose, String xMoz) {
        for (String value : new String[] {secPurpose, purpose, xPurpose, xMoz}) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
