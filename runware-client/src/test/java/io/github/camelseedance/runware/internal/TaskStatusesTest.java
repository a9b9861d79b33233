package io.github.camelseedance.runware.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.camelseedance.runware.error.RunwareAuthenticationException;
import io.github.camelseedance.runware.error.RunwareContentPolicyException;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.runware.error.RunwareProviderException;
import io.github.camelseedance.runware.error.RunwareServerException;
import io.github.camelseedance.runware.error.RunwareTimeoutException;
import io.github.camelseedance.runware.model.FailedResult;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.VideoItem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Poll answers as Runware gives them: one item per result, any order, progress and taskType often absent. */
class TaskStatusesTest {

    private static Map<String, TaskStatus> read(int status, String body, String... uuids) {
        return TaskStatuses.read(RunwareResponse.parse(status, body), List.of(uuids));
    }

    @Test
    void oneItemPerResultInAnyOrderWithoutProgressOrTaskType() {
        TaskStatus status = read(200, """
                {"data":[{"taskUUID":"a","status":"processing"},
                         {"taskType":"videoInference","taskUUID":"a","status":"success","videoUUID":"v1",
                          "videoURL":"http://x/v1.mp4","seed":7,"cost":0.405,"NSFWContent":false}]}""", "a").get("a");

        assertThat(status.state()).isEqualTo(TaskState.PROCESSING);
        assertThat(status.progress()).isNull();
        assertThat(status.isFinal()).isFalse();
        VideoItem item = status.items().get(0);
        assertThat(item.videoUUID()).isEqualTo("v1");
        assertThat(item.videoURL()).isEqualTo(URI.create("http://x/v1.mp4"));
        assertThat(item.seed()).isEqualTo(7L);
        assertThat(item.cost()).isEqualByComparingTo(new BigDecimal("0.405"));
        assertThat(item.nsfwContent()).isFalse();
        assertThat(item.resultKey()).isEqualTo("v1");
    }

    @Test
    void progressWhenReported() {
        assertThat(read(200, "{\"data\":[{\"taskUUID\":\"a\",\"status\":\"processing\",\"progress\":40.5}]}", "a")
                .get("a").progress()).isEqualTo(40);
    }

    @Test
    void everyResultSucceededIsFinal() {
        TaskStatus status = read(200,
                """
                        {"data":[{"taskUUID":"a","status":"success","videoUUID":"v2","videoURL":"http://x/2","resultIndex":1},
                                 {"taskUUID":"a","status":"success","videoUUID":"v1","videoURL":"http://x/1","resultIndex":0}]}""",
                "a").get("a");

        assertThat(status.state()).isEqualTo(TaskState.SUCCESS);
        assertThat(status.isFinal()).isTrue();
        assertThat(status.items()).extracting(VideoItem::resultKey).containsExactly("result#1", "result#0");
    }

    @Test
    void aFailedResultBesideSucceededOnesAsAnErrorsEntry() {
        TaskStatus status = read(200, """
                {"data":[{"taskUUID":"a","status":"success","videoUUID":"v1","videoURL":"http://x/1"}],
                 "errors":[{"code":"providerContentPolicyViolation","message":"flagged","status":"error",
                            "taskType":"videoInference","taskUUID":"a"}]}""", "a").get("a");

        assertThat(status.state()).isEqualTo(TaskState.SUCCESS);
        assertThat(status.items()).hasSize(1);
        assertThat(status.failures()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("providerContentPolicyViolation");
            assertThat(f.error()).isInstanceOf(RunwareContentPolicyException.class);
            assertThat(f.error().taskUUID()).isEqualTo("a");
        });
        assertThat(status.error()).isNull();
    }

    @Test
    void aFailedResultAsADataItemWithItsErrorEmbedded() {
        TaskStatus status = read(200, """
                {"data":[{"taskUUID":"a","status":"processing"},
                         {"taskType":"videoInference","taskUUID":"a","status":"error","resultIndex":1,
                          "error":{"code":"providerError","message":"boom"}}]}""", "a").get("a");

        assertThat(status.state()).isEqualTo(TaskState.PROCESSING);
        assertThat(status.failures()).singleElement().satisfies(f -> {
            assertThat(f.resultIndex()).isEqualTo(1);
            assertThat(f.error()).isInstanceOf(RunwareProviderException.class);
            assertThat(f.error().taskUUID()).isEqualTo("a");
            assertThat(f.resultKey()).isEqualTo("result#1");
        });
    }

    @Test
    void everyResultFailedIsAnError() {
        TaskStatus status = read(200, """
                {"errors":[{"code":"timeoutProvider","status":"error","message":"slow","taskUUID":"a"}]}""", "a")
                .get("a");

        assertThat(status.state()).isEqualTo(TaskState.ERROR);
        assertThat(status.isFinal()).isTrue();
        assertThat(status.error()).isInstanceOf(RunwareTimeoutException.class);
        assertThat(status.failures()).extracting(FailedResult::code).containsExactly("timeoutProvider");
    }

    @Test
    void everyTaskOfABatchHasItsOwnStatusAndTheOnesLeftOutNone() {
        Map<String, TaskStatus> statuses = read(200, """
                {"data":[{"taskUUID":"a","status":"processing"},
                         {"taskUUID":"b","status":"success","videoUUID":"v","videoURL":"http://x/v"}],
                 "errors":[{"code":"timeoutProvider","status":"error","message":"slow","taskUUID":"c"},
                           {"code":"taskNotFound","taskType":"getResponse","taskUUID":"d"}]}""", "a", "b", "c", "d",
                "e");

        assertThat(statuses).containsOnlyKeys("a", "b", "c", "d");
        assertThat(statuses.get("a").state()).isEqualTo(TaskState.PROCESSING);
        assertThat(statuses.get("b").state()).isEqualTo(TaskState.SUCCESS);
        assertThat(statuses.get("c").state()).isEqualTo(TaskState.ERROR);
        assertThat(statuses.get("d").state()).isEqualTo(TaskState.NOT_FOUND);
        assertThat(statuses.get("d").error()).isInstanceOf(RunwareNotFoundException.class);
    }

    @Test
    void aFullBatchWithEachTasksResultsScatteredGivesEveryTaskItsOwnResultsInTheAskedOrder() {
        List<String> asked = new ArrayList<>();
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            asked.add("t" + i);
        }
        // the second result of every task first, in reverse, then the first ones: no item is next to its sibling;
        // an error about a task not asked about (t99) is left out
        for (int result = 1; result >= 0; result--) {
            for (int i = 49; i >= 0; i--) {
                items.append(items.isEmpty() ? "" : ",").append(i % 10 == 0 && result == 1
                        ? "{\"taskUUID\":\"t" + i + "\",\"status\":\"processing\"}"
                        : "{\"taskUUID\":\"t" + i + "\",\"status\":\"success\",\"videoUUID\":\"v" + i + "-"
                          + result + "\",\"videoURL\":\"http://x/v" + i + "-" + result + "\"}");
            }
        }
        Map<String, TaskStatus> statuses = TaskStatuses.read(RunwareResponse.parse(200, "{\"data\":[" + items
                                                                                        + "],\"errors\":[{\"code\":\"taskNotFound\",\"taskUUID\":\"t99\"}]}"),
                asked);

        assertThat(statuses.keySet()).containsExactlyElementsOf(asked);
        for (int i = 0; i < 50; i++) {
            TaskStatus status = statuses.get("t" + i);
            if (i % 10 == 0) {
                assertThat(status.state()).as("t%d", i).isEqualTo(TaskState.PROCESSING);
                assertThat(status.items()).extracting(VideoItem::videoUUID).containsExactly("v" + i + "-0");
            } else {
                assertThat(status.state()).as("t%d", i).isEqualTo(TaskState.SUCCESS);
                assertThat(status.items()).extracting(VideoItem::videoUUID).containsExactly("v" + i + "-1",
                        "v" + i + "-0");
            }
        }
    }

    @Test
    void theWholeNotFoundFamilyIsNotFound() {
        for (String code : List.of("taskNotFound", "taskExpired", "taskFailedOrNotFound", "somethingNotFound")) {
            assertThat(read(200, "{\"errors\":[{\"code\":\"" + code + "\",\"taskUUID\":\"a\"}]}", "a").get("a")
                    .state()).as(code).isEqualTo(TaskState.NOT_FOUND);
        }
    }

    @Test
    void legacyPendingCountsAsProcessing() {
        assertThat(read(200, "{\"data\":[{\"taskUUID\":\"a\",\"status\":\"pending\"}]}", "a").get("a").state())
                .isEqualTo(TaskState.PROCESSING);
    }

    @Test
    void requestLevelFailureFailsTheWholePoll() {
        assertThatThrownBy(() -> read(401, "{\"errors\":[{\"code\":\"invalidApiKey\",\"message\":\"bad\"}]}", "a"))
                .isInstanceOf(RunwareAuthenticationException.class);
        assertThatThrownBy(() -> read(503, "{\"error\":{\"code\":\"serviceUnavailable\"}}", "a"))
                .isInstanceOf(RunwareServerException.class).satisfies(e -> assertThat(((RunwareException) e)
                        .httpStatus()).isEqualTo(503));
    }

    @Test
    void allNotFoundWithAnErrorStatusIsStillPerTask() {
        Map<String, TaskStatus> statuses = read(400, """
                {"errors":[{"code":"taskNotFound","taskUUID":"a"},{"code":"taskExpired","taskUUID":"b"}]}""",
                "a", "b");

        assertThat(statuses.values()).extracting(TaskStatus::state).containsOnly(TaskState.NOT_FOUND);
    }
}
