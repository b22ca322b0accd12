package io.comeback.web.dashboard;

import jakarta.enterprise.context.RequestScoped;

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
}
