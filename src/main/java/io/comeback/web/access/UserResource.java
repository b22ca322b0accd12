package io.comeback.web.access;

import io.comeback.web.ProblemException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Dashboard users, managed with an admin key. Passwords go in and never come out. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Requires(AccessLevel.ADMIN)
@Tag(name = "Users and keys")
public class UserResource {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

    public record UserInput(String role, String password) {}

    public record UserView(String username, String role, Instant createdAt, Instant updatedAt) {
        static UserView of(Users.User user) {
            return new UserView(user.username(), user.role().wireName(), user.createdAt(), user.updatedAt());
        }
    }

    private final Users users;

    public UserResource(Users users) {
        this.users = users;
    }

    @GET
    @Operation(summary = "List dashboard users and their roles")
    public List<UserView> list() {
        return users.all().stream().map(UserView::of).toList();
    }

    @PUT
    @Path("/{username}")
    @Operation(summary = "Create a user, or change a user's role and password (a password is required to create)")
    public Response put(@PathParam("username") String username, UserInput input) {
        if (!NAME.matcher(username).matches()) {
            throw ProblemException.invalidField("username", "1 to 100 letters, digits or . _ @ -");
        }
        if (input == null || input.role() == null) {
            throw ProblemException.invalidField("role", "required: viewer, marketer or admin");
        }
        Role role;
        try {
            role = Role.ofWireName(input.role());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("role", e.getMessage());
        }
        boolean exists = users.find(username).isPresent();
        if (input.password() == null && !exists) {
            throw ProblemException.invalidField("password", "required to create a user");
        }
        if (input.password() != null && Passwords.weakness(input.password()) != null) {
            throw ProblemException.invalidField("password", Passwords.weakness(input.password()));
        }
        boolean created = users.put(username, role, input.password());
        UserView view = UserView.of(users.find(username).orElseThrow());
        return Response.status(created ? 201 : 200).entity(view).build();
    }

    @DELETE
    @Path("/{username}")
    @Operation(summary = "Delete a user; their sessions end at once")
    public Response delete(@PathParam("username") String username) {
        if (!users.delete(username)) {
            throw ProblemException.notFound("No user '" + username + "'.");
        }
        return Response.noContent().build();
    }
}
