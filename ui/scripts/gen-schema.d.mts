// Types of gen-schema.mjs for the contract test.
export const JSON_FILE: string;
export const TS_FILE: string;
export function registryJson(): string;
export function renderTypes(registry: unknown[]): string;
