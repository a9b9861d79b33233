package io.github.camelseedance.seedance;

import java.math.BigDecimal;

import io.github.camelseedance.runware.RunwareClientConfig;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.runware.poll.PollSchedule;
import io.github.camelseedance.runware.poll.WaitPolicy;
import io.github.camelseedance.seedance.cost.BudgetPeriod;
import io.github.camelseedance.seedance.cost.CostCheck;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Configurer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options of a seedance endpoint, named exactly after the Runware API so that the model's parameter sheet is the
 * manual. An option left unset is not sent, and the API's default applies. Every option can be overridden per message
 * by the header {@code CamelSeedance} + the option name with its first letter upper-cased.
 */
@UriParams
@Configurer(extended = true)
public class SeedanceConfiguration implements Cloneable {

    /** The default of {@code maxInlineMediaSize}: 10 MiB. */
    public static final int DEFAULT_MAX_INLINE_MEDIA_SIZE = 10 * 1024 * 1024;

    // --- connection ---

    @UriParam(label = "security", secret = true)
    @Metadata(description = "The Runware API key. When not set, the RUNWARE_API_KEY environment variable is used.")
    private String apiKey;
    @UriParam(label = "common", defaultValue = RunwareClientConfig.DEFAULT_BASE_URL)
    @Metadata(description = "The Runware REST endpoint (a simulator's base URL in tests).")
    private String baseUrl = RunwareClientConfig.DEFAULT_BASE_URL;
    @UriParam(label = "common", defaultValue = VideoInferenceRequest.DEFAULT_MODEL)
    @Metadata(description = "Identifier of the model to use for generation.")
    private String model = VideoInferenceRequest.DEFAULT_MODEL;

    // --- core parameters ---

    @UriParam(label = "producer")
    @Metadata(description = "Text prompt describing the video (2 to 10000 characters). A String message body is the "
                            + "prompt when neither this option nor its header gives one.")
    private String positivePrompt;
    @UriParam(label = "producer")
    @Metadata(description = "Width of the video in pixels, together with height; must be one of the model's sizes. "
                            + "When neither width, height nor frame images are given, resolution and aspectRatio pick "
                            + "the size.")
    private Integer width;
    @UriParam(label = "producer")
    @Metadata(description = "Height of the video in pixels, together with width; must be one of the model's sizes.")
    private Integer height;
    @UriParam(label = "producer", enums = "480p,720p,1080p,4k")
    @Metadata(description = "Resolution preset. With frame images it is sent and matches their aspect ratio; without "
                            + "them it picks width and height with aspectRatio (API default 720p). Mini and fast "
                            + "models take 480p and 720p.")
    private String resolution;
    @UriParam(label = "producer", defaultValue = "16:9", enums = "16:9,4:3,1:1,3:4,9:16,21:9")
    @Metadata(description = "Aspect ratio that, with resolution, picks the allowed width and height of a text-to-video "
                            + "task, so a route needs no size table. Not sent to the API.")
    private String aspectRatio = "16:9";
    @UriParam(label = "producer")
    @Metadata(description = "Length of the video in seconds, 4 to 15 (API default 5).")
    private Integer duration;
    @UriParam(label = "producer")
    @Metadata(description = "Number of videos to generate, 1 to 4 (API default 1); each uses its own seed. More than "
                            + "one gives a List body.")
    private Integer numberResults;

    // --- platform options ---

    @UriParam(label = "producer", enums = "URL")
    @Metadata(description = "Video output type (API default URL).")
    private String outputType;
    @UriParam(label = "producer", enums = "MP4,WEBM,MOV")
    @Metadata(description = "Container of the generated video (API default MP4).")
    private String outputFormat;
    @UriParam(label = "producer")
    @Metadata(description = "Compression quality of the output, 20 to 99 (API default 95).")
    private Integer outputQuality;
    @UriParam(label = "producer")
    @Metadata(description = "URL where Runware POSTs each finished result.")
    private String webhookURL;
    @UriParam(label = "producer", enums = "async")
    @Metadata(description = "How the API delivers results; video models only allow async (API default async).")
    private String deliveryMethod;
    @UriParam(label = "producer")
    @Metadata(description = "URL the finished video is uploaded to with HTTP PUT (for example a presigned S3 URL).")
    private String uploadEndpoint;
    @UriParam(label = "producer")
    @Metadata(description = "Seconds the video URL stays valid, at least 60.")
    private Integer ttl;
    @UriParam(label = "producer")
    @Metadata(description = "Whether Runware includes the task cost (USD) in the response (API default false).")
    private Boolean includeCost;
    @UriParam(label = "producer")
    @Metadata(description = "Generate synchronized audio; sent as settings.audio (API default true).")
    private Boolean audio;
    @UriParam(label = "producer")
    @Metadata(description = "Enable content safety checking; sent as safety.checkContent (API default false).")
    private Boolean safetyCheckContent;
    @UriParam(label = "producer", enums = "none,fast,full")
    @Metadata(description = "Safety checking mode, sent as safety.mode: none disables, fast checks key frames, full "
                            + "checks all frames (API default none).")
    private String safetyMode;

    // --- inputs ---

    @UriParam(label = "producer")
    @Metadata(description = "Reference images, comma separated (UUID, URL or base64; 1 to 9); sent as "
                            + "inputs.referenceImages. Headers also take byte[], File, Path, InputStream and lists.")
    private String referenceImages;
    @UriParam(label = "producer")
    @Metadata(description = "Frame images, comma separated (UUID, URL or base64; 1 to 2, the first then the last "
                            + "frame); sent as inputs.frameImages. Cannot be combined with references.")
    private String frameImages;
    @UriParam(label = "producer")
    @Metadata(description = "Reference videos, comma separated UUIDs or URLs (1 to 3); sent as "
                            + "inputs.referenceVideos.")
    private String referenceVideos;
    @UriParam(label = "producer")
    @Metadata(description = "Reference audios, comma separated UUIDs or URLs (1 to 3); sent as "
                            + "inputs.referenceAudios.")
    private String referenceAudios;

    // --- waiting ---

    @UriParam(label = "producer", defaultValue = "" + WaitPolicy.DEFAULT_INITIAL_DELAY_MILLIS,
              javaType = "java.time.Duration")
    @Metadata(description = "Time before the first poll of a submitted task, in milliseconds or as duration text "
                            + "such as 5s.")
    private long initialPollDelay = WaitPolicy.DEFAULT_INITIAL_DELAY_MILLIS;
    @UriParam(label = "producer", defaultValue = "" + WaitPolicy.DEFAULT_INTERVAL_MILLIS,
              javaType = "java.time.Duration")
    @Metadata(description = "Time between the first polls; grows by pollMultiplier up to maxPollInterval.")
    private long pollInterval = WaitPolicy.DEFAULT_INTERVAL_MILLIS;
    @UriParam(label = "producer", defaultValue = "" + WaitPolicy.DEFAULT_MAX_INTERVAL_MILLIS,
              javaType = "java.time.Duration")
    @Metadata(description = "The largest time between two polls of one task.")
    private long maxPollInterval = WaitPolicy.DEFAULT_MAX_INTERVAL_MILLIS;
    @UriParam(label = "producer", defaultValue = "" + WaitPolicy.DEFAULT_MULTIPLIER)
    @Metadata(description = "Factor by which the poll interval grows after each poll.")
    private double pollMultiplier = WaitPolicy.DEFAULT_MULTIPLIER;
    @UriParam(label = "producer", defaultValue = "" + WaitPolicy.DEFAULT_TIMEOUT_MILLIS,
              javaType = "java.time.Duration")
    @Metadata(description = "The bound of a whole generate, counted from the moment the exchange reaches the "
                            + "endpoint: the submit with its retries, the wait for the task and the download of its "
                            + "videos all end by then, else the exchange fails with a RunwareTimeoutException naming the "
                            + "task (which may still run, and be billed, at Runware: status and download can fetch it). "
                            + "Leave room for the download of the largest video.")
    private long waitTimeout = WaitPolicy.DEFAULT_TIMEOUT_MILLIS;
    @UriParam(label = "producer", defaultValue = "learned")
    @Metadata(description = "When a task is polled. fixed: on the ladder of initialPollDelay, pollInterval, "
                            + "pollMultiplier and maxPollInterval. learned: the component learns the render times of "
                            + "each model, resolution and duration, and polls a task in a window around its expected "
                            + "finish (none before it, densest where the finish is likeliest, never more polls by the "
                            + "window's end than the ladder), then on the ladder; the ladder unchanged until 5 tasks "
                            + "like it were seen done, and never a first poll before initialPollDelay.")
    private PollSchedule pollSchedule = PollSchedule.learned;

    // --- exactly once ---

    @UriParam(label = "producer")
    @Metadata(description = "Identifies the work so that it is billed exactly once: the task UUID is derived from it "
                            + "(always the same UUID, in v4 form), and a task that already exists at Runware is "
                            + "resumed instead of submitted again, across retries, redeliveries and restarts. May be "
                            + "a simple expression evaluated per message, such as ${file:name} or "
                            + "${header.JMSMessageID}.")
    private String idempotencyKey;

    // --- results ---

    @UriParam(label = "producer", defaultValue = "true")
    @Metadata(description = "Whether generate and download fetch the video files. When false, generate gives the "
                            + "results with their URLs only (for example when uploadEndpoint delivers them).")
    private boolean downloadVideo = true;
    @UriParam(label = "producer,advanced")
    @Metadata(description = "Whether generate and download give each video as a stream read straight from Runware "
                            + "instead of a temporary file: no byte of it is written to local disk. The body is still "
                            + "a SeedanceVideo; converted to an InputStream it is a StreamCache holding nothing, of "
                            + "the length Runware gave (aws2-s3 uploads it unbuffered), that downloads the video again "
                            + "(from a new URL when the first expired) when it is read again: a redelivery, a second "
                            + "sink or a split branch. Each download is read by the sink's thread, to its end within "
                            + "30 minutes of its start; an unread one is closed when the exchange completes. Keep "
                            + "the default (a file) when a sink may fail after the URL's ttl with no new URL to be "
                            + "had, or when several steps read the video.")
    private boolean streamVideo;
    @UriParam(label = "common", defaultValue = "deliver")
    @Metadata(description = "What an exchange does when some results of its task failed while others succeeded (and "
                            + "are billed): deliver the successful videos, or fail with a "
                            + "SeedancePartialFailureException from which they are reachable. Either way "
                            + "CamelSeedanceFailedResultCount and CamelSeedanceFailedResults report the failed ones; "
                            + "an exchange fails outright only when every result failed.")
    private SeedancePartialFailure partialFailure = SeedancePartialFailure.deliver;
    @UriParam(label = "producer,advanced")
    @Metadata(description = "Directory for the temporary video files (default: a camel-seedance folder in the "
                            + "system temporary directory). Each process works in a folder of its own inside it (p, "
                            + "its process id, a dash and a random suffix); each file is "
                            + "deleted when its exchange completes, and the folders that killed processes left are "
                            + "deleted when the next process starts using it.")
    private String tempDirectory;
    @UriParam(label = "producer,advanced", defaultValue = "" + DEFAULT_MAX_INLINE_MEDIA_SIZE)
    @Metadata(description = "The most bytes of media one request may carry inline, in all (images given as bytes, "
                            + "files, streams, data URIs or base64, sent base64 encoded in the request). A file's size "
                            + "is checked before it is read. Larger media are refused before anything is sent: upload "
                            + "them first with seedance:upload and pass their UUID, or pass a URL. Runware does not "
                            + "document its request size limit; the default, 10 MiB, keeps requests well under the "
                            + "limits usual for JSON APIs.")
    private int maxInlineMediaSize = DEFAULT_MAX_INLINE_MEDIA_SIZE;

    // --- cost guard (never taken from headers: a message cannot lift its own limits) ---

    @UriParam(label = "cost", defaultValue = "table")
    @Metadata(description = "How a task is priced before it is submitted: table prices it from the model's price "
                            + "table (resolution x duration x results, no request; a model the table does not know is "
                            + "priced by a dry run); dryRun asks Runware with a dry run, which runs and bills nothing. "
                            + "The price is set as the CamelSeedancePrice header of every exchange, and is what "
                            + "maxCostPerTask and budget check.")
    private CostCheck costCheck = CostCheck.table;
    @UriParam(label = "cost")
    @Metadata(description = "The most a single task may cost, in USD: a task priced above it fails with a "
                            + "CostCapExceededException naming the price, the cap and the parameters that make the "
                            + "price, before any request that could bill is sent.")
    private BigDecimal maxCostPerTask;
    @UriParam(label = "cost")
    @Metadata(description = "The most the tasks of a period may cost together, in USD (see budgetPeriod). Before each "
                            + "submit the task's price is reserved in the budget ledger, atomically; a task that does "
                            + "not fit fails with a BudgetExceededException (spent, reserved, limit, price, when the "
                            + "period resets) before any request that could bill. When the task ends its results are "
                            + "charged at their real cost (includeCost is then always requested). The ledger lives in "
                            + "the task store, so the instances sharing one share the budget.")
    private BigDecimal budget;
    @UriParam(label = "cost", defaultValue = "month")
    @Metadata(description = "The period of the budget: a calendar day, an ISO week (from Monday) or a calendar month, "
                            + "in budgetTimeZone.")
    private BudgetPeriod budgetPeriod = BudgetPeriod.month;
    @UriParam(label = "cost", defaultValue = "UTC")
    @Metadata(description = "The time zone in which budget periods begin and end, such as UTC or Europe/Paris.")
    private String budgetTimeZone = "UTC";
    @UriParam(label = "cost", defaultValue = "default")
    @Metadata(description = "The name of the budget: endpoints (and instances sharing a task store) naming the same "
                            + "budget share its spend, each refusing what would exceed its own limit; give another "
                            + "name for a separate budget.")
    private String budgetName = "default";
    @UriParam(label = "cost", defaultValue = "false")
    @Metadata(description = "Whether each model has a spend of its own under the budget (the limit then applies per "
                            + "model).")
    private boolean budgetPerModel;

    /** A copy of this configuration: each endpoint gets its own from the component's. */
    public SeedanceConfiguration copy() {
        try {
            return (SeedanceConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public String getPositivePrompt() {
        return positivePrompt;
    }

    public void setPositivePrompt(String positivePrompt) {
        this.positivePrompt = positivePrompt;
    }

    public Integer getWidth() {
        return width;
    }

    public void setWidth(Integer width) {
        this.width = width;
    }

    public Integer getHeight() {
        return height;
    }

    public void setHeight(Integer height) {
        this.height = height;
    }

    public String getResolution() {
        return resolution;
    }

    public void setResolution(String resolution) {
        this.resolution = resolution;
    }

    public String getAspectRatio() {
        return aspectRatio;
    }

    public void setAspectRatio(String aspectRatio) {
        this.aspectRatio = aspectRatio;
    }

    public Integer getDuration() {
        return duration;
    }

    public void setDuration(Integer duration) {
        this.duration = duration;
    }

    public Integer getNumberResults() {
        return numberResults;
    }

    public void setNumberResults(Integer numberResults) {
        this.numberResults = numberResults;
    }

    public String getOutputType() {
        return outputType;
    }

    public void setOutputType(String outputType) {
        this.outputType = outputType;
    }

    public String getOutputFormat() {
        return outputFormat;
    }

    public void setOutputFormat(String outputFormat) {
        this.outputFormat = outputFormat;
    }

    public Integer getOutputQuality() {
        return outputQuality;
    }

    public void setOutputQuality(Integer outputQuality) {
        this.outputQuality = outputQuality;
    }

    public String getWebhookURL() {
        return webhookURL;
    }

    public void setWebhookURL(String webhookURL) {
        this.webhookURL = webhookURL;
    }

    public String getDeliveryMethod() {
        return deliveryMethod;
    }

    public void setDeliveryMethod(String deliveryMethod) {
        this.deliveryMethod = deliveryMethod;
    }

    public String getUploadEndpoint() {
        return uploadEndpoint;
    }

    public void setUploadEndpoint(String uploadEndpoint) {
        this.uploadEndpoint = uploadEndpoint;
    }

    public Integer getTtl() {
        return ttl;
    }

    public void setTtl(Integer ttl) {
        this.ttl = ttl;
    }

    public Boolean getIncludeCost() {
        return includeCost;
    }

    public void setIncludeCost(Boolean includeCost) {
        this.includeCost = includeCost;
    }

    public Boolean getAudio() {
        return audio;
    }

    public void setAudio(Boolean audio) {
        this.audio = audio;
    }

    public Boolean getSafetyCheckContent() {
        return safetyCheckContent;
    }

    public void setSafetyCheckContent(Boolean safetyCheckContent) {
        this.safetyCheckContent = safetyCheckContent;
    }

    public String getSafetyMode() {
        return safetyMode;
    }

    public void setSafetyMode(String safetyMode) {
        this.safetyMode = safetyMode;
    }

    public String getReferenceImages() {
        return referenceImages;
    }

    public void setReferenceImages(String referenceImages) {
        this.referenceImages = referenceImages;
    }

    public String getFrameImages() {
        return frameImages;
    }

    public void setFrameImages(String frameImages) {
        this.frameImages = frameImages;
    }

    public String getReferenceVideos() {
        return referenceVideos;
    }

    public void setReferenceVideos(String referenceVideos) {
        this.referenceVideos = referenceVideos;
    }

    public String getReferenceAudios() {
        return referenceAudios;
    }

    public void setReferenceAudios(String referenceAudios) {
        this.referenceAudios = referenceAudios;
    }

    public long getInitialPollDelay() {
        return initialPollDelay;
    }

    public void setInitialPollDelay(long initialPollDelay) {
        this.initialPollDelay = initialPollDelay;
    }

    public long getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(long pollInterval) {
        this.pollInterval = pollInterval;
    }

    public long getMaxPollInterval() {
        return maxPollInterval;
    }

    public void setMaxPollInterval(long maxPollInterval) {
        this.maxPollInterval = maxPollInterval;
    }

    public double getPollMultiplier() {
        return pollMultiplier;
    }

    public void setPollMultiplier(double pollMultiplier) {
        this.pollMultiplier = pollMultiplier;
    }

    public long getWaitTimeout() {
        return waitTimeout;
    }

    public void setWaitTimeout(long waitTimeout) {
        this.waitTimeout = waitTimeout;
    }

    public PollSchedule getPollSchedule() {
        return pollSchedule;
    }

    public void setPollSchedule(PollSchedule pollSchedule) {
        this.pollSchedule = pollSchedule;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public void setIdempotencyKey(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
    }

    public boolean isDownloadVideo() {
        return downloadVideo;
    }

    public void setDownloadVideo(boolean downloadVideo) {
        this.downloadVideo = downloadVideo;
    }

    public boolean isStreamVideo() {
        return streamVideo;
    }

    public void setStreamVideo(boolean streamVideo) {
        this.streamVideo = streamVideo;
    }

    public SeedancePartialFailure getPartialFailure() {
        return partialFailure;
    }

    public void setPartialFailure(SeedancePartialFailure partialFailure) {
        this.partialFailure = partialFailure;
    }

    public String getTempDirectory() {
        return tempDirectory;
    }

    public void setTempDirectory(String tempDirectory) {
        this.tempDirectory = tempDirectory;
    }

    public CostCheck getCostCheck() {
        return costCheck;
    }

    public void setCostCheck(CostCheck costCheck) {
        this.costCheck = costCheck;
    }

    public BigDecimal getMaxCostPerTask() {
        return maxCostPerTask;
    }

    public void setMaxCostPerTask(BigDecimal maxCostPerTask) {
        this.maxCostPerTask = maxCostPerTask;
    }

    public BigDecimal getBudget() {
        return budget;
    }

    public void setBudget(BigDecimal budget) {
        this.budget = budget;
    }

    public BudgetPeriod getBudgetPeriod() {
        return budgetPeriod;
    }

    public void setBudgetPeriod(BudgetPeriod budgetPeriod) {
        this.budgetPeriod = budgetPeriod;
    }

    public String getBudgetTimeZone() {
        return budgetTimeZone;
    }

    public void setBudgetTimeZone(String budgetTimeZone) {
        this.budgetTimeZone = budgetTimeZone;
    }

    public String getBudgetName() {
        return budgetName;
    }

    public void setBudgetName(String budgetName) {
        this.budgetName = budgetName;
    }

    public boolean isBudgetPerModel() {
        return budgetPerModel;
    }

    public void setBudgetPerModel(boolean budgetPerModel) {
        this.budgetPerModel = budgetPerModel;
    }

    public int getMaxInlineMediaSize() {
        return maxInlineMediaSize;
    }

    public void setMaxInlineMediaSize(int maxInlineMediaSize) {
        this.maxInlineMediaSize = maxInlineMediaSize;
    }
}
