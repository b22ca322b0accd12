package io.comeback.web;

import io.comeback.engine.validate.CampaignValidator;
import io.comeback.enrollment.CampaignSources;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Checks a campaign's text without storing it (deploy/API.md "Campaigns"): every problem with line and column, as
 * {@code PUT /api/campaigns/{id}} would report them. Its own class so the campaign routes stay as they are.
 */
@Path("/api/campaigns/validate")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignValidationResource {

    private final CampaignSources sources;

    public CampaignValidationResource(CampaignSources sources) {
        this.sources = sources;
    }

    /** {@code valid} is false when any problem is an error; warnings alone leave it valid. */
    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", MediaType.TEXT_PLAIN})
    public FlowResource.ValidationView validate(String yaml) {
        CampaignValidator.Result result = sources.validator().validate(yaml == null ? "" : yaml);
        return new FlowResource.ValidationView(result.isValid(), FlowResource.ProblemView.all(result.problems()));
    }
}
