package dev.catalyst.core.catalog;

import dev.catalyst.core.exec.Usage;
import dev.catalyst.core.workflow.Suggest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model catalog: ids, aliases, prices, context windows, lifecycle and quality. Ships as
 * {@code catalyst/model-catalog.json}; a user file (same format, {@code CATALYST_CATALOG})
 * replaces entries with the same provider and id and adds new ones, so prices can change
 * without a release.
 */
public final class ModelCatalog {
    public static final String OVERRIDE_VARIABLE = "CATALYST_CATALOG";
    private static final String RESOURCE = "/catalyst/model-catalog.json";
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final List<ModelInfo> models;
    private final Map<String, ModelInfo> byRef = new LinkedHashMap<>();

    public ModelCatalog(List<ModelInfo> models) {
        var merged = new LinkedHashMap<String, ModelInfo>();
        for (ModelInfo m : models) merged.put(m.ref(), m);
        this.models = List.copyOf(merged.values());
        for (ModelInfo m : this.models) byRef.put(m.ref(), m);
    }

    /** The catalog that ships with Catalyst. */
    public static ModelCatalog builtIn() {
        return new ModelCatalog(readBuiltIn());
    }

    /** The shipped catalog with the entries of {@code overrideFile} laid over it. */
    public static ModelCatalog withOverride(Path overrideFile) {
        String text;
        try {
            text = Files.readString(overrideFile, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CatalogException("catalog file " + overrideFile + " (" + OVERRIDE_VARIABLE + ") does not exist");
        } catch (IOException e) {
            throw new CatalogException("cannot read catalog file " + overrideFile + ": " + e.getMessage());
        }
        var all = new ArrayList<>(readBuiltIn());
        all.addAll(CatalogReader.read(text, overrideFile.toString()));
        return new ModelCatalog(all);
    }

    /** The shipped catalog, or it with the file named by {@code CATALYST_CATALOG} laid over it. */
    public static ModelCatalog fromEnvironment(Map<String, String> env) {
        String file = env.get(OVERRIDE_VARIABLE);
        return file == null || file.isBlank() ? builtIn() : withOverride(Path.of(file));
    }

    private static List<ModelInfo> readBuiltIn() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new CatalogException("the built-in catalog " + RESOURCE + " is missing from the build");
            return CatalogReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in catalog");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<ModelInfo> all() {
        return models;
    }

    public List<ModelInfo> byProvider(String provider) {
        return models.stream().filter(m -> m.provider().equals(provider)).toList();
    }

    /**
     * Resolves an id, an alias or {@code provider/id} across all providers. A full id wins over a
     * provider prefix, since Groq ids contain a slash ({@code openai/gpt-oss-120b} is a Groq model).
     */
    public Optional<ModelLookup> resolve(String ref) {
        if (ref == null || ref.isBlank()) return Optional.empty();
        Optional<ModelInfo> found = models.stream().filter(m -> m.id().equals(ref)).findFirst();
        if (found.isEmpty()) found = models.stream().filter(m -> m.aliases().contains(ref)).findFirst();
        if (found.isEmpty()) {
            int slash = ref.indexOf('/');
            if (slash > 0) return resolve(ref.substring(0, slash), ref.substring(slash + 1));
        }
        return found.map(ModelCatalog::lookup);
    }

    /** Resolves an id or alias of one provider ({@code provider/id} is accepted too). */
    public Optional<ModelLookup> resolve(String provider, String ref) {
        if (ref == null || ref.isBlank()) return Optional.empty();
        String id = ref.startsWith(provider + "/") && byRef.get(provider + "/" + ref) == null
                ? ref.substring(provider.length() + 1) : ref;
        ModelInfo m = byRef.get(provider + "/" + id);
        if (m == null) {
            m = models.stream().filter(x -> x.provider().equals(provider) && x.aliases().contains(id)).findFirst().orElse(null);
        }
        return Optional.ofNullable(m).map(ModelCatalog::lookup);
    }

    /** Ids of the provider's models closest to a mistyped one, active models first. */
    public List<String> suggest(String provider, String ref) {
        var usable = new ArrayList<String>();
        var retired = new ArrayList<String>();
        models.stream().filter(m -> provider == null || m.provider().equals(provider)).forEach(m -> {
            var into = m.isRetired() ? retired : usable;
            into.add(m.id());
            into.addAll(m.aliases());
        });
        // closest() orders by distance alone, so the two groups are ranked apart and joined
        var out = new ArrayList<>(Suggest.closest(ref, usable, 3));
        Suggest.closest(ref, retired, 3).stream().limit(3 - out.size()).forEach(out::add);
        return List.copyOf(out);
    }

    private static ModelLookup lookup(ModelInfo m) {
        var s = m.status();
        if (m.isRetired()) {
            return new ModelLookup(m, "model " + m.ref() + " is retired" + (s.retirementDate() == null ? "" : " since " + s.retirementDate())
                    + " and no longer served" + replacement(s));
        }
        if (m.isDeprecated()) {
            return new ModelLookup(m, "model " + m.ref() + " is deprecated" + (s.retirementDate() == null ? "" : "; it shuts down on " + s.retirementDate())
                    + replacement(s));
        }
        return new ModelLookup(m, null);
    }

    private static String replacement(ModelInfo.Status s) {
        return s.replacement() == null ? "" : "; use " + s.replacement() + " instead";
    }

    /** Cost in USD of a call made today. */
    public static BigDecimal cost(ModelInfo model, Usage usage) {
        return cost(model, usage, LocalDate.now(java.time.ZoneOffset.UTC));
    }

    /**
     * Cost in USD of a call made on {@code day}: uncached input, cached input (at the cache-read
     * price, or the input price when none is listed) and output. Above a long-context threshold
     * the whole request is billed at the long-context prices. Null when a needed price is unknown.
     */
    public static BigDecimal cost(ModelInfo model, Usage usage, LocalDate day) {
        Pricing p = model.pricing();
        BigDecimal input = p.input();
        BigDecimal output = p.output();
        BigDecimal cached = p.cachedInput();
        // the earliest period still running on that day holds its price, whatever the file's order
        var earlier = p.history().stream().filter(h -> h.until() != null && day.isBefore(h.until()))
                .min(Comparator.comparing(Pricing.Period::until));
        if (earlier.isPresent()) {
            input = earlier.get().input();
            output = earlier.get().output();
        }
        var lc = p.longContext();
        if (lc != null && usage.inputTokens() > lc.thresholdInputTokens() && (lc.until() == null || day.isBefore(lc.until()))) {
            input = lc.input();
            output = lc.output();
            if (lc.cachedInput() != null) cached = lc.cachedInput();
        }
        if (input == null || (usage.outputTokens() > 0 && output == null)) return null;
        if (cached == null) cached = input;
        long uncached = Math.max(0, usage.inputTokens() - usage.cachedInputTokens());
        BigDecimal total = input.multiply(BigDecimal.valueOf(uncached))
                .add(cached.multiply(BigDecimal.valueOf(usage.cachedInputTokens())));
        if (usage.outputTokens() > 0) total = total.add(output.multiply(BigDecimal.valueOf(usage.outputTokens())));
        return total.divide(MILLION, MathContext.DECIMAL64).stripTrailingZeros();
    }
}
