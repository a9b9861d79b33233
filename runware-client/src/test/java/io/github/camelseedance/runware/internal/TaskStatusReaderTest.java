package io.github.camelseedance.runware.internal;

import io.github.camelseedance.runware.error.RunwareTimeoutException;

import io.github.camelseedance.runware.model.VideoItem;

import io.github.camelseedance.runware.error.RunwareServerException;

import io.github.camelseedance.runware.model.TaskState;

import io.github.camelseedance.runware.error.RunwareContentPolicyException;

import io.github.camelseedance.runware.error.RunwareException;

import io.github.camelseedance.runware.error.RunwareNotFoundException;

import io.github.camelseedance.runware.error.RunwareAuthenticationException;

import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.internal.EnvelopeParser;
import io.github.camelseedance.runware.internal.TaskStatusReader;
import io.github.camelseedance.runware.model.TaskStatus;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskStatusReaderTest {

    private static Map<String, TaskStatus> read(int status, String body, String... uuids) {
        return TaskStatusReader.read(EnvelopeParser.parse(status, Map.of(), body), List.of(uuids));
    }

    @Test
    void partialResultsWhileProcessing() {
        Map<String, TaskStatus> statuses = read(200, """
                {"data":[{"taskType":"videoInference","taskUUID":"a","status":"success","videoUUID":"v1",
                          "videoURL":"http://x/v1.mp4","seed":7,"cost":0.405,"NSFWContent":false},
                         {"taskType":"videoInference","taskUUID":"a","status":"processing","progress":40}]}""", "a");

        TaskStatus status = statuses.get("a");
        assertThat(status.state()).isEqualTo(TaskState.PROCESSING);
        assertThat(status.progress()).isEqualTo(40);
        assertThat(status.isFinal(2)).isFalse();
        VideoItem item = status.items().get(0);
        assertThat(item.videoUUID()).isEqualTo("v1");
        assertThat(item.videoURL()).isEqualTo(URI.create("http://x/v1.mp4"));
        assertThat(item.seed()).isEqualTo(7L);
        assertThat(item.cost()).isEqualByComparingTo(new BigDecimal("0.405"));
        assertThat(item.nsfwContent()).isFalse();
        assertThat(item.raw()).containsEntry("status", "success");
    }

    @Test
    void successWithAllItemsIsFinal() {
        TaskStatus status = read(200, """
                {"data":[{"taskUUID":"a","status":"success","videoUUID":"v1","videoURL":"http://x/1"},
                         {"taskUUID":"a","status":"success","videoUUID":"v2","videoURL":"http://x/2"}]}""", "a")
                .get("a");

        assertThat(status.state()).isEqualTo(TaskState.SUCCESS);
        assertThat(status.isFinal(2)).isTrue();
        assertThat(status.isFinal(3)).isFalse();
    }

    @Test
    void batchAnswerGivesEveryUuidItsOwnStatus() {
        Map<String, TaskStatus> statuses = read(200, """
                {"data":[{"taskUUID":"a","status":"processing"},
                         {"taskUUID":"b","status":"success","videoUUID":"v","videoURL":"http://x/v"}],
                 "errors":[{"code":"timeoutProvider","status":"error","message":"slow","taskUUID":"c"},
                           {"code":"taskNotFound","taskType":"getResponse","taskUUID":"d"}]}""", "a", "b", "c", "d",
                "e");

        assertThat(statuses).containsOnlyKeys("a", "b", "c", "d", "e");
        assertThat(statuses.get("a").state()).isEqualTo(TaskState.PROCESSING);
        assertThat(statuses.get("b").state()).isEqualTo(TaskState.SUCCESS);
        assertThat(statuses.get("c").state()).isEqualTo(TaskState.ERROR);
        assertThat(statuses.get("c").error()).isInstanceOf(RunwareTimeoutException.class);
        assertThat(statuses.get("c").error().taskUUID()).isEqualTo("c");
        assertThat(statuses.get("d").state()).isEqualTo(TaskState.NOT_FOUND);
        assertThat(statuses.get("d").error()).isInstanceOf(RunwareNotFoundException.class);
        assertThat(statuses.get("e").state()).isEqualTo(TaskState.PROCESSING);
        assertThat(statuses.get("e").progress()).isNull();
    }

    @Test
    void errorEmbeddedInADataItem() {
        TaskStatus status = read(200, """
                {"data":[{"taskUUID":"a","status":"error",
                          "error":{"code":"providerContentPolicyViolation","message":"nope"}}]}""", "a").get("a");

        assertThat(status.state()).isEqualTo(TaskState.ERROR);
        assertThat(status.isFinal(1)).isTrue();
        assertThat(status.error()).isInstanceOf(RunwareContentPolicyException.class);
        assertThat(status.error().taskUUID()).isEqualTo("a");
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
        assertThatThrownBy(() -> read(503, "{\"errors\":[{\"code\":\"serviceUnavailable\"}]}", "a"))
                .isInstanceOf(RunwareServerException.class).satisfies(e -> assertThat(((RunwareException) e)
                        .httpStatus()).isEqualTo(503));
    }

    @Test
    void allNotFoundWithAnErrorStatusIsStillPerTask() {
        Map<String, TaskStatus> statuses = read(400, """
                {"errors":[{"code":"taskNotFound","taskUUID":"a"},{"code":"taskNotFound","taskUUID":"b"}]}""",
                "a", "b");

        assertThat(statuses.values()).extracting(TaskStatus::state).containsOnly(TaskState.NOT_FOUND);
    }
}
