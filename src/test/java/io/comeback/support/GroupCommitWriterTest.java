package io.comeback.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitWriterTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void itemsArrivingDuringAWriteAreWrittenTogetherInTheNextGroup() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        List<List<Integer>> groups = new ArrayList<>();
        GroupCommitWriter<Integer, Integer> writer = new GroupCommitWriter<>("test-writer", "numbers", 100, group -> {
            synchronized (groups) {
                groups.add(group.stream().map(GroupCommitWriter.Waiting::item).toList());
            }
            firstWriteStarted.countDown();
            await(releaseFirstWrite);
            group.forEach(w -> w.answer().complete(w.item() * 10));
        });

        CompletableFuture<Integer> first = writer.submit(1);
        await(firstWriteStarted);
        List<CompletableFuture<Integer>> queued = List.of(writer.submit(2), writer.submit(3), writer.submit(4));
        releaseFirstWrite.countDown();

        assertThat(answer(first)).isEqualTo(10);
        assertThat(queued.stream().map(GroupCommitWriterTest::answer)).containsExactly(20, 30, 40);
        assertThat(groups).containsExactly(List.of(1), List.of(2, 3, 4));
        writer.stop();
    }

    @Test
    void aFailedGroupWriteFailsEveryAnswerItDidNotGive() {
        SQLException broken = new SQLException("disk full");
        GroupCommitWriter<String, Boolean> writer = new GroupCommitWriter<>("test-writer", "words", 10, group -> {
            throw broken;
        });

        CompletableFuture<Boolean> answer = writer.submit("a");

        assertThatThrownBy(() -> answer.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCause(broken);
        writer.stop();
    }

    @Test
    void afterStopAnItemIsRefusedAtOnceInsteadOfWaitingForAWriterThatIsGone() {
        GroupCommitWriter<String, Boolean> writer = new GroupCommitWriter<>(
                "test-writer",
                "words",
                10,
                group -> group.forEach(w -> w.answer().complete(true)));
        assertThat(answer(writer.submit("before"))).isTrue();

        writer.stop();
        CompletableFuture<Boolean> late = writer.submit("after");

        assertThat(late).isCompletedExceptionally();
        assertThatThrownBy(late::join).hasRootCauseMessage("the service is stopping");
    }

    private static <R> R answer(CompletableFuture<R> future) {
        try {
            return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
