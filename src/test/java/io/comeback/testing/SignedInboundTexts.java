package io.comeback.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.gateway.twilio.TwilioSignatures;
import io.restassured.RestAssured;
import io.restassured.path.xml.XmlPath;
import java.util.LinkedHashMap;
import java.util.Map;

/** A person's text as Twilio posts it to {@code /webhooks/twilio/inbound}, signed; under {@link SignedWebhooksProfile}. */
public final class SignedInboundTexts {

    private static final String PATH = "/webhooks/twilio/inbound";

    private SignedInboundTexts() {}

    /** @return the text the service answers with in TwiML, or null when it answers nothing */
    public static String text(String from, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        String sid = TestData.messageSid();
        params.put("AccountSid", "AC" + "0".repeat(32));
        params.put("ApiVersion", "2010-04-01");
        params.put("Body", body);
        params.put("From", from);
        params.put("MessageSid", sid);
        params.put("NumMedia", "0");
        params.put("NumSegments", "1");
        params.put("SmsMessageSid", sid);
        params.put("SmsSid", sid);
        params.put("SmsStatus", "received");
        params.put("To", "+4759440000");
        String twiml = RestAssured.given()
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParams(params)
                .header(
                        "X-Twilio-Signature",
                        TwilioSignatures.sign(
                                SignedWebhooksProfile.AUTH_TOKEN, SignedWebhooksProfile.PUBLIC_URL + PATH, params))
                .post(PATH)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(twiml).startsWith("<?xml");
        String answer = XmlPath.from(twiml).getString("Response.Message");
        return answer == null || answer.isEmpty() ? null : answer;
    }
}
