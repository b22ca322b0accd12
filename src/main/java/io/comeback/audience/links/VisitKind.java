package io.comeback.audience.links;

/** What a request for a short link is: only {@link #CLICK} is a person following it. */
public enum VisitKind {
    CLICK,
    /** A {@code HEAD} request: checks the link, reads nothing. */
    HEAD_REQUEST,
    /** A messaging app, unfurler, crawler or HTTP library fetching the page ({@link LinkVisitors}). */
    LINK_PREVIEW,
    /** A browser fetching ahead of a click that may never come ({@code Purpose: prefetch}). */
    PREFETCH
}
