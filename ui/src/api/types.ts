// Shapes of the HTTP API contract (ARCHITECTURE.md). The UI talks to the server only through these.

import type { PortTypeName } from '../schema/nodes.generated';

// Port types come from the server's registry (src/schema/nodes.generated.ts, `npm run schema`).
export type { PortTypeName };

export interface PortSpec {
  name: string;
  type: PortTypeName;
  required?: boolean;
  many?: boolean;
  description?: string;
}

/** A JSON Schema fragment, as far as the config forms read it. */
export interface JsonSchema {
  type?: string | string[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
  additionalProperties?: boolean | JsonSchema;
}

/** One entry of GET /api/nodes (the same JSON `./catalyst nodes --json` prints). */
export interface NodeTypeSpec {
  type: string;
  category: string;
  label: string;
  description: string;
  provider: string | null;
  streaming: boolean;
  credentials: string[];
  inputs: PortSpec[];
  outputs: PortSpec[];
  requiredInputs: string[][];
  expressions: Record<string, 'template' | 'expression' | string>;
  config: JsonSchema;
  defaults: Record<string, unknown>;
}

export interface ModelInfo {
  provider: string;
  id: string;
  displayName?: string;
  aliases?: string[];
  kind: string;
  contextWindow?: number | null;
  maxOutputTokens?: number | null;
  pricing?: { input?: number | null; output?: number | null; cachedInput?: number | null } | null;
  status?: { state: string; deprecatedOn?: string | null; retirementDate?: string | null; replacement?: string | null } | null;
  qualityTier?: number | null;
  embeddingDimensions?: number | null;
}

export interface InputSpec {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';
  default?: unknown;
  description?: string;
  required?: boolean;
}

export interface WorkflowNode {
  id: string;
  type: string;
  position: { x: number; y: number };
  label?: string;
  config: Record<string, unknown>;
  /** The node does not run (ADR 23); written only when true. */
  disabled?: boolean;
}

export interface WorkflowEdge {
  id: string;
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
}

/** The workflow JSON contract (schemaVersion 1). */
export interface WorkflowJson {
  schemaVersion: 1;
  id: string;
  name?: string;
  description?: string;
  inputs?: Record<string, InputSpec>;
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
  outputs?: Record<string, string>;
  ui?: Record<string, unknown>;
}

export interface ValidationIssue {
  nodeId?: string | null;
  edgeId?: string | null;
  field?: string | null;
  code: string;
  message: string;
  severity?: 'error' | 'warning';
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationIssue[];
}

export type RunStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  cachedInputTokens?: number;
  totalTokens?: number;
}

export interface ErrorInfo {
  code: string;
  message: string;
  retryable?: boolean;
  nodeId?: string;
  retryAfterMs?: number;
}

/** Run events (SSE `event:` name → `data:` JSON). */
export type RunEvent =
  | { name: 'run.started'; data: { runId: string; workflowId?: string } }
  | { name: 'node.started'; data: { nodeId: string; type: string } }
  | { name: 'token'; data: { nodeId: string; text: string; index?: number } }
  | { name: 'router.decision'; data: { nodeId: string; chosen: string; reason?: string; candidates?: unknown; attempt?: number } }
  | { name: 'node.completed'; data: { nodeId: string; output?: unknown; usage?: Usage; costUsd?: number; latencyMs?: number; ttftMs?: number | null } }
  | { name: 'node.failed'; data: { nodeId: string; error: ErrorInfo; partialText?: string } }
  | { name: 'run.completed'; data: { runId: string; outputs?: Record<string, unknown> } }
  | { name: 'run.failed'; data: { runId: string; error: ErrorInfo } }
  | { name: 'run.cancelled'; data: { runId: string; reason?: string } };

export type RunEventName = RunEvent['name'];

export interface RunSummary {
  id: string;
  status: RunStatus;
  workflowId?: string;
  createdAt?: string;
  startedAt?: string;
  finishedAt?: string;
  /** Summed over the run's nodes; null until the run has finished. */
  inputTokens?: number | null;
  outputTokens?: number | null;
  costUsd?: number | null;
}

/** The answer to a save (POST/PUT /api/workflows, a restore). */
export interface SavedWorkflow {
  id: string;
  version: number;
  valid: boolean;
  errors: ValidationIssue[];
}

/** One kept version of a stored workflow. */
export interface VersionInfo {
  version: number;
  name?: string | null;
  savedAt: string;
}

export interface SecretInfo {
  name: string;
  source?: string;
  updatedAt?: string | null;
  /** Set when a key stored now reaches runs only after a restart (a server in simulate mode). */
  restart?: string;
}

/** One cheap call with a stored key: `ok`, `auth` (wrong or revoked), `permission`, or `failed`. */
export interface SecretTest {
  name: string;
  provider: string;
  model: string;
  outcome: 'ok' | 'auth' | 'permission' | 'failed';
  message: string;
}
