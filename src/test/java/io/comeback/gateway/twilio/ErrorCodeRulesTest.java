package io.comeback.gateway.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comeback.messaging.port.DeliveryProblem;
import io.comeback.testing.ShippedProperties;
import org.junit.jupiter.api.Test;

class ErrorCodeRulesTest {

    private final ErrorCodeRules defaults =
            ErrorCodeRules.parse(ShippedProperties.value("comeback.twilio.error-rules"));

    @Test
    void carrierStopIsAnOptOutAtOnce() {
        assertThat(defaults.decide("21610", 1)).contains(DeliveryProblem.OPT_OUT);
    }

    @Test
    void invalidOrNonMobileNumbersAreUnreachableAtOnce() {
        assertThat(defaults.decide("21211", 1)).contains(DeliveryProblem.UNREACHABLE);
        assertThat(defaults.decide("21614", 1)).contains(DeliveryProblem.UNREACHABLE);
    }

    @Test
    void handsetErrorsMakeANumberUnreachableOnlyWhenRepeated() {
        for (String code : new String[] {"30003", "30005", "30006"}) {
            assertThat(defaults.decide(code, 1)).as(code).isEmpty();
            assertThat(defaults.decide(code, 2)).as(code).isEmpty();
            assertThat(defaults.decide(code, 3)).as(code).contains(DeliveryProblem.UNREACHABLE);
            assertThat(defaults.decide(code, 4)).as(code).contains(DeliveryProblem.UNREACHABLE);
        }
    }

    @Test
    void carrierFilteringFlagsTheContentForReview() {
        assertThat(defaults.decide("30007", 1)).contains(DeliveryProblem.REVIEW_CONTENT);
    }

    @Test
    void queueOverflowSlowsPacingDown() {
        assertThat(defaults.decide("21611", 1)).contains(DeliveryProblem.SLOW_DOWN);
        assertThat(defaults.decide("30001", 1)).contains(DeliveryProblem.SLOW_DOWN);
    }

    @Test
    void otherCodesAreNotActedOn() {
        assertThat(defaults.decide("30008", 10)).isEmpty();
        assertThat(defaults.decide(null, 1)).isEmpty();
        assertThat(defaults.rules()).hasSize(9);
    }

    @Test
    void rulesAreConfigurable() {
        ErrorCodeRules custom = ErrorCodeRules.parse(" 30003 = unreachable : 2 , 30007=slow-down,63016=opt-out ");

        assertThat(custom.decide("30003", 2)).contains(DeliveryProblem.UNREACHABLE);
        assertThat(custom.decide("30007", 1)).contains(DeliveryProblem.SLOW_DOWN);
        assertThat(custom.decide("63016", 1)).contains(DeliveryProblem.OPT_OUT);
        assertThat(custom.decide("21610", 1)).isEmpty();
    }

    @Test
    void mistakesInTheConfigurationSayWhatToWrite() {
        assertThatThrownBy(() -> ErrorCodeRules.parse("30003=unrechable"))
                .hasMessage(
                        "error rule '30003=unrechable': unknown action 'unrechable'; use opt-out, unreachable, review or slow-down");
        assertThatThrownBy(() -> ErrorCodeRules.parse("STOP=opt-out"))
                .hasMessage("error rule 'STOP=opt-out' should look like 30003=unreachable:3");
        assertThatThrownBy(() -> ErrorCodeRules.parse("30003=unreachable:x")).hasMessageContaining("must be a number");
        assertThatThrownBy(() -> ErrorCodeRules.parse("30003=unreachable:0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ErrorCodeRules.parse("30003=review,30003=opt-out"))
                .hasMessageContaining("twice");
    }
}
