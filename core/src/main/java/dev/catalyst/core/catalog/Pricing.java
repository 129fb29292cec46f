package dev.catalyst.core.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * USD per million tokens. Null prices are unknown (the catalog never guesses).
 *
 * @param longContext surcharge for requests whose input passes a threshold (whole request billed at it)
 * @param history     earlier list prices, each valid until a date
 */
public record Pricing(BigDecimal input, BigDecimal output, BigDecimal cachedInput, BigDecimal cacheWrite,
                      LongContext longContext, List<Period> history) {

    public record LongContext(long thresholdInputTokens, BigDecimal input, BigDecimal output, BigDecimal cachedInput,
                              LocalDate until) {}

    public record Period(LocalDate until, BigDecimal input, BigDecimal output) {}
}
