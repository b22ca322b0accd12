package io.comeback.web.access;

/** What a caller may do: read, change, or also manage users and keys. Each level includes the ones below it. */
public enum AccessLevel {
    READ,
    WRITE,
    ADMIN;

    public boolean allows(AccessLevel needed) {
        return compareTo(needed) >= 0;
    }

    /** The word used for API key scopes: {@code read}, {@code write}, {@code admin}. */
    public String scope() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static AccessLevel ofScope(String scope) {
        for (AccessLevel level : values()) {
            if (level.scope().equals(scope)) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + scope + "'; use read, write or admin");
    }
}
