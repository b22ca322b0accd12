package io.comeback.web.access;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.comeback.web.dashboard.SignedIn;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every HTTP route the service declares, read from the resource classes themselves so a new one is never missed. */
final class Routes {

    record Route(String method, String path, String contentType, boolean signedIn, boolean isPublic) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private Routes() {}

    /** Every route, with each path parameter replaced by {@code parameterValue}. */
    static List<Route> all(String parameterValue) {
        List<Route> routes = new ArrayList<>();
        for (JavaClass javaClass : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.comeback")) {
            if (!javaClass.isAnnotatedWith(Path.class)) {
                continue;
            }
            Class<?> resource = javaClass.reflect();
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = join(base, sub == null ? "" : sub.value()).replaceAll("\\{[^}]*}", parameterValue);
                boolean signedIn =
                        resource.isAnnotationPresent(SignedIn.class) || method.isAnnotationPresent(SignedIn.class);
                routes.add(new Route(
                        verb, path, contentType(resource, method), signedIn, PublicRoutes.isPublic(resource)));
            }
        }
        routes.sort(Comparator.comparing(Route::path).thenComparing(Route::method));
        return routes;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String contentType(Class<?> resource, Method method) {
        Consumes consumes = method.isAnnotationPresent(Consumes.class)
                ? method.getAnnotation(Consumes.class)
                : resource.getAnnotation(Consumes.class);
        return consumes == null || consumes.value().length == 0 ? MediaType.APPLICATION_JSON : consumes.value()[0];
    }

    private static String join(String base, String sub) {
        String joined = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
