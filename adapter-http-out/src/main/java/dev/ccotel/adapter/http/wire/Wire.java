package dev.ccotel.adapter.http.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The backend's JSON shapes. Every absent value is {@code null} here and left out of the JSON;
 * {@link WireMapper} decides what counts as absent (empty strings, zero totals, empty optionals),
 * so these records stay a plain picture of the contract.
 */
final class Wire {
    private Wire() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Request(String host, String project, Session session, List<Event> events, List<Metric> metrics) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Session(
            String sessionId,
            Boolean sessionIdSynthetic,
            String appVersion,
            String organizationId,
            String userAccountUuid,
            String userId,
            String terminalType,
            String serviceVersion,
            String osType,
            String osVersion,
            String hostArch,
            Long startedAt,
            Double activeTimeSeconds,
            Long totalPrompts,
            Long totalToolCalls,
            Long totalApiRequests,
            Double totalCostUsd,
            Long linesAdded,
            Long linesRemoved,
            Long commitsCreated,
            Long prsCreated,
            Long totalInputTokens,
            Long totalOutputTokens,
            Long totalCacheReadTokens,
            Long totalCacheCreationTokens) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Event(
            String eventId,
            String eventType,
            Long timestamp,
            Long sequence,
            String promptId,
            String model,
            Double costUsd,
            Long durationMs,
            Long inputTokens,
            Long outputTokens,
            Long cacheReadTokens,
            Long cacheCreationTokens,
            String toolName,
            Boolean success,
            String decision,
            String source,
            String error,
            Long promptLength,
            String prompt,
            JsonNode toolParameters,
            String toolParametersRaw,
            String toolInput,
            Long toolInputSizeBytes,
            Long statusCode,
            Long attempt,
            String language,
            Map<String, Object> attributes) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Metric(
            String metricId,
            String metricType,
            Long timestamp,
            double value,
            String model,
            String tokenType,
            String linesType,
            String tool,
            String decision,
            String source,
            String language,
            String startType) {}

    /** The backend's answer; read leniently because only {@code message} is ever shown to anyone. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Response(Boolean success, Long eventsProcessed, Long metricsProcessed, String message) {}
}
