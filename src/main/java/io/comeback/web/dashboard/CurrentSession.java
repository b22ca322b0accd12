package io.comeback.web.dashboard;

import io.comeback.web.access.AccessLevel;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The session of the request being served, set by {@link SignedInFilter}. */
@RequestScoped
public class CurrentSession {

    private DashboardSessions.Session session;

    void set(DashboardSessions.Session session) {
        this.session = session;
    }

    public DashboardSessions.Session get() {
        if (session == null) {
            throw new IllegalStateException("no dashboard session on this request");
        }
        return session;
    }

    public String name() {
        return get().name();
    }

    public String csrfToken() {
        return get().csrfToken();
    }

    public boolean may(AccessLevel level) {
        return get().role().level().allows(level);
    }

    /**
     * Every form that changes something carries the session's token; a form posted from another site cannot know
     * it. Refuses the request (403) when the token is missing or wrong.
     */
    public void requireFormToken(String token) {
        if (!CsrfTokens.matches(token, csrfToken())) {
            throw CsrfTokens.refusal();
        }
    }

    /** Shared by the signed-in pages and the logout form, which has no {@link CurrentSession}. */
    static final class CsrfTokens {
        private CsrfTokens() {}

        static boolean matches(String given, String expected) {
            return given != null
                    && expected != null
                    && MessageDigest.isEqual(
                            given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
        }

        static WebApplicationException refusal() {
            return new WebApplicationException(Response.status(403)
                    .type(MediaType.TEXT_PLAIN_TYPE)
                    .entity(
                            "This form is out of date or did not come from the dashboard; reload the page and try again.")
                    .build());
        }
    }
}
