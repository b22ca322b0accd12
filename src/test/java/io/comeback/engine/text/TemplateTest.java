package io.comeback.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comeback.engine.text.Template.Placeholder;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateTest {

    private static final Map<String, String> VALUES = Map.of(
            "customer.firstName", "Kari",
            "coupon.code", "WB-7Q2K",
            "customer.blank", "  ");
    private static final Function<String, Optional<String>> RESOLVER = path -> Optional.ofNullable(VALUES.get(path));

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(
            delimiterString = " => ",
            value = {
                "Hei {{ customer.firstName }}! => Hei Kari!",
                "Hei {{customer.firstName}}! => Hei Kari!",
                "Hei {{   customer.firstName   }}! => Hei Kari!",
                "Hei {{ customer.lastName | du }}! => Hei du!",
                "Hei {{ customer.lastName|du }}! => Hei du!",
                "Hei {{ customer.blank | der }}! => Hei der!",
                "Hei {{ customer.firstName | der }}! => Hei Kari!",
                "Hei {{ customer.lastName | kjære kunde }}! => Hei kjære kunde!",
                "Hei {{ customer.lastName }}! => Hei !",
                "Kode: {{coupon.code}}{{coupon.code}} => Kode: WB-7Q2KWB-7Q2K",
                "{ single } and }} lone => { single } and }} lone",
                "no placeholders => no placeholders",
                "{{ customer.lastName | }}x => x",
            })
    void renders(String source, String expected) {
        assertThat(Template.parse(source).render(RESOLVER)).isEqualTo(expected);
    }

    @Test
    void listsPlaceholdersWithFallbackAndOffset() {
        Template template = Template.parse("Hei {{ customer.firstName | der }}, koden er {{coupon.code}}.");
        assertThat(template.placeholders())
                .containsExactly(
                        new Placeholder("customer.firstName", "der", 4), new Placeholder("coupon.code", null, 45));
    }

    @Test
    void reportsMissingPathsWithoutFallback() {
        Template.Rendered rendered =
                Template.parse("{{ a }} {{ b | x }} {{ coupon.code }} {{ c }}").renderDetailed(RESOLVER);
        assertThat(rendered.text()).isEqualTo(" x WB-7Q2K ");
        assertThat(rendered.missing()).containsExactly("a", "c");
        assertThat(rendered.complete()).isFalse();
        assertThat(Template.parse("{{ coupon.code }}").renderDetailed(RESOLVER).complete())
                .isTrue();
    }

    @ParameterizedTest(name = "''{0}'' fails at {1}")
    @CsvSource(
            delimiterString = " => ",
            value = {
                "Hei {{ unclosed => 4 => not closed",
                "Hei {{ a {{ b }} => 4 => not closed before the next",
                "ok {{ a }} then {{ }} => 16 => no name",
                "{{ | fallback }} => 0 => no name",
                "x {{ first name }} => 2 => is not a valid placeholder name",
                "x {{ customer..name }} => 2 => not a valid placeholder name",
                "x {{ 1abc }} => 2 => not a valid placeholder name",
            })
    void refusesMalformedPlaceholders(String source, int offset, String message) {
        assertThatThrownBy(() -> Template.parse(source)).isInstanceOfSatisfying(TemplateSyntaxException.class, e -> {
            assertThat(e.offset()).isEqualTo(offset);
            assertThat(e.reason()).contains(message);
        });
    }
}
