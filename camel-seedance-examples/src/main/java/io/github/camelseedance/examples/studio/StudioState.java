package io.github.camelseedance.examples.studio;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;

/**
 * What the page shows, as JSON-ready maps: the backend, the spend, the form's defaults and choices, and the jobs.
 */
final class StudioState {

    static final List<String> MODELS = List.of("bytedance:seedance@2.0-mini", "bytedance:seedance@2.0-fast",
            "bytedance:seedance@2.0");
    static final List<String> RESOLUTIONS = List.of("480p", "720p", "1080p", "4k");
    static final List<String> ASPECT_RATIOS = List.of("16:9", "4:3", "1:1", "3:4", "9:16", "21:9");
    static final List<String> FORMATS = List.of("MP4", "WEBM", "MOV");

    private final StudioJobs jobs;
    private final SpendLedger spend;
    private final Backend backend;
    private final CamelContext context;

    StudioState(StudioJobs jobs, SpendLedger spend, Backend backend, CamelContext context) {
        this.jobs = jobs;
        this.spend = spend;
        this.backend = backend;
        this.context = context;
    }

    /** Everything the page needs at once. */
    Map<String, Object> snapshot() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("now", jobs.now().toEpochMilli());
        Map<String, Object> api = new LinkedHashMap<>();
        api.put("kind", backend.kind().name().toLowerCase(java.util.Locale.ROOT));
        api.put("billed", backend.billed());
        api.put("baseUrl", backend.baseUrl());
        api.put("description", backend.describe());
        state.put("backend", api);
        state.put("spend", spend());
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("model", setting("camel.component.seedance.configuration.model", MODELS.get(0)));
        defaults.put("resolution", setting("studio.resolution", "480p"));
        defaults.put("aspectRatio", setting("studio.aspectRatio", "16:9"));
        defaults.put("duration", Integer.valueOf(setting("studio.duration", "5")));
        defaults.put("outputFormat", "MP4");
        defaults.put("audio", true);
        defaults.put("numberResults", 1);
        state.put("defaults", defaults);
        state.put("choices", Map.of("model", MODELS, "resolution", RESOLUTIONS, "aspectRatio", ASPECT_RATIOS,
                "outputFormat", FORMATS, "duration", Map.of("min", 4, "max", 15), "numberResults",
                Map.of("min", 1, "max", 4)));
        state.put("jobs", jobs.all().stream().map(StudioState::job).toList());
        return state;
    }

    /** Today's and this month's spend; there is no budget yet, and the page says where it would appear. */
    Map<String, Object> spend() {
        Map<String, Object> spent = new LinkedHashMap<>();
        spent.put("currency", "USD");
        spent.put("today", spend.today());
        spent.put("month", spend.thisMonth());
        spent.put("budget", null);
        spent.put("ledger", spend.file().toString());
        return spent;
    }

    static Map<String, Object> job(StudioJob job) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", job.id());
        map.put("input", job.input());
        map.put("state", job.state().name().toLowerCase(java.util.Locale.ROOT));
        map.put("prompt", job.prompt());
        map.put("options", job.options());
        map.put("queuedAt", millis(job.queuedAt()));
        map.put("startedAt", millis(job.startedAt()));
        map.put("finishedAt", millis(job.finishedAt()));
        map.put("estimate", job.estimate());
        map.put("taskUUID", job.taskUUID());
        map.put("videos", job.videos().stream().map(v -> {
            Map<String, Object> video = new LinkedHashMap<>();
            video.put("file", v.file());
            video.put("url", "/videos/" + java.net.URLEncoder.encode(v.file(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20"));
            video.put("seed", v.seed());
            video.put("cost", v.cost());
            video.put("size", v.size());
            return video;
        }).toList());
        map.put("cost", job.cost());
        map.put("error", job.error());
        map.put("parameters", job.parameters());
        map.put("retry", job.retryFrom() != null);
        return map;
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private String setting(String name, String fallback) {
        return context.getPropertiesComponent().resolveProperty(name).orElse(fallback);
    }
}
