package dev.catalyst.core.catalog;

import dev.catalyst.core.json.Json;
import dev.catalyst.core.json.JsonSyntaxException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reads the catalog file format ({@code models: [...]}, see the file's own {@code schema} section). */
final class CatalogReader {
    private CatalogReader() {}

    static List<ModelInfo> read(String json, String source) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (JsonSyntaxException e) {
            throw new CatalogException(source + ": " + e.getMessage());
        }
        JsonNode models = root.get("models");
        if (models == null || !models.isArray()) {
            throw new CatalogException(source + ": a catalog is an object with a \"models\" list");
        }
        var out = new ArrayList<ModelInfo>();
        for (int i = 0; i < models.size(); i++) {
            JsonNode m = models.get(i);
            String provider = str(m, "provider");
            String id = str(m, "id");
            if (provider == null || id == null) {
                throw new CatalogException(source + ": models[" + i + "] needs a provider and an id");
            }
            try {
                out.add(model(m, provider, id));
            } catch (DateTimeParseException | IllegalArgumentException | tools.jackson.core.JacksonException e) {
                throw new CatalogException(source + ": model " + provider + "/" + id + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static ModelInfo model(JsonNode m, String provider, String id) {
        var aliases = new ArrayList<String>();
        m.path("aliases").forEach(a -> aliases.add(a.stringValue()));
        JsonNode st = m.path("status");
        JsonNode sp = m.path("speed");
        JsonNode emb = m.path("embedding");
        return new ModelInfo(provider, id, str(m, "display_name"), List.copyOf(aliases), str(m, "kind"),
                lng(m, "context_window"), lng(m, "max_input_tokens"), lng(m, "max_output_tokens"),
                pricing(m.path("pricing")), capabilities(m.path("capabilities")),
                new ModelInfo.Status(str(st, "state"), date(st, "deprecated_on"), date(st, "retirement_date"), str(st, "replacement")),
                new ModelInfo.Speed(dbl(sp, "output_tokens_per_s"), dbl(sp, "ttft_s")),
                m.path("quality").hasNonNull("tier") ? m.path("quality").get("tier").asInt() : null,
                emb.hasNonNull("dimensions") ? emb.get("dimensions").asInt() : null);
    }

    private static Pricing pricing(JsonNode p) {
        Pricing.LongContext lc = null;
        JsonNode l = p.path("long_context");
        if (l.isObject()) {
            lc = new Pricing.LongContext(l.path("threshold_input_tokens").asLong(), dec(l, "input"), dec(l, "output"),
                    dec(l, "cached_input"), date(l, "until"));
        }
        var history = new ArrayList<Pricing.Period>();
        p.path("history").forEach(h -> history.add(new Pricing.Period(date(h, "until"), dec(h, "input"), dec(h, "output"))));
        return new Pricing(dec(p, "input"), dec(p, "output"), dec(p, "cached_input"), dec(p, "cache_write"), lc, List.copyOf(history));
    }

    private static Map<String, Boolean> capabilities(JsonNode c) {
        var out = new LinkedHashMap<String, Boolean>();
        if (!c.isObject()) return out;
        for (var e : c.properties()) {
            if (e.getValue().isBoolean()) out.put(e.getKey(), e.getValue().booleanValue());
            else if (e.getValue().isNull()) out.put(e.getKey(), null);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static String str(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static Long lng(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || !v.isNumber() ? null : v.asLong();
    }

    private static Double dbl(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || !v.isNumber() ? null : v.asDouble();
    }

    // A price given as text ("0.5") would silently become "unknown": refuse it instead.
    private static BigDecimal dec(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber()) throw new IllegalArgumentException(key + " must be a number (USD per million tokens), not " + v);
        return v.decimalValue();
    }

    // Catalog dates are YYYY-MM-DD or YYYY-MM; a month means its first day.
    private static LocalDate date(JsonNode n, String key) {
        String s = str(n, key);
        if (s == null) return null;
        return LocalDate.parse(s.length() == 7 ? s + "-01" : s);
    }
}
