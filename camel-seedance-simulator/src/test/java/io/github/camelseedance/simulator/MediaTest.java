package io.github.camelseedance.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.github.camelseedance.simulator.video.SyntheticVideoSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class MediaTest {

    static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R' };
    static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0 };
    static final byte[] MP4 = { 0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2', 0, 0, 0, 0 };
    static final byte[] MP3 = { 'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0 };

    @RegisterExtension
    static final RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofSeconds(30)).syntheticVideos(1_000).build();

    TestApi api() {
        return new TestApi(SIM.simulator());
    }

    Map<String, Object> finishedItem(Map<String, Object> task) {
        api().submit(task);
        SIM.simulator().completeAll();
        return api().poll((String) task.get("taskUUID")).data().get(0);
    }

    @Test
    void videoIsServedStreamedWithContentLengthAndTheSyntheticBytes() throws IOException {
        Map<String, Object> item = finishedItem(TestApi.videoTask());

        HttpResponse<byte[]> video = TestApi.get((String) item.get("videoURL"));

        assertThat(video.statusCode()).isEqualTo(200);
        assertThat(video.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(video.headers().firstValueAsLong("Content-Length")).hasValue(1_000);
        try (InputStream expected = new SyntheticVideoSource().open((String) item.get("videoUUID"), 1_000)) {
            assertThat(video.body()).isEqualTo(expected.readAllBytes());
        }
        assertThat(SIM.requests().mediaDownloads()).isEqualTo(1);
    }

    @Test
    void headAnswersTypeAndLengthWithoutBodyAndIsNoDownload() throws Exception {
        Map<String, Object> item = finishedItem(TestApi.videoTask());

        HttpResponse<byte[]> head = TestApi.HTTP.send(HttpRequest.newBuilder(URI.create((String) item.get("videoURL")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(1_000);
        assertThat(head.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(head.body()).isEmpty();
        assertThat(SIM.requests().mediaDownloads()).isZero();
    }

    @Test
    void outputFormatDecidesExtensionAndContentType() {
        Map<String, Object> item = finishedItem(TestApi.with(TestApi.videoTask(), "outputFormat", "WEBM"));
        assertThat((String) item.get("videoURL")).endsWith(".webm");
        assertThat(TestApi.get((String) item.get("videoURL")).headers().firstValue("Content-Type"))
                .hasValue("video/webm");
        Map<String, Object> mov = finishedItem(TestApi.with(TestApi.videoTask(), "outputFormat", "MOV"));
        assertThat(TestApi.get((String) mov.get("videoURL")).headers().firstValue("Content-Type"))
                .hasValue("video/quicktime");
    }

    @Test
    void expiredVideoAnswers404() {
        Map<String, Object> item = finishedItem(TestApi.videoTask());
        SIM.simulator().expireMedia((String) item.get("videoUUID"));
        assertThat(TestApi.get((String) item.get("videoURL")).statusCode()).isEqualTo(404);

        Map<String, Object> other = finishedItem(TestApi.videoTask());
        SIM.simulator().expireAllMedia();
        assertThat(TestApi.get((String) other.get("videoURL")).statusCode()).isEqualTo(404);
    }

    @Test
    void mediaStoreForgetsFilesWhenTheirTtlRunsOut() {
        MediaStore store = new MediaStore("http://127.0.0.1:1/media/");
        store.put("a", "mp4", "video/mp4", MediaKind.VIDEO, new BytesContent(new byte[1]), Duration.ZERO, false);
        store.put("b", "mp4", "video/mp4", MediaKind.VIDEO, new BytesContent(new byte[1]), Duration.ofHours(1), false);
        assertThat(store.find("a")).isEmpty();
        assertThat(store.find("b")).isPresent();
        store.put("c", "mp4", "video/mp4", MediaKind.VIDEO, new BytesContent(new byte[1]), Duration.ZERO, false);
        store.purgeExpired();
        assertThat(store.find("c")).isEmpty();
        assertThat(store.find("b")).isPresent();
    }

    @Test
    void unknownFileOrWrongExtensionAnswers404() {
        Map<String, Object> item = finishedItem(TestApi.videoTask());
        String url = (String) item.get("videoURL");
        assertThat(TestApi.get(url.replace(".mp4", ".webm")).statusCode()).isEqualTo(404);
        assertThat(TestApi.get("http://127.0.0.1:" + SIM.simulator().port() + "/media/nothing.mp4").statusCode())
                .isEqualTo(404);
    }

    @Test
    void bigSyntheticVideoIsStreamedWithoutBeingHeld() throws Exception {
        try (RunwareSimulator big = RunwareSimulator.builder().syntheticVideos(200_000_000L)
                .renderTime(Duration.ZERO).build().start()) {
            TestApi bigApi = new TestApi(big);
            Map<String, Object> task = TestApi.videoTask();
            bigApi.submit(task);
            big.completeAll();
            String url = (String) bigApi.poll((String) task.get("taskUUID")).data().get(0).get("videoURL");

            HttpResponse<InputStream> response = TestApi.HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long count;
            try (InputStream body = response.body()) {
                count = body.transferTo(java.io.OutputStream.nullOutputStream());
            }
            assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(200_000_000L);
            assertThat(count).isEqualTo(200_000_000L);
        }
    }

    @Test
    void scriptedDownloadFailuresAnswerTheirStatusThenTheFile() {
        Map<String, Object> item = finishedItem(TestApi.videoTask());
        SIM.faults().failNextDownloads(503, 2);
        String url = (String) item.get("videoURL");
        assertThat(TestApi.get(url).statusCode()).isEqualTo(503);
        assertThat(TestApi.get(url).statusCode()).isEqualTo(503);
        assertThat(TestApi.get(url).statusCode()).isEqualTo(200);
        assertThat(SIM.requests().mediaDownloads()).isEqualTo(3);
    }

    @Test
    void imageUploadStoresTheImageAndItsUUIDIsAcceptedAsInput() {
        String dataUri = "data:image/png;base64," + Base64.getEncoder().encodeToString(PNG);
        TestApi.Answer upload = api().post(List.of(Map.of("taskType", "imageUpload",
                "taskUUID", "6b1e6a2a-8c1b-4d8e-9f3a-1c2d3e4f5a6b", "image", dataUri)));

        assertThat(upload.status()).isEqualTo(200);
        Map<String, Object> item = upload.data().get(0);
        assertThat(item).containsEntry("taskType", "imageUpload").containsKeys("imageUUID", "imageURL");
        HttpResponse<byte[]> image = TestApi.get((String) item.get("imageURL"));
        assertThat(image.body()).isEqualTo(PNG);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");

        String imageUUID = (String) item.get("imageUUID");
        assertThat(api().submit(TestApi.with(TestApi.videoTask(), "width", null, "height", null,
                "inputs", Map.of("frameImages", List.of(Map.of("image", imageUUID, "frame", "first")))))
                .status()).isEqualTo(200);
        assertThat(api().submit(TestApi.with(TestApi.videoTask(),
                "inputs", Map.of("referenceImages", List.of(imageUUID)))).status()).isEqualTo(200);
    }

    @Test
    void uploadsAndVideoResultsNeverShareAUuid() {
        String dataUri = "data:image/png;base64," + Base64.getEncoder().encodeToString(PNG);
        Map<String, Object> image = api().post(List.of(Map.of("taskType", "imageUpload",
                "taskUUID", "6b1e6a2a-8c1b-4d8e-9f3a-1c2d3e4f5a63", "image", dataUri))).data().get(0);
        Map<String, Object> video = finishedItem(TestApi.videoTask());

        assertThat(video.get("videoUUID")).isNotEqualTo(image.get("imageUUID"));
        assertThat(TestApi.get((String) image.get("imageURL")).body()).isEqualTo(PNG);
    }

    @Test
    void imageUploadAcceptsPlainBase64AndUrls() {
        TestApi.Answer base64 = api().post(List.of(Map.of("taskType", "imageUpload",
                "taskUUID", "6b1e6a2a-8c1b-4d8e-9f3a-1c2d3e4f5a6c", "image",
                Base64.getEncoder().encodeToString(JPEG))));
        assertThat((String) base64.data().get(0).get("imageURL")).endsWith(".jpg");

        TestApi.Answer fromUrl = api().post(List.of(Map.of("taskType", "imageUpload",
                "taskUUID", "6b1e6a2a-8c1b-4d8e-9f3a-1c2d3e4f5a6d", "image", base64.data().get(0).get("imageURL"))));
        assertThat(fromUrl.status()).isEqualTo(200);
        assertThat(TestApi.get((String) fromUrl.data().get(0).get("imageURL")).body()).isEqualTo(JPEG);
    }

    @Test
    void imageUploadRefusesWhatIsNotAnImage() {
        TestApi.Answer answer = api().post(List.of(Map.of("taskType", "imageUpload",
                "taskUUID", "6b1e6a2a-8c1b-4d8e-9f3a-1c2d3e4f5a6e", "image", Base64.getEncoder().encodeToString(MP4))));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).containsEntry("code", "invalidImage").containsEntry("parameter", "image")
                .containsEntry("taskType", "imageUpload");
    }

    @Test
    void mediaStorageUploadsVideoAndAudioUsableAsReferences() {
        String video = upload(MP4);
        String audio = upload(MP3);

        assertThat(api().submit(TestApi.with(TestApi.videoTask(), "inputs",
                Map.of("referenceVideos", List.of(video), "referenceAudios", List.of(audio)))).status()).isEqualTo(200);
        TestApi.Answer wrongKind = api().submit(TestApi.with(TestApi.videoTask(), "inputs",
                Map.of("referenceImages", List.of(video))));
        assertThat(wrongKind.error()).containsEntry("code", "invalidReferenceImages")
                .containsEntry("parameter", "inputs.referenceImages");
    }

    @Test
    void imageUploadOfAStoredVideoUUIDIsRefused() {
        String video = upload(MP4);
        TestApi.Answer answer = api().post(List.of(Map.of("taskType", "imageUpload",
                "taskUUID", "6b1e6a2a-8c1b-4d8e-9f3a-1c2d3e4f5a62", "image", video)));
        assertThat(answer.error()).containsEntry("code", "invalidImage").containsEntry("parameter", "image");
    }

    @Test
    void mediaStorageNeedsAnOperation() {
        String media = Base64.getEncoder().encodeToString(MP4);
        assertThat(api()
                .post(List.of(Map.of("taskType", "mediaStorage", "taskUUID", "6b1e6a2a-8c1b-4d8e-9f3a-1c2d3e4f5a60",
                        "media", media)))
                .error()).containsEntry("code", "missingOperation").containsEntry("parameter", "operation");
        assertThat(api()
                .post(List.of(Map.of("taskType", "mediaStorage", "taskUUID", "6b1e6a2a-8c1b-4d8e-9f3a-1c2d3e4f5a61",
                        "operation", "move", "media", media)))
                .error()).containsEntry("code", "invalidOperation")
                .containsEntry("allowedValues", List.of("upload", "delete"));
    }

    @Test
    void mediaStorageDeletesUploadedMedia() {
        String video = upload(MP4);
        String deleteUUID = java.util.UUID.randomUUID().toString();

        TestApi.Answer deleted = api().post(List.of(Map.of("taskType", "mediaStorage", "taskUUID", deleteUUID,
                "operation", "delete", "media", video)));

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.data()).containsExactly(Map.of("taskType", "mediaStorage", "taskUUID", deleteUUID,
                "operation", "delete", "mediaUUID", video));
        assertThat(TestApi.get("http://127.0.0.1:" + SIM.simulator().port() + "/media/" + video + ".mp4").statusCode())
                .isEqualTo(404);
        assertThat(api().submit(TestApi.with(TestApi.videoTask(), "inputs", Map.of("referenceVideos", List.of(video))))
                .error()).containsEntry("code", "mediaNotFound");
        TestApi.Answer again = api().post(List.of(Map.of("taskType", "mediaStorage", "taskUUID", deleteUUID,
                "operation", "delete", "media", video)));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.error()).containsEntry("code", "mediaNotFound").containsEntry("parameter", "media");
    }

    @Test
    void generatedVideosAreNotMediaStorageToDelete() {
        Map<String, Object> item = finishedItem(TestApi.videoTask());
        TestApi.Answer answer = api().post(List.of(Map.of("taskType", "mediaStorage",
                "taskUUID", java.util.UUID.randomUUID().toString(), "operation", "delete", "media",
                item.get("videoUUID"))));
        assertThat(answer.error()).containsEntry("code", "mediaNotFound");
        assertThat(TestApi.get((String) item.get("videoURL")).statusCode()).isEqualTo(200);
    }

    @Test
    void aNewVideoCanAnswerItsFirstGet422() throws Exception {
        SIM.faults().notReadyOnFirstGetOfNextVideos(1);
        Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 2);
        api().submit(task);
        SIM.simulator().completeAll();
        List<Object> urls = api().poll((String) task.get("taskUUID")).data().stream().map(i -> i.get("videoURL"))
                .toList();

        List<List<Integer>> statuses = new java.util.ArrayList<>();
        for (Object url : urls) {
            HttpResponse<byte[]> head = TestApi.HTTP.send(HttpRequest.newBuilder(URI.create((String) url))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(head.statusCode()).as("HEAD is never faulted").isEqualTo(200);
            HttpResponse<byte[]> first = TestApi.get((String) url);
            statuses.add(List.of(first.statusCode(), TestApi.get((String) url).statusCode()));
            if (first.statusCode() == 422) {
                assertThat(new String(first.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("mediaNotReady");
            }
        }

        assertThat(statuses).as("one video not ready on its first GET only").containsExactlyInAnyOrder(
                List.of(422, 200), List.of(200, 200));
        assertThat(SIM.requests().notReadyAnswers()).isEqualTo(1);
        assertThat(SIM.requests().mediaDownloads()).isEqualTo(4);
    }

    @Test
    void notReadyRateDrawsVideosReproducibly() {
        SIM.faults().notReadyOnFirstGetRate(1.0);
        Map<String, Object> item = finishedItem(TestApi.videoTask());
        assertThat(TestApi.get((String) item.get("videoURL")).statusCode()).isEqualTo(422);
        assertThat(TestApi.get((String) item.get("videoURL")).statusCode()).isEqualTo(200);
    }

    @Test
    void expiredOrUnknownMediaUUIDAnswersMediaNotFound() {
        String video = upload(MP4);
        SIM.simulator().expireMedia(video);
        TestApi.Answer answer = api().submit(TestApi.with(TestApi.videoTask(), "inputs",
                Map.of("referenceVideos", List.of(video))));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).containsEntry("code", "mediaNotFound")
                .containsEntry("parameter", "inputs.referenceVideos");
        assertThat((String) answer.error().get("message")).contains(video);
    }

    String upload(byte[] bytes) {
        TestApi.Answer answer = api().post(List.of(Map.of("taskType", "mediaStorage",
                "taskUUID", java.util.UUID.randomUUID().toString(), "operation", "upload",
                "media", Base64.getEncoder().encodeToString(bytes))));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.data().get(0)).containsEntry("taskType", "mediaStorage").containsEntry("operation", "upload")
                .containsKey("mediaURL");
        return (String) answer.data().get(0).get("mediaUUID");
    }
}
