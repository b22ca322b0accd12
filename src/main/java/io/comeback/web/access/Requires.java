package io.comeback.web.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The access a resource (class or method) needs when it differs from the default: reading ({@code GET}, {@code HEAD})
 * needs {@link AccessLevel#READ}, everything else {@link AccessLevel#WRITE}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Requires {
    AccessLevel value();
}
