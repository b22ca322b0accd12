package io.comeback.web.dashboard;

import io.quarkus.qute.TemplateData;

/** What the layout around every dashboard page needs: the title, which menu entry is current, who is signed in. */
@TemplateData
public record PageFrame(String title, String section, String user, String csrf) {

    static PageFrame of(String title, String section, CurrentSession session) {
        return new PageFrame(title, section, session.name(), session.csrfToken());
    }

    /** {@code aria-current} for the menu entry of this page. */
    public String current(String entry) {
        return entry.equals(section) ? "page" : "false";
    }
}
