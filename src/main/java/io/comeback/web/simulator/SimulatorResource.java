package io.comeback.web.simulator;

import io.comeback.audience.PhoneNumbers;
import io.comeback.gateway.simulator.SimulatorPhone;
import io.comeback.inbound.InboundSms;
import io.comeback.inbound.InboundSmsSink;
import io.comeback.messaging.Gateways;
import io.comeback.web.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Lets a person (or a test) play the customer's phone: text the shop, and read what the shop sent.
 * Only there when the simulator is the gateway; guarded by the API keys like {@code /api}.
 */
@Path("/simulator")
@Produces(MediaType.APPLICATION_JSON)
public class SimulatorResource {

    public record InboundRequest(String from, String body) {}

    /** What the simulated phone got; {@code answer} is the service's immediate reply, if any. */
    public record InboundResponse(String id, String answer) {}

    private final InboundSmsSink sink;
    private final SimulatorPhone phone;
    private final Gateways gateways;
    private final PhoneNumbers phoneNumbers;
    private final Clock clock;

    public SimulatorResource(
            InboundSmsSink sink, SimulatorPhone phone, Gateways gateways, PhoneNumbers phoneNumbers, Clock clock) {
        this.sink = sink;
        this.phone = phone;
        this.gateways = gateways;
        this.phoneNumbers = phoneNumbers;
        this.clock = clock;
    }

    @POST
    @Path("/inbound")
    @Consumes(MediaType.APPLICATION_JSON)
    public InboundResponse inbound(InboundRequest request) {
        requireSimulator();
        if (request == null || request.from() == null || request.body() == null) {
            throw ProblemException.invalidField(
                    request == null || request.from() == null ? "from" : "body",
                    "required: {\"from\": \"+4791234567\", \"body\": \"9\"}");
        }
        String from = normalize(request.from());
        String id = "SIMIN" + UUID.randomUUID().toString().replace("-", "");
        phone.recordInbound(from, request.body());
        String answer = sink.receive(new InboundSms(id, from, null, request.body(), clock.instant()))
                .orElse(null);
        if (answer != null) {
            // As a provider delivers a webhook's answer (TwiML <Message>) to the sender.
            phone.recordAnswer(from, answer);
        }
        return new InboundResponse(id, answer);
    }

    @GET
    @Path("/messages")
    public List<SimulatorPhone.Message> messages(@QueryParam("to") String to) {
        requireSimulator();
        if (to == null || to.isBlank()) {
            throw ProblemException.invalidField("to", "required: the phone number, e.g. ?to=%2B4791234567");
        }
        return phone.messagesTo(normalize(to));
    }

    private String normalize(String number) {
        try {
            return phoneNumbers.normalize(number).e164();
        } catch (PhoneNumbers.InvalidPhoneNumberException e) {
            // The message names the number and what is wrong with it.
            throw ProblemException.invalidField("phone", e.getMessage());
        }
    }

    private void requireSimulator() {
        if (!"simulator".equals(gateways.configuredName())) {
            throw ProblemException.notFound("the simulator is off: comeback.gateway is " + gateways.configuredName());
        }
    }
}
