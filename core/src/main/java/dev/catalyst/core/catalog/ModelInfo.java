package dev.catalyst.core.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One model of the catalog. Fields the source did not confirm are null.
 *
 * @param capabilities streaming, tools, json_mode, json_schema, vision, system_prompt, reasoning → true/false/null
 */
public record ModelInfo(
        String provider,
        String id,
        String displayName,
        List<String> aliases,
        String kind,
        Long contextWindow,
        Long maxInputTokens,
        Long maxOutputTokens,
        Pricing pricing,
        Map<String, Boolean> capabilities,
        Status status,
        Speed speed,
        Integer qualityTier,
        Integer embeddingDimensions) {

    /** Lifecycle: {@code active}, {@code deprecated}, {@code retired}, or null when unknown. */
    public record Status(String state, LocalDate deprecatedOn, LocalDate retirementDate, String replacement) {}

    /** Public speed medians: output tokens per second and time to first token in seconds. */
    public record Speed(Double outputTokensPerS, Double ttftS) {}

    /** {@code provider/id}, the form that is unique across providers. */
    public String ref() {
        return provider + "/" + id;
    }

    @JsonIgnore
    public boolean isRetired() {
        return status != null && "retired".equals(status.state());
    }

    @JsonIgnore
    public boolean isDeprecated() {
        return status != null && "deprecated".equals(status.state());
    }

    @JsonIgnore
    public boolean isChat() {
        return "chat".equals(kind);
    }

    public boolean supports(String capability) {
        return capabilities != null && Boolean.TRUE.equals(capabilities.get(capability));
    }
}
