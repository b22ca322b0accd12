package io.comeback.web.access;

import java.util.Locale;

/** A dashboard user's role: viewers look, marketers also act (inbox, flows), admins also manage users and keys. */
public enum Role {
    VIEWER(AccessLevel.READ),
    MARKETER(AccessLevel.WRITE),
    ADMIN(AccessLevel.ADMIN);

    private final AccessLevel level;

    Role(AccessLevel level) {
        this.level = level;
    }

    public AccessLevel level() {
        return level;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role ofWireName(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + name + "'; use viewer, marketer or admin");
    }
}
