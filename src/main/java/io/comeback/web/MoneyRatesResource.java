package io.comeback.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.comeback.audience.money.ExchangeRates;
import io.comeback.audience.money.RateUpload;
import io.comeback.web.access.Caller;
import io.comeback.web.access.RouteAccessFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rates into the reporting currency: read them with where each comes from, set the operator's own (JSON or CSV,
 * all or none), delete one to fall back to its setting or reference rate. GET needs the read scope, the rest write.
 */
@Path("/api/money/rates")
@Produces(MediaType.APPLICATION_JSON)
public class MoneyRatesResource {

    /** The JSON body of a PUT: code to rate. */
    public record RatesBody(Map<String, JsonNode> rates) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RateView(
            String currency,
            BigDecimal rate,
            String source,
            LocalDate referenceDate,
            Instant updatedAt,
            String updatedBy) {
        static RateView of(ExchangeRates.InForce r) {
            return new RateView(r.currency(), r.rate(), r.source(), r.referenceDate(), r.updatedAt(), r.by());
        }
    }

    public record RatesView(String currency, List<RateView> rates) {}

    private final ExchangeRates rates;

    public MoneyRatesResource(ExchangeRates rates) {
        this.rates = rates;
    }

    @GET
    public RatesView get() {
        return new RatesView(
                rates.currency(),
                rates.inForce().values().stream()
                        .filter(r -> !r.currency().equals(rates.currency()))
                        .map(RateView::of)
                        .toList());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public RatesView putJson(RatesBody body, @Context ContainerRequestContext request) {
        Violations.requireBody(body);
        Map<String, String> entries = new LinkedHashMap<>();
        if (body.rates() != null) {
            body.rates().forEach((code, node) -> entries.put(code, text(node)));
        }
        return store(RateUpload.ofJson(entries, rates.currency()), request);
    }

    @PUT
    @Consumes({"text/csv", "application/csv"})
    public RatesView putCsv(String csv, @Context ContainerRequestContext request) {
        return store(RateUpload.ofCsv(csv, rates.currency()), request);
    }

    @DELETE
    @Path("/{currency}")
    public RatesView delete(@PathParam("currency") String currency) {
        String code = currency.toUpperCase(Locale.ROOT);
        if (!rates.delete(code)) {
            throw ProblemException.notFound("no rate for '" + currency + "' was set through the API");
        }
        return get();
    }

    private RatesView store(RateUpload.Judged judged, ContainerRequestContext request) {
        if (!judged.problems().isEmpty()) {
            List<ProblemDetails.Violation> violations = judged.problems().stream()
                    .map(p -> new ProblemDetails.Violation(p.field(), p.line(), p.message()))
                    .toList();
            String detail = judged.problems().size() + " problem(s), nothing stored: "
                    + String.join(
                            "; ",
                            judged.problems().stream()
                                    .map(MoneyRatesResource::describe)
                                    .toList());
            throw new ProblemException(400, "Bad request", detail, violations);
        }
        Caller caller = RouteAccessFilter.callerOf(request);
        rates.put(judged.rates(), caller == null ? "unknown" : caller.name());
        return get();
    }

    private static String describe(RateUpload.Problem p) {
        return (p.line() != null ? "line " + p.line() : p.field()) + ": " + p.message();
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue().toPlainString();
        }
        return node.isTextual() ? node.textValue() : node.toString();
    }
}
