package io.comeback.gateway.twilio;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Twilio's webhooks, form-encoded as Twilio sends them. Authenticated by {@code X-Twilio-Signature},
 * not by API key: a request that is not signed by our account is refused with 403 before anything
 * is stored.
 */
@Path("/webhooks/twilio")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Tag(name = "Twilio webhooks")
public class TwilioWebhookResource {

    static final String SIGNATURE = "X-Twilio-Signature";

    private final TwilioSignature signature;
    private final StatusCallbackBatcher statusCallbacks;
    private final InboundTexts inboundTexts;
    private final Clock clock;
    private final WebhookOutcomes outcomes;

    TwilioWebhookResource(
            TwilioSignature signature,
            StatusCallbackBatcher statusCallbacks,
            InboundTexts inboundTexts,
            Clock clock,
            WebhookOutcomes outcomes) {
        this.outcomes = outcomes;
        this.signature = signature;
        this.statusCallbacks = statusCallbacks;
        this.inboundTexts = inboundTexts;
        this.clock = clock;
    }

    @POST
    @Path("status")
    @Operation(summary = "Message status callback (set as StatusCallback on every message we create)")
    // Returns a stage, so it runs on the I/O thread: checking the signature is a few microseconds of
    // HMAC, and the database work is the group writer's. No worker thread waits for a commit.
    public CompletionStage<Response> status(
            @HeaderParam(SIGNATURE) String signed,
            @QueryParam("messageId") Long messageId,
            @Context UriInfo uri,
            MultivaluedMap<String, String> form) {
        Map<String, String> params = singleValued(form);
        CompletionStage<Boolean> applied;
        try {
            signature.check(pathAndQuery(uri), params, signed);
            applied = statusCallbacks.submit(StatusCallbacks.parse(params, messageId, clock.instant()));
        } catch (RuntimeException e) {
            outcomes.failed(WebhookOutcomes.Webhook.STATUS, e);
            throw e;
        }
        return applied.whenComplete((appliedNow, error) -> {
                    if (error == null) {
                        outcomes.accepted(WebhookOutcomes.Webhook.STATUS);
                    } else {
                        outcomes.failed(WebhookOutcomes.Webhook.STATUS, error);
                    }
                })
                .thenApply(appliedNow -> Response.ok().build());
    }

    @POST
    @Path("inbound")
    @Produces(Twiml.MEDIA_TYPE)
    @Operation(summary = "Incoming message webhook (configure on the number or Messaging Service); answers TwiML")
    public String inbound(
            @HeaderParam(SIGNATURE) String signed, @Context UriInfo uri, MultivaluedMap<String, String> form) {
        Map<String, String> params = singleValued(form);
        try {
            signature.check(pathAndQuery(uri), params, signed);
            String answer = inboundTexts.accept(params);
            outcomes.accepted(WebhookOutcomes.Webhook.INBOUND);
            return answer;
        } catch (RuntimeException e) {
            outcomes.failed(WebhookOutcomes.Webhook.INBOUND, e);
            throw e;
        }
    }

    private static String pathAndQuery(UriInfo uri) {
        String query = uri.getRequestUri().getRawQuery();
        return uri.getRequestUri().getRawPath() + (query == null ? "" : "?" + query);
    }

    /** Twilio's message webhooks send each parameter once; the SDK's validator takes one value per name. */
    private static Map<String, String> singleValued(MultivaluedMap<String, String> form) {
        Map<String, String> params = new LinkedHashMap<>();
        form.forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.get(0)));
        return params;
    }
}
