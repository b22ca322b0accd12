package io.comeback.web;

import io.comeback.audience.ShopNameConfig;
import io.comeback.audience.links.ShortLinkForm;
import io.comeback.engine.model.Problem;
import io.comeback.engine.run.FlowSimulator;
import io.comeback.engine.run.InvalidSimulationException;
import io.comeback.engine.run.SimulationRequest;
import io.comeback.engine.run.SimulationResponse;
import io.comeback.engine.validate.FlowValidator;
import io.comeback.engine.validate.ValidationResult;
import io.comeback.flows.FlowCatalog;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The flow catalog, validation of a flow text, and time-travel simulation of a flow. */
@Path("/api/flows")
@Produces(MediaType.APPLICATION_JSON)
public class FlowResource {

    private final FlowCatalog catalog;
    private final FlowValidator validator;
    private final FlowSimulator simulator;

    public FlowResource(FlowCatalog catalog, ShopNameConfig shopName, ShortLinkForm links) {
        this.catalog = catalog;
        // Validation and simulation show links as they are sent (short links of the real length), stored nowhere.
        this.validator = new FlowValidator(links.shape());
        this.simulator = FlowSimulator.withDefaults(shopName.name(), links.shape());
    }

    public record ProblemView(String severity, int line, int column, String path, String message) {
        static ProblemView of(Problem p) {
            return new ProblemView(p.severity().label(), p.line(), p.column(), p.path(), p.message());
        }

        static List<ProblemView> all(List<Problem> problems) {
            return problems.stream().map(ProblemView::of).toList();
        }
    }

    public record ValidationView(boolean valid, List<ProblemView> problems) {}

    public record FlowView(String id, String file, String version, String status, List<ProblemView> problems) {}

    @GET
    public List<FlowView> list() {
        return catalog.all().stream()
                .map(e -> new FlowView(
                        e.id(), e.file(), e.version(), e.status().name().toLowerCase(), ProblemView.all(e.problems())))
                .toList();
    }

    /**
     * Re-reads the flows folder now (it is also watched). Running enrollments keep their version;
     * an invalid file is listed with its problems and the other flows keep running.
     */
    @POST
    @Path("/reload")
    public List<FlowView> reload() {
        catalog.reload();
        return list();
    }

    /** Checks a flow file's text without installing it; every problem with line and column. */
    @POST
    @Path("/validate")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", MediaType.TEXT_PLAIN})
    public ValidationView validate(String yaml) {
        ValidationResult result = validator.validate(yaml == null ? "" : yaml);
        return new ValidationView(result.isValid(), ProblemView.all(result.problems()));
    }

    @POST
    @Path("/{id}/simulate")
    @Consumes(MediaType.APPLICATION_JSON)
    public SimulationResponse simulate(@PathParam("id") String id, SimulationRequest request) {
        Violations.requireBody(request);
        FlowCatalog.Entry entry = catalog.entry(id)
                .orElseThrow(() -> ProblemException.notFound("no flow '" + id + "'; GET /api/flows lists them"));
        if (entry.flow() == null) {
            throw new ProblemException(
                    409,
                    "Flow is invalid",
                    "flow '" + id + "' has errors and cannot run; fix " + entry.file() + " first",
                    entry.problems().stream()
                            .filter(Problem::isError)
                            .map(p -> new ProblemDetails.Violation(p.path(), (long) p.line(), p.message()))
                            .toList());
        }
        try {
            return simulator.simulate(entry.flow(), request);
        } catch (InvalidSimulationException e) {
            throw ProblemException.invalid(List.of(ProblemDetails.Violation.ofField("body", e.getMessage())));
        }
    }
}
