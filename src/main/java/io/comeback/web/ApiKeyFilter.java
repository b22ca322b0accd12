package io.comeback.web;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Guards the API and the simulator with bearer keys. Runs before routing, so a caller without a key
 * learns nothing about which paths exist and nothing is changed.
 */
public class ApiKeyFilter {

    private final ApiKeys keys;

    public ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> requireKey(HttpServerRequest request) {
        String path = request.path();
        if (!isProtected(path)) {
            return Optional.empty();
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && keys.accepts(header.substring(7).trim())) {
            return Optional.empty();
        }
        String detail = header == null
                ? "Send the header 'Authorization: Bearer <api key>'."
                : "The API key is not valid.";
        Problem problem = new Problem(ProblemTypes.forStatus(401), "Unauthorized", 401, detail, null);
        return Optional.of(Response.fromResponse(ProblemMappers.respond(problem))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"comeback\"").build());
    }

    static boolean isProtected(String path) {
        return path.equals("/api") || path.startsWith("/api/") || path.equals("/simulator") || path.startsWith("/simulator/");
    }
}
