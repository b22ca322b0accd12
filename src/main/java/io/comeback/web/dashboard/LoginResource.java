package io.comeback.web.dashboard;

import io.comeback.web.ApiKeys;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;

/**
 * The dashboard's login: a person enters one of the API keys ({@code COMEBACK_API_KEYS}) in a password field and,
 * optionally, their name (shown as who handled an inbox reply). The key never travels in a URL and is not stored;
 * the browser gets an HttpOnly, SameSite=Lax session cookie (Secure over https).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LoginResource {

    private final Template login;
    private final ApiKeys keys;
    private final DashboardSessions sessions;

    public LoginResource(@Location("dashboard/login.html") Template login, ApiKeys keys, DashboardSessions sessions) {
        this.login = login;
        this.keys = keys;
        this.sessions = sessions;
    }

    @GET
    @Path("/login")
    public TemplateInstance form(@QueryParam("next") String next, @QueryParam("expired") boolean expired) {
        return login.data("next", LoginTargets.safe(next)).data("name", "")
                .data("error", expired ? "Your session has ended; sign in again." : null);
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("name") String name, @FormParam("apiKey") String apiKey, @FormParam("next") String next,
                           @Context UriInfo uri, @HeaderParam("X-Forwarded-Proto") String forwardedProto) {
        String target = LoginTargets.safe(next);
        String who = name == null || name.isBlank() ? "dashboard" : name.strip();
        if (who.length() > 100) {
            who = who.substring(0, 100);
        }
        if (apiKey == null || apiKey.isBlank() || !keys.accepts(apiKey.strip())) {
            String error = apiKey == null || apiKey.isBlank() ? "Enter an API key." : "That API key is not valid.";
            return Response.status(401).type(MediaType.TEXT_HTML_TYPE)
                    .entity(login.data("next", target).data("name", name == null ? "" : name).data("error", error)).build();
        }
        DashboardSessions.Opened opened = sessions.open(who, apiKey.strip());
        boolean https = "https".equalsIgnoreCase(uri.getRequestUri().getScheme()) || "https".equalsIgnoreCase(forwardedProto);
        NewCookie cookie = new NewCookie.Builder(SignedInFilter.COOKIE).value(opened.cookieValue()).path("/")
                .httpOnly(true).secure(https).sameSite(NewCookie.SameSite.LAX)
                .maxAge((int) sessions.lifetime().toSeconds()).build();
        return Response.seeOther(URI.create(target)).cookie(cookie).build();
    }

    /** Ends the session on every replica (it is a row) and clears the cookie. */
    @POST
    @Path("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@CookieParam(SignedInFilter.COOKIE) String token) {
        sessions.close(token);
        NewCookie cleared = new NewCookie.Builder(SignedInFilter.COOKIE).value("").path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX).maxAge(0).build();
        return Response.seeOther(URI.create("/login")).cookie(cleared).build();
    }
}
