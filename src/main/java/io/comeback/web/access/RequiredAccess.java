package io.comeback.web.access;

import java.lang.reflect.Method;

/** The level a matched resource method needs: its own {@link Requires}, its class's, or the HTTP method's default. */
public final class RequiredAccess {

    private RequiredAccess() {}

    public static AccessLevel of(Class<?> resource, Method method, String httpMethod) {
        if (method != null && method.isAnnotationPresent(Requires.class)) {
            return method.getAnnotation(Requires.class).value();
        }
        if (resource != null && resource.isAnnotationPresent(Requires.class)) {
            return resource.getAnnotation(Requires.class).value();
        }
        return switch (httpMethod) {
            case "GET", "HEAD" -> AccessLevel.READ;
            default -> AccessLevel.WRITE;
        };
    }
}
