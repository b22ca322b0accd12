package io.comeback.web.limits;

import io.comeback.web.ProblemException;
import io.comeback.web.ProblemMappers;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a query parameter holding a NUL character ({@code %00}) with 422 naming it, before any resource looks it
 * up: PostgreSQL cannot take NUL in text, so it would otherwise fail as a 500 inside the query. A path with an
 * escaped control character is refused earlier (400, {@code CanonicalPaths}); JSON bodies are checked as they are
 * read ({@code NulRefusingStrings}), form bodies by {@link FormBodies}.
 */
public class NulInParameters {

    @ServerRequestFilter(priority = Priorities.USER)
    public Optional<Response> refuseNul(UriInfo uri) {
        return first(uri.getQueryParameters(true))
                .map(name -> ProblemMappers.of(ProblemException.invalidField(
                        name, "holds a NUL character (%00), which cannot be stored; remove it")));
    }

    private static Optional<String> first(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (parameter.getKey().indexOf('\0') >= 0) {
                return Optional.of(parameter.getKey().replace("\u0000", "\\u0000"));
            }
            for (String value : parameter.getValue()) {
                if (value != null && value.indexOf('\0') >= 0) {
                    return Optional.of(parameter.getKey());
                }
            }
        }
        return Optional.empty();
    }
}
