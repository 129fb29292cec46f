package dev.catalyst.core.nodes.textjoin;

/**
 * A textJoin node's config (schema: {@code textJoin.json}), read with the schema's defaults filled in.
 *
 * @param separator put between two texts
 * @param skipBlank leave out empty and whitespace-only texts
 * @param prefix    put before each text
 */
public record TextJoinConfig(String separator, Boolean skipBlank, String prefix) {}
