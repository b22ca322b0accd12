package io.comeback.web.dashboard;

import io.comeback.web.access.AuthFailures;
import io.comeback.web.access.ClientAddress;
import io.comeback.web.access.TooManyFailures;
import io.comeback.web.access.Users;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The dashboard's login: a user's name and password (bcrypt-checked). The browser gets an HttpOnly, SameSite=Lax
 * session cookie (Secure over https). Failed logins are counted per client address and per account; past the
 * limit both answer 429 with {@code Retry-After}, even to the right password, until the window ends.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LoginResource {

    private final Template login;
    private final Users users;
    private final DashboardSessions sessions;
    private final AuthFailures failures;

    public LoginResource(
            @Location("dashboard/login.html") Template login,
            Users users,
            DashboardSessions sessions,
            AuthFailures failures) {
        this.login = login;
        this.users = users;
        this.sessions = sessions;
        this.failures = failures;
    }

    @GET
    @Path("/login")
    public TemplateInstance form(@QueryParam("next") String next, @QueryParam("expired") boolean expired) {
        return login.data("next", LoginTargets.safe(next))
                .data("username", "")
                .data("error", expired ? "Your session has ended; sign in again." : null);
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(
            @FormParam("username") String username,
            @FormParam("password") String password,
            @FormParam("next") String next,
            @Context UriInfo uri,
            @Context HttpServerRequest request,
            @HeaderParam("X-Forwarded-Proto") String forwardedProto) {
        String target = LoginTargets.safe(next);
        String name = username == null ? "" : username.strip();
        if (name.isEmpty()
                || name.length() > 100
                || password == null
                || password.isEmpty()
                || password.length() > 200) {
            return page(400, target, name.length() > 100 ? "" : name, "Enter your user name and password.");
        }
        String client = ClientAddress.of(request);
        Optional<Duration> wait = failures.blockedFor(AuthFailures.Subject.CLIENT, client)
                .or(() -> failures.blockedFor(AuthFailures.Subject.ACCOUNT, name));
        if (wait.isPresent()) {
            long seconds = TooManyFailures.seconds(wait.get());
            return Response.fromResponse(
                            page(429, target, name, "Too many failed sign-ins; try again in " + seconds + " seconds."))
                    .header(HttpHeaders.RETRY_AFTER, seconds)
                    .build();
        }
        Optional<Users.User> user = users.verify(name, password);
        if (user.isEmpty()) {
            failures.record(AuthFailures.Subject.CLIENT, client);
            failures.record(AuthFailures.Subject.ACCOUNT, name);
            return page(401, target, name, "That user name and password do not match.");
        }
        failures.clear(AuthFailures.Subject.ACCOUNT, name);
        DashboardSessions.Opened opened = sessions.open(user.get());
        boolean https =
                "https".equalsIgnoreCase(uri.getRequestUri().getScheme()) || "https".equalsIgnoreCase(forwardedProto);
        NewCookie cookie = new NewCookie.Builder(SignedInFilter.COOKIE)
                .value(opened.cookieValue())
                .path("/")
                .httpOnly(true)
                .secure(https)
                .sameSite(NewCookie.SameSite.LAX)
                .maxAge((int) sessions.lifetime().toSeconds())
                .build();
        return Response.seeOther(URI.create(target)).cookie(cookie).build();
    }

    /** Ends the session on every replica (it is a row) and clears the cookie; the form must carry the session's token. */
    @POST
    @Path("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@CookieParam(SignedInFilter.COOKIE) String token, @FormParam("csrf") String csrf) {
        Optional<DashboardSessions.Session> session = sessions.find(token);
        if (session.isPresent()) {
            if (!CurrentSession.CsrfTokens.matches(csrf, session.get().csrfToken())) {
                throw CurrentSession.CsrfTokens.refusal();
            }
            sessions.close(token);
        }
        NewCookie cleared = new NewCookie.Builder(SignedInFilter.COOKIE)
                .value("")
                .path("/")
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX)
                .maxAge(0)
                .build();
        return Response.seeOther(URI.create("/login")).cookie(cleared).build();
    }

    private Response page(int status, String next, String username, String error) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(login.data("next", next).data("username", username).data("error", error))
                .build();
    }
}
