package io.comeback.web;

import io.comeback.privacy.PersonalData;
import io.comeback.privacy.PersonalDataExport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Everything held about one customer, for an access request ({@link PersonalDataExport}); 404 once erased. */
@Path("/api/customers/{externalId}/export")
public class CustomerExportResource {

    private final PersonalDataExport export;

    public CustomerExportResource(PersonalDataExport export) {
        this.export = export;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public PersonalData.Export export(@PathParam("externalId") String externalId) {
        return export.of(externalId).orElseThrow(() -> ProblemException.notFound("no customer '" + externalId + "'"));
    }
}
