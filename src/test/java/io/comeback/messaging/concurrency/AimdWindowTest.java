package io.comeback.messaging.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AimdWindowTest {

    @Test
    void startsAtTheLimitAndATooManyRequestsCutsItByTheFactor() {
        AimdWindow window = new AimdWindow(100, 0.75);
        assertThat(window.size()).isEqualTo(100);

        window.throttled(window.round());

        assertThat(window.size()).isEqualTo(75);
    }

    @Test
    void refusalsOfSendsStartedBeforeTheCutDoNotCutAgain() {
        AimdWindow window = new AimdWindow(100, 0.75);
        long round = window.round();
        window.throttled(round);
        window.throttled(round);
        window.throttled(round);

        assertThat(window.size()).isEqualTo(75);

        window.throttled(window.round());
        assertThat(window.size()).isEqualTo(56);
    }

    @Test
    void growsByOnePerWindowOfAnswersUpToTheLimit() {
        AimdWindow window = new AimdWindow(100, 0.5);
        window.throttled(window.round());
        assertThat(window.size()).isEqualTo(50);

        for (int i = 0; i < 55; i++) { // about one window's worth (the window grows meanwhile)
            window.answered(false);
        }
        assertThat(window.size()).isEqualTo(51);
        for (int i = 0; i < 100_000; i++) {
            window.answered(false);
        }
        assertThat(window.value()).isEqualTo(100);
    }

    @Test
    void doesNotGrowWhileTheProviderSaysTheAccountIsFull() {
        AimdWindow window = new AimdWindow(100, 0.5);
        window.throttled(window.round());

        for (int i = 0; i < 1000; i++) {
            window.answered(true);
        }

        assertThat(window.size()).isEqualTo(50);
    }

    @Test
    void neverFallsBelowOneSoTheProviderIsAskedAgain() {
        AimdWindow window = new AimdWindow(4, 0.1);
        for (int i = 0; i < 10; i++) {
            window.throttled(window.round());
        }
        assertThat(window.size()).isEqualTo(1);
    }

    @Test
    void refusesAFactorOutsideZeroToOne() {
        assertThatThrownBy(() -> new AimdWindow(100, 1.0)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> new AimdWindow(0, 0.5)).hasMessageContaining("at least 1");
    }
}
