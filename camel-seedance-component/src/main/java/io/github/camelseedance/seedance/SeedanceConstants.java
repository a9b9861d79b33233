package io.github.camelseedance.seedance;

import org.apache.camel.Exchange;
import org.apache.camel.spi.Metadata;

/**
 * Message headers of the seedance component. Every endpoint option can also be given per message with a header named
 * {@code CamelSeedance} followed by the option name with its first letter upper-cased.
 */
public final class SeedanceConstants {

    /** Prefix of every header of this component. */
    public static final String HEADER_PREFIX = "CamelSeedance";

    // --- request parameters (in), named after the Runware API ---

    @Metadata(label = "producer",
              description = "The text prompt; overrides the positivePrompt option and a String body.",
              javaType = "String")
    public static final String POSITIVE_PROMPT = "CamelSeedancePositivePrompt";
    @Metadata(label = "producer", description = "The model identifier.", javaType = "String")
    public static final String MODEL = "CamelSeedanceModel";
    @Metadata(label = "producer", description = "Width of the video in pixels (with height).", javaType = "Integer")
    public static final String WIDTH = "CamelSeedanceWidth";
    @Metadata(label = "producer", description = "Height of the video in pixels (with width).", javaType = "Integer")
    public static final String HEIGHT = "CamelSeedanceHeight";
    @Metadata(label = "producer", description = "Resolution preset: 480p or 720p (more on larger models).",
              javaType = "String")
    public static final String RESOLUTION = "CamelSeedanceResolution";
    @Metadata(label = "producer", description = "Aspect ratio used with the resolution to pick width and height.",
              javaType = "String", enums = "16:9,4:3,1:1,3:4,9:16,21:9")
    public static final String ASPECT_RATIO = "CamelSeedanceAspectRatio";
    @Metadata(label = "producer", description = "Length of the video in seconds (4 to 15).", javaType = "Integer")
    public static final String DURATION = "CamelSeedanceDuration";
    @Metadata(label = "producer", description = "Number of videos to generate (1 to 4).", javaType = "Integer")
    public static final String NUMBER_RESULTS = "CamelSeedanceNumberResults";
    @Metadata(label = "producer", description = "Output type (URL).", javaType = "String")
    public static final String OUTPUT_TYPE = "CamelSeedanceOutputType";
    @Metadata(label = "producer", description = "Output container: MP4, WEBM or MOV.", javaType = "String")
    public static final String OUTPUT_FORMAT = "CamelSeedanceOutputFormat";
    @Metadata(label = "producer", description = "Compression quality (20 to 99).", javaType = "Integer")
    public static final String OUTPUT_QUALITY = "CamelSeedanceOutputQuality";
    @Metadata(label = "producer", description = "URL Runware POSTs the results to.", javaType = "String")
    public static final String WEBHOOK_URL = "CamelSeedanceWebhookURL";
    @Metadata(label = "producer", description = "Delivery method (async).", javaType = "String")
    public static final String DELIVERY_METHOD = "CamelSeedanceDeliveryMethod";
    @Metadata(label = "producer", description = "URL the finished video is PUT to.", javaType = "String")
    public static final String UPLOAD_ENDPOINT = "CamelSeedanceUploadEndpoint";
    @Metadata(label = "producer", description = "Seconds the video URL stays valid (at least 60).",
              javaType = "Integer")
    public static final String TTL = "CamelSeedanceTtl";
    @Metadata(label = "producer", description = "Whether Runware reports the cost.", javaType = "Boolean")
    public static final String INCLUDE_COST = "CamelSeedanceIncludeCost";
    @Metadata(label = "producer", description = "Whether to generate synchronized audio (settings.audio).",
              javaType = "Boolean")
    public static final String AUDIO = "CamelSeedanceAudio";
    @Metadata(label = "producer", description = "Whether to check content safety (safety.checkContent).",
              javaType = "Boolean")
    public static final String SAFETY_CHECK_CONTENT = "CamelSeedanceSafetyCheckContent";
    @Metadata(label = "producer", description = "Safety checking mode (safety.mode): none, fast or full.",
              javaType = "String")
    public static final String SAFETY_MODE = "CamelSeedanceSafetyMode";
    @Metadata(label = "producer",
              description = "Reference images (inputs.referenceImages): one or a collection of UUID, URL, data URI, "
                            + "base64, byte[], File, Path, InputStream or Camel file.",
              javaType = "Object")
    public static final String REFERENCE_IMAGES = "CamelSeedanceReferenceImages";
    @Metadata(label = "producer",
              description = "Frame images (inputs.frameImages): one or a collection of images, or of maps with image "
                            + "and frame (first, last, 0, -1).",
              javaType = "Object")
    public static final String FRAME_IMAGES = "CamelSeedanceFrameImages";
    @Metadata(label = "producer", description = "The first frame image (any media input form); adds to frameImages.",
              javaType = "Object")
    public static final String FIRST_FRAME_IMAGE = "CamelSeedanceFirstFrameImage";
    @Metadata(label = "producer", description = "The last frame image (any media input form); adds to frameImages.",
              javaType = "Object")
    public static final String LAST_FRAME_IMAGE = "CamelSeedanceLastFrameImage";
    @Metadata(label = "producer", description = "Reference videos (inputs.referenceVideos): UUIDs or URLs.",
              javaType = "Object")
    public static final String REFERENCE_VIDEOS = "CamelSeedanceReferenceVideos";
    @Metadata(label = "producer", description = "Reference audios (inputs.referenceAudios): UUIDs or URLs.",
              javaType = "Object")
    public static final String REFERENCE_AUDIOS = "CamelSeedanceReferenceAudios";
    @Metadata(label = "producer", description = "Milliseconds (or duration text) before the first poll.",
              javaType = "java.time.Duration")
    public static final String INITIAL_POLL_DELAY = "CamelSeedanceInitialPollDelay";
    @Metadata(label = "producer", description = "Milliseconds (or duration text) between the first polls.",
              javaType = "java.time.Duration")
    public static final String POLL_INTERVAL = "CamelSeedancePollInterval";
    @Metadata(label = "producer", description = "The poll interval grows up to this.", javaType = "java.time.Duration")
    public static final String MAX_POLL_INTERVAL = "CamelSeedanceMaxPollInterval";
    @Metadata(label = "producer", description = "The bound of the whole generate: submit, wait and download.",
              javaType = "java.time.Duration")
    public static final String WAIT_TIMEOUT = "CamelSeedanceWaitTimeout";
    @Metadata(label = "producer", description = "When the task is polled: fixed (the ladder) or learned (around its "
                                                + "expected finish).",
              javaType = "io.github.camelseedance.runware.poll.PollSchedule", enums = "fixed,learned")
    public static final String POLL_SCHEDULE = "CamelSeedancePollSchedule";

    @Metadata(label = "producer", description = "Identifies the work so that it is billed exactly once (see the "
                                                + "idempotencyKey option).",
              javaType = "String")
    public static final String IDEMPOTENCY_KEY = "CamelSeedanceIdempotencyKey";
    @Metadata(label = "producer", description = "Whether to download the video(s).", javaType = "Boolean")
    public static final String DOWNLOAD_VIDEO = "CamelSeedanceDownloadVideo";
    @Metadata(label = "producer", description = "Whether to give the video(s) as a stream read straight from Runware, "
                                                + "with no file (see the streamVideo option).",
              javaType = "Boolean")
    public static final String STREAM_VIDEO = "CamelSeedanceStreamVideo";
    @Metadata(label = "producer", description = "Growth factor of the poll interval.", javaType = "Double")
    public static final String POLL_MULTIPLIER = "CamelSeedancePollMultiplier";
    @Metadata(label = "producer", description = "What a partial failure does: deliver or fail (see the partialFailure "
                                                + "option).",
              javaType = "io.github.camelseedance.seedance.SeedancePartialFailure", enums = "deliver,fail")
    public static final String PARTIAL_FAILURE = "CamelSeedancePartialFailure";

    // --- in and out ---

    @Metadata(description = "The task UUID. In: the task that status and download look up; for generate and submit, a "
                            + "task UUID chosen for this call (a new one when absent). Out: the task that ran. "
                            + "Generate and submit never read back a task UUID the component wrote: a loop of generates "
                            + "makes a task per pass. Camel's redelivery restores the headers of the failed step, so a "
                            + "redelivered generate resumes its task only through an idempotencyKey (such as "
                            + "${exchangeId}).",
              javaType = "String")
    public static final String TASK_UUID = "CamelSeedanceTaskUUID";
    @Metadata(description = "The URL of a video: in, what the download operation fetches; out, where the video was.",
              javaType = "String")
    public static final String VIDEO_URL = "CamelSeedanceVideoURL";

    // --- results (out) ---

    @Metadata(label = "producer", description = "The UUID of the (first) generated video.", javaType = "String")
    public static final String VIDEO_UUID = "CamelSeedanceVideoUUID";
    @Metadata(label = "producer", description = "The seed of the (first) generated video.", javaType = "Long")
    public static final String SEED = "CamelSeedanceSeed";
    @Metadata(label = "producer", description = "The cost in USD (of all results, or the estimate).",
              javaType = "java.math.BigDecimal")
    public static final String COST = "CamelSeedanceCost";
    @Metadata(label = "producer",
              description = "The price of the task in USD, reckoned before its submit (costCheck: price table or dry "
                            + "run); set on every generate and submit exchange, even when nothing is refused.",
              javaType = "java.math.BigDecimal")
    public static final String PRICE = "CamelSeedancePrice";
    @Metadata(label = "producer",
              description = "How long the task has been rendering since its submit, on each progress callback and "
                            + "when it is done.",
              javaType = "java.time.Duration")
    public static final String ELAPSED = "CamelSeedanceElapsed";
    @Metadata(label = "producer",
              description = "How long the running task still needs, estimated from the render times observed for "
                            + "the same model, resolution and duration (absent until one was observed); on each "
                            + "progress callback. Runware reports no progress for video.",
              javaType = "java.time.Duration")
    public static final String ESTIMATED_REMAINING = "CamelSeedanceEstimatedRemaining";
    @Metadata(label = "producer", description = "The task state: processing, success, error or notFound.",
              javaType = "String")
    public static final String STATUS = "CamelSeedanceStatus";
    @Metadata(label = "producer", description = "Progress of a running task, 0 to 100, when Runware reports it.",
              javaType = "Integer")
    public static final String PROGRESS = "CamelSeedanceProgress";
    @Metadata(label = "producer", description = "How many results the task produced.", javaType = "Integer")
    public static final String RESULT_COUNT = "CamelSeedanceResultCount";
    @Metadata(label = "producer", description = "How many results of the task failed (0 when none did); the failed "
                                                + "ones are not billed.",
              javaType = "Integer")
    public static final String FAILED_RESULT_COUNT = "CamelSeedanceFailedResultCount";
    @Metadata(label = "producer", description = "The code and message of each failed result, as code: message.",
              javaType = "java.util.List<String>")
    public static final String FAILED_RESULTS = "CamelSeedanceFailedResults";
    @Metadata(label = "producer",
              description = "The UUID of media at Runware: out, what upload stored; in, what delete "
                            + "removes (else a text body).",
              javaType = "String")
    public static final String MEDIA_UUID = "CamelSeedanceMediaUUID";
    @Metadata(label = "producer", description = "The URL of uploaded media (upload operation).", javaType = "String")
    public static final String MEDIA_URL = "CamelSeedanceMediaURL";
    @Metadata(label = "producer",
              description = "True when the task already existed at Runware and was resumed instead of submitted again.",
              javaType = "Boolean")
    public static final String RESUMED = "CamelSeedanceResumed";

    @Metadata(description = "The MIME type of the (first) video.", javaType = "String")
    public static final String CONTENT_TYPE = Exchange.CONTENT_TYPE;
    @Metadata(description = "The size in bytes of the video, when there is one.", javaType = "Long")
    public static final String CONTENT_LENGTH = Exchange.CONTENT_LENGTH;
    @Metadata(description = "The file name to store the video under: the incoming file's base name with the video's "
                            + "extension, or the task UUID with it.",
              javaType = "String")
    public static final String FILE_NAME = Exchange.FILE_NAME;
    @Metadata(description = "A second name of the temporary file of a single downloaded video (a hard link: no byte "
                            + "is written twice), which a file: sink renames to its target instead of copying the "
                            + "video, clearing this header; the SeedanceVideo body still reads its temporary file, so "
                            + "later steps and sinks get the video too. Set only when the temporary folder can hold "
                            + "hard links. Remove it when a later step replaces the body with another file before a "
                            + "file: sink. An incoming value (the local work file of an FTP consumer) is replaced, "
                            + "and that file deleted when the exchange completes, as its consumer would have.",
              javaType = "String")
    public static final String FILE_LOCAL_WORK_PATH = Exchange.FILE_LOCAL_WORK_PATH;

    private SeedanceConstants() {
    }

    /** The header that overrides the option {@code optionName}: {@code CamelSeedance} + capitalized option name. */
    public static String headerFor(String optionName) {
        return HEADER_PREFIX + Character.toUpperCase(optionName.charAt(0)) + optionName.substring(1);
    }
}
