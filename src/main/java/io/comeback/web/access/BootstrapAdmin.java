package io.comeback.web.access;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The first admin of a new installation: {@code COMEBACK_ADMIN_USERNAME} and {@code COMEBACK_ADMIN_PASSWORD} create
 * that user at start when the installation has no users yet. Once anyone exists, these settings change nothing, so
 * a password changed in the dashboard or API is never reset by a restart.
 */
@ApplicationScoped
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    private final Users users;
    private final Optional<String> username;
    private final Optional<String> password;

    public BootstrapAdmin(Users users, AdminConfig config) {
        this.users = users;
        this.username = config.username().map(String::strip).filter(s -> !s.isEmpty());
        this.password = config.password().filter(s -> !s.isEmpty());
    }

    void createWhenNoUsers(@Observes StartupEvent event) {
        if (users.anyExists()) {
            return;
        }
        if (username.isEmpty() || password.isEmpty()) {
            LOG.warn(
                    "No dashboard users yet: set COMEBACK_ADMIN_USERNAME and COMEBACK_ADMIN_PASSWORD to create the first admin,"
                            + " or create users with PUT /api/users/{username} and an admin API key");
            return;
        }
        String weakness = Passwords.weakness(password.get());
        if (weakness != null) {
            LOG.errorf("COMEBACK_ADMIN_PASSWORD %s; no admin was created", weakness);
            return;
        }
        users.put(username.get(), Role.ADMIN, password.get());
        LOG.infof("Created the first admin user '%s'", username.get());
    }
}
