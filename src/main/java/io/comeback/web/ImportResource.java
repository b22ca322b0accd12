package io.comeback.web;

import io.comeback.audience.imports.CsvImporter;
import io.comeback.audience.imports.CsvReader;
import io.comeback.audience.imports.ImportRejectedException;
import io.comeback.audience.imports.ImportReport;
import io.comeback.shops.ShopExportRefused;
import io.comeback.shops.shopify.ShopifyExports;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Bulk import. The body is streamed into PostgreSQL, never held whole in memory. */
@Path("/api/import")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private final CsvImporter importer;
    private final ShopifyExports shopify;

    public ImportResource(CsvImporter importer, ShopifyExports shopify) {
        this.importer = importer;
        this.shopify = shopify;
    }

    @POST
    @Path("/customers")
    @Consumes({"text/csv", "application/csv"})
    public ImportReport customers(
            InputStream csv,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type,
            @QueryParam("enroll") String enroll) {
        return importer.importCustomers(csv, charsetOf(type), enroll(enroll));
    }

    @POST
    @Path("/orders")
    @Consumes({"text/csv", "application/csv"})
    public ImportReport orders(InputStream csv, @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type) {
        return importer.importOrders(csv, charsetOf(type));
    }

    /** Shopify admin's customers export, as it comes out of the admin (deploy/SHOPS.md, "Backfill your history"). */
    @POST
    @Path("/shopify/customers")
    @Consumes({"text/csv", "application/csv"})
    public ImportReport shopifyCustomers(
            InputStream csv,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type,
            @QueryParam("enroll") String enroll) {
        return shopify.importCustomers(csv, charsetOf(type), enroll(enroll));
    }

    /** Shopify admin's orders export: a row per line item, an order's rows one after another. */
    @POST
    @Path("/shopify/orders")
    @Consumes({"text/csv", "application/csv"})
    public ImportReport shopifyOrders(InputStream csv, @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type) {
        return shopify.importOrders(csv, charsetOf(type));
    }

    /**
     * Whether the customers an import creates enter the {@code customer_created} flows (a welcome): only when asked,
     * since a file is usually an audience that signed up long ago.
     */
    private static boolean enroll(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ProblemException.invalidField("enroll", "must be true or false, not '" + value + "'");
    }

    /**
     * The charset the Content-Type states, which is taken as said; null when it states none, and the importer finds
     * it from the bytes (UTF-8 or Windows-1252, as spreadsheets on Windows save).
     */
    private static Charset charsetOf(MediaType type) {
        String name = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null) {
            return null;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    415,
                    "Unsupported charset",
                    "charset '" + name + "' is not known; send UTF-8",
                    List.of(ProblemDetails.Violation.ofField("Content-Type", "unknown charset '" + name + "'")));
        }
    }

    /** A record past a size limit: the file is not read on, and the connection is closed rather than drained. */
    @ServerExceptionMapper
    public Response recordTooLarge(CsvReader.RecordTooLargeException e, RoutingContext routing) {
        routing.addEndHandler(done -> routing.request().connection().close());
        return Response.fromResponse(ProblemMappers.respond(new ProblemDetails(
                        ProblemTypes.forStatus(413),
                        "CSV record too large",
                        413,
                        "line " + e.line() + ": " + e.getMessage(),
                        List.of(ProblemDetails.Violation.ofLine(e.line(), e.getMessage())))))
                .header("Connection", "close")
                .build();
    }

    /** A file sent as a shop's export that is not one: a 400 naming the columns it lacks. */
    @ServerExceptionMapper
    public Response notAnExport(ShopExportRefused e) {
        return ProblemMappers.respond(new ProblemDetails(
                ProblemTypes.forStatus(400),
                "Not a shop export",
                400,
                e.getMessage(),
                e.missing().stream()
                        .map(column -> ProblemDetails.Violation.ofField(column, "missing from the header"))
                        .toList()));
    }

    @ServerExceptionMapper
    public Response rejected(ImportRejectedException e) {
        return ProblemMappers.respond(new ProblemDetails(
                "https://comeback.io/problems/invalid-csv",
                "Invalid CSV file",
                422,
                "line " + e.line() + ": " + e.getMessage(),
                List.of(ProblemDetails.Violation.ofLine(e.line(), e.getMessage()))));
    }
}
