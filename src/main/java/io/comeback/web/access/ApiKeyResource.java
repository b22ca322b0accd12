package io.comeback.web.access;

import io.comeback.web.ProblemException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Named, scoped API keys for systems (the shop, a CRM sync). A key is shown once, when it is issued. */
@Path("/api/keys")
@Produces(MediaType.APPLICATION_JSON)
@Requires(AccessLevel.ADMIN)
@Tag(name = "Users and keys")
public class ApiKeyResource {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._ -]{1,100}");

    public record KeyRequest(String name, String scope) {}

    /** The answer to issuing: {@code key} is the secret, never shown again. */
    public record IssuedKey(String key, ApiKeyStore.KeyInfo info) {}

    private final ApiKeyStore keys;

    public ApiKeyResource(ApiKeyStore keys) {
        this.keys = keys;
    }

    @GET
    @Operation(summary = "List API keys (names, scopes, prefixes, last use; never the secrets)")
    public List<ApiKeyStore.KeyInfo> list() {
        return keys.all();
    }

    @POST
    @Operation(summary = "Issue a key with scope read, write or admin; the answer holds the key, shown only this once")
    public Response issue(KeyRequest request, @Context ContainerRequestContext context) {
        if (request == null
                || request.name() == null
                || !NAME.matcher(request.name()).matches()) {
            throw ProblemException.invalidField("name", "required: 1 to 100 letters, digits, spaces or . _ -");
        }
        AccessLevel scope;
        try {
            scope = AccessLevel.ofScope(request.scope() == null ? "" : request.scope());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("scope", e.getMessage());
        }
        try {
            ApiKeyStore.Issued issued = keys.issue(
                    request.name(), scope, RouteAccessFilter.callerOf(context).name());
            return Response.status(201)
                    .entity(new IssuedKey(issued.key(), issued.info()))
                    .build();
        } catch (ApiKeyStore.KeyNameTakenException e) {
            throw ProblemException.conflict("name", e.getMessage());
        }
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Revoke the live key of this name")
    public Response revoke(@PathParam("name") String name) {
        if (!keys.revoke(name)) {
            throw ProblemException.notFound("No live key named '" + name + "'.");
        }
        return Response.noContent().build();
    }
}
