package io.comeback.web;

import io.comeback.audience.Customer;
import io.comeback.audience.CustomerInput;
import io.comeback.audience.CustomerService;
import io.comeback.audience.money.ExchangeRates;
import io.comeback.audience.referrals.ReferralRefused;
import io.comeback.audience.rfm.RfmModel;
import io.comeback.privacy.PersonErasure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

@Path("/api/customers/{externalId}")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    private final CustomerService customers;
    private final PersonErasure erasure;
    private final RfmModel rfm;
    private final Clock clock;
    private final ExchangeRates rates;

    public CustomerResource(
            CustomerService customers, PersonErasure erasure, RfmModel rfm, Clock clock, ExchangeRates rates) {
        this.rates = rates;
        this.customers = customers;
        this.erasure = erasure;
        this.rfm = rfm;
        this.clock = clock;
    }

    /**
     * Creates or replaces the customer; consent is only changed when the body carries it. {@code referredBy} records
     * who referred a new customer (422 for a code that is unknown, malformed or their own; 409 when they were
     * referred by someone else or have ordered already), and nothing is stored when it is refused.
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("externalId") String externalId, CustomerInput body) {
        Violations.requireBody(body);
        CustomerService.PutResult result;
        try {
            result = customers.put(externalId, body);
        } catch (ReferralRefused refused) {
            throw refused.conflict()
                    ? ProblemException.conflict("referredBy", refused.getMessage())
                    : ProblemException.invalidField("referredBy", refused.getMessage());
        }
        if (result instanceof CustomerService.Rejected rejected) {
            if (rejected.conflict()) {
                var v = rejected.violations().get(0);
                throw ProblemException.conflict(v.field(), v.message());
            }
            throw Violations.invalid(rejected.violations());
        }
        CustomerService.Stored stored = (CustomerService.Stored) result;
        return Response.status(stored.created() ? 201 : 200)
                .entity(view(stored.customer()))
                .build();
    }

    @GET
    public CustomerApiView get(@PathParam("externalId") String externalId) {
        return customers
                .find(externalId)
                .map(this::view)
                .orElseThrow(() -> ProblemException.notFound("no customer '" + externalId + "'"));
    }

    private CustomerApiView view(Customer customer) {
        return CustomerApiView.of(
                customer, rfm.scores(customer.id, clock.instant()).orElse(null), rates.currency());
    }

    /**
     * GDPR erasure ({@link PersonErasure}): personal data leaves every table at once, texts not yet sent are
     * cancelled; order counts and totals stay for reporting. 503 when the person's rows stayed busy.
     */
    @DELETE
    public Response erase(@PathParam("externalId") String externalId) {
        boolean erased;
        try {
            erased = erasure.erase(externalId);
        } catch (PersonErasure.BusyException e) {
            throw new ProblemException(503, "Busy", e.getMessage(), java.util.List.of());
        }
        if (!erased) {
            throw ProblemException.notFound("no customer '" + externalId + "'");
        }
        return Response.noContent().build();
    }
}
